package se.skanna.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/**
 * HTTP Basic guessing is throttled per account and per address, with growing waits, then a lockout in the
 * action log. Small limits and short waits (own contexts: a locked test address must not reach other tests).
 */
class SignInThrottleApiTest {

    static Api.Response basic(Api api, Store store, String username, String password) {
        return api.request("GET", "/api/v1/stores/" + store.id() + "/journal/verification")
                .as(username, password)
                .send();
    }

    static void pause() throws InterruptedException {
        Thread.sleep(400); // past the 300 ms wait
    }

    static List<String> lockouts(JdbcClient jdbc, String target) {
        return jdbc.sql("select detail from console_action where username = 'system' and action = 'SIGN_IN_LOCKED'"
                        + " and target = :target")
                .param("target", target)
                .query(String.class)
                .list();
    }

    @Nested
    @SkannaTest
    @TestPropertySource(
            properties = {
                "skanna.sign-in.account.free-failures=2",
                "skanna.sign-in.account.lockout-after=4",
                "skanna.sign-in.first-delay=300ms",
                "skanna.sign-in.max-delay=300ms",
                "skanna.sign-in.address.free-failures=1000",
                "skanna.sign-in.address.lockout-after=2000"
            })
    class PerAccount {

        @LocalServerPort
        int port;

        @Autowired
        TestFixtures fixtures;

        @Autowired
        JdbcClient jdbc;

        @Test
        void wrong_passwords_make_the_account_wait_then_lock_it_out_until_hq_gives_it_a_new_password()
                throws Exception {
            Api api = new Api(port);
            Store store = fixtures.store();
            String manager = fixtures.account(Role.MANAGER, store.id());
            String hq = fixtures.account(Role.HQ);

            for (int i = 0; i < 3; i++) {
                assertThat(basic(api, store, manager, "guess-" + i).status()).isEqualTo(401);
            }
            Api.Response waiting = basic(api, store, manager, TestFixtures.PASSWORD);
            Api.Response otherAccount = basic(api, store, hq, TestFixtures.PASSWORD);
            pause();
            Api.Response afterTheWait = basic(api, store, manager, "guess-3");
            Api.Response locked = basic(api, store, manager, TestFixtures.PASSWORD);
            pause();
            Api.Response stillLocked = basic(api, store, manager, TestFixtures.PASSWORD);

            assertThat(waiting.status()).isEqualTo(429);
            assertThat(waiting.problemCode()).isEqualTo("sign_in_throttled");
            assertThat(waiting.header("Retry-After")).isEqualTo("1");
            assertThat(otherAccount.status()).as("only this account waits").isEqualTo(200);
            assertThat(afterTheWait.status()).isEqualTo(401);
            assertThat(locked.status()).isEqualTo(429);
            assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(890L, 900L);
            assertThat(stillLocked.status()).isEqualTo(429);
            assertThat(lockouts(jdbc, "account:" + manager))
                    .singleElement()
                    .asString()
                    .startsWith("locked for 15 min: account " + manager + " after 4 failed sign-ins from ");

            Api.Response reset = api.request("PUT", "/api/v1/staff/" + manager + "/password")
                    .as(hq, TestFixtures.PASSWORD)
                    .json(Map.of("password", "after-the-lockout-99"))
                    .send();
            assertThat(reset.status()).isEqualTo(204);
            assertThat(basic(api, store, manager, "after-the-lockout-99").status())
                    .isEqualTo(200);
        }

        @Test
        void enabling_a_locked_account_lifts_the_lockout() throws Exception {
            Api api = new Api(port);
            Store store = fixtures.store();
            String manager = fixtures.account(Role.MANAGER, store.id());
            String staff = fixtures.account(Role.STAFF, store.id());
            for (int i = 0; i < 4; i++) {
                assertThat(basic(api, store, staff, "guess-" + i).status()).isEqualTo(401);
                pause();
            }
            assertThat(basic(api, store, staff, TestFixtures.PASSWORD).status()).isEqualTo(429);

            Api.Response unlocked = api.request("POST", "/api/v1/staff/" + staff + "/enable")
                    .as(manager, TestFixtures.PASSWORD)
                    .send();

            assertThat(unlocked.status()).as(unlocked.body()).isEqualTo(200);
            assertThat(basic(api, store, staff, TestFixtures.PASSWORD).status())
                    .as("signed in; a STAFF account may not verify journals")
                    .isEqualTo(403);
        }

        @Test
        void a_correct_password_before_the_waits_start_clears_the_count() throws Exception {
            Api api = new Api(port);
            Store store = fixtures.store();
            String manager = fixtures.account(Role.MANAGER, store.id());

            for (int round = 0; round < 3; round++) {
                assertThat(basic(api, store, manager, "typo-1").status()).isEqualTo(401);
                assertThat(basic(api, store, manager, "typo-2").status()).isEqualTo(401);
                assertThat(basic(api, store, manager, TestFixtures.PASSWORD).status())
                        .isEqualTo(200);
            }
        }
    }

    @Nested
    @SkannaTest
    @TestPropertySource(
            properties = {
                "skanna.sign-in.address.free-failures=2",
                "skanna.sign-in.address.lockout-after=4",
                "skanna.sign-in.first-delay=300ms",
                "skanna.sign-in.max-delay=300ms",
                "skanna.sign-in.account.free-failures=1000",
                "skanna.sign-in.account.lockout-after=2000"
            })
    class PerAddress {

        @LocalServerPort
        int port;

        @Autowired
        TestFixtures fixtures;

        @Autowired
        JdbcClient jdbc;

        @Test
        void an_address_guessing_one_password_for_each_of_many_accounts_is_throttled_then_locked_out()
                throws Exception {
            // an address of its own: on PostgreSQL the count is shared, and 127.0.0.1 is every other test's
            Api api = Api.ownAddress(port);
            Store store = fixtures.store();
            String honest = fixtures.account(Role.MANAGER, store.id());

            for (int i = 0; i < 3; i++) {
                assertThat(basic(api, store, TestFixtures.unique("victim-"), "password1")
                                .status())
                        .isEqualTo(401);
            }
            Api.Response waiting = basic(api, store, honest, TestFixtures.PASSWORD);
            pause();
            assertThat(basic(api, store, TestFixtures.unique("victim-"), "password1")
                            .status())
                    .isEqualTo(401);
            Api.Response locked = basic(api, store, honest, TestFixtures.PASSWORD);

            assertThat(waiting.status()).isEqualTo(429);
            assertThat(waiting.problemCode()).isEqualTo("sign_in_throttled");
            assertThat(locked.status()).isEqualTo(429);
            assertThat(Long.parseLong(locked.header("Retry-After"))).isGreaterThan(800L);
            List<String> logged = jdbc.sql("select target from console_action where username = 'system'"
                            + " and action = 'SIGN_IN_LOCKED' and target like 'address:%'")
                    .query(String.class)
                    .list();
            assertThat(logged).isNotEmpty();
        }
    }
}
