package se.skanna.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/** Accounts are disabled, enabled, re-keyed and deleted through the API; each change is in the action log. */
@SkannaTest
class StaffAccountLifecycleTest {

    static final String NEW_PASSWORD = "a-brand-new-password-7";

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordChecks checks;

    Api api;
    Store store;
    String hq;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        store = fixtures.store();
        hq = fixtures.account(Role.HQ);
    }

    @Test
    void a_disabled_account_cannot_sign_in_until_enabled_again() {
        String staff = fixtures.account(Role.STAFF, store.id());
        assertThat(signsIn(staff, TestFixtures.PASSWORD)).isTrue();

        Api.Response disabled = post("/api/v1/staff/" + staff + "/disable", hq);
        boolean whileDisabled = signsIn(staff, TestFixtures.PASSWORD);
        Api.Response enabled = post("/api/v1/staff/" + staff + "/enable", hq);

        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        assertThat(whileDisabled).isFalse();
        assertThat(enabled.json().get("enabled").asBoolean()).isTrue();
        assertThat(signsIn(staff, TestFixtures.PASSWORD)).isTrue();
        assertThat(entries(hq))
                .containsExactly(
                        List.of("ACCOUNT_DISABLED", store.id(), staff), List.of("ACCOUNT_ENABLED", store.id(), staff));
    }

    @Test
    void hq_gives_an_account_a_new_password_and_deletes_it() {
        String manager = fixtures.account(Role.MANAGER, store.id());

        Api.Response weak = api.request("PUT", "/api/v1/staff/" + manager + "/password")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("password", "short"))
                .send();
        Api.Response reset = api.request("PUT", "/api/v1/staff/" + manager + "/password")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("password", NEW_PASSWORD))
                .send();

        assertThat(weak.problemCode()).isEqualTo("weak_password");
        assertThat(reset.status()).as(reset.body()).isEqualTo(204);
        assertThat(signsIn(manager, TestFixtures.PASSWORD)).isFalse();
        assertThat(signsIn(manager, NEW_PASSWORD)).isTrue();

        Api.Response deleted = api.request("DELETE", "/api/v1/staff/" + manager)
                .as(hq, TestFixtures.PASSWORD)
                .send();
        Api.Response again = api.request("DELETE", "/api/v1/staff/" + manager)
                .as(hq, TestFixtures.PASSWORD)
                .send();

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(signsIn(manager, NEW_PASSWORD)).isFalse();
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.problemCode()).isEqualTo("account_not_found");
        assertThat(entries(hq))
                .containsExactly(
                        List.of("PASSWORD_RESET", store.id(), manager),
                        List.of("ACCOUNT_DELETED", store.id(), manager));
    }

    @Test
    void nobody_disables_or_deletes_their_own_account() {
        Api.Response disable = post("/api/v1/staff/" + hq + "/disable", hq);
        Api.Response delete = api.request("DELETE", "/api/v1/staff/" + hq)
                .as(hq, TestFixtures.PASSWORD)
                .send();

        assertThat(disable.status()).isEqualTo(409);
        assertThat(disable.problemCode()).isEqualTo("own_account");
        assertThat(delete.problemCode()).isEqualTo("own_account");
        assertThat(signsIn(hq, TestFixtures.PASSWORD)).isTrue();
        assertThat(entries(hq)).isEmpty();
    }

    @Test
    void a_manager_manages_the_staff_of_their_own_stores_only_and_deletes_nobody() {
        String manager = fixtures.account(Role.MANAGER, store.id());
        String ownStaff = fixtures.account(Role.STAFF, store.id());
        Store other = fixtures.store();
        String otherStaff = fixtures.account(Role.STAFF, other.id());
        String sharedStaff = fixtures.account(Role.STAFF, store.id(), other.id());
        String fellowManager = fixtures.account(Role.MANAGER, store.id());
        String staff = fixtures.account(Role.STAFF, store.id());

        Api.Response own = post("/api/v1/staff/" + ownStaff + "/disable", manager);
        Api.Response otherStore = post("/api/v1/staff/" + otherStaff + "/disable", manager);
        Api.Response shared = post("/api/v1/staff/" + sharedStaff + "/disable", manager);
        Api.Response managerAccount = post("/api/v1/staff/" + fellowManager + "/disable", manager);
        Api.Response delete = api.request("DELETE", "/api/v1/staff/" + ownStaff)
                .as(manager, TestFixtures.PASSWORD)
                .send();
        Api.Response byStaff = post("/api/v1/staff/" + ownStaff + "/enable", staff);

        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(otherStore.status()).isEqualTo(403);
        assertThat(shared.status()).isEqualTo(403);
        assertThat(managerAccount.status()).isEqualTo(403);
        assertThat(delete.status()).isEqualTo(403);
        assertThat(byStaff.status()).isEqualTo(403);
        assertThat(signsIn(otherStaff, TestFixtures.PASSWORD)).isTrue();
        assertThat(signsIn(sharedStaff, TestFixtures.PASSWORD)).isTrue();
        assertThat(entries(manager)).containsExactly(List.of("ACCOUNT_DISABLED", store.id(), ownStaff));
    }

    @Test
    void an_account_changes_its_own_password_given_the_current_one() {
        String staff = fixtures.account(Role.STAFF, store.id());

        Api.Response wrong = change(staff, TestFixtures.PASSWORD, "not-the-current-one", NEW_PASSWORD);
        Api.Response weak = change(staff, TestFixtures.PASSWORD, TestFixtures.PASSWORD, "short");
        Api.Response changed = change(staff, TestFixtures.PASSWORD, TestFixtures.PASSWORD, NEW_PASSWORD);

        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.problemCode()).isEqualTo("wrong_password");
        assertThat(weak.problemCode()).isEqualTo("weak_password");
        assertThat(changed.status()).as(changed.body()).isEqualTo(204);
        assertThat(signsIn(staff, TestFixtures.PASSWORD)).isFalse();
        assertThat(signsIn(staff, NEW_PASSWORD)).isTrue();
        assertThat(entries(staff)).containsExactly(List.of("PASSWORD_CHANGED", store.id(), staff));
        String hash = jdbc.sql("select password_hash from staff_account where username = :u")
                .param("u", staff)
                .query(String.class)
                .single();
        assertThat(hash).startsWith("{bcrypt}").doesNotContain(NEW_PASSWORD);
    }

    @Test
    void when_every_password_check_slot_is_taken_basic_fails_fast_with_503_and_other_calls_go_on() {
        String token = api.request("POST", "/api/v1/tokens")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("name", "Busy test", "role", "HQ"))
                .send()
                .json()
                .get("token")
                .asString();
        int taken = 0;
        try {
            while (checks.tryTakeSlot()) {
                taken++;
            }
            assertThat(taken).isEqualTo(checks.maxConcurrent());

            long started = System.nanoTime();
            Api.Response busy = api.request("GET", "/api/v1/staff")
                    .as(hq, TestFixtures.PASSWORD)
                    .send();
            long millis = (System.nanoTime() - started) / 1_000_000;
            Api.Response publicCall = api.get("/api/v1/stores/" + store.id());
            Api.Response withToken = api.request("GET", "/api/v1/staff")
                    .header("Authorization", "Bearer " + token)
                    .send();

            assertThat(busy.status()).isEqualTo(503);
            assertThat(busy.problemCode()).isEqualTo("sign_in_busy");
            assertThat(busy.header("Retry-After")).isEqualTo("1");
            assertThat(millis).as("fails at once, does not queue").isLessThan(2000);
            assertThat(publicCall.status()).isEqualTo(200);
            assertThat(withToken.status()).isEqualTo(200);
        } finally {
            for (int i = 0; i < taken; i++) {
                checks.releaseSlot();
            }
        }
        assertThat(signsIn(hq, TestFixtures.PASSWORD)).isTrue();
    }

    private Api.Response change(String username, String signInWith, String current, String next) {
        return api.request("PUT", "/api/v1/account/password")
                .as(username, signInWith)
                .json(Map.of("currentPassword", current, "newPassword", next))
                .send();
    }

    private Api.Response post(String path, String as) {
        return api.request("POST", path).as(as, TestFixtures.PASSWORD).send();
    }

    /** Whether HTTP Basic with these credentials gets past sign-in (the call itself may still be refused). */
    private boolean signsIn(String username, String password) {
        return api.request("GET", "/api/v1/stores/" + store.id() + "/journal/verification")
                        .as(username, password)
                        .send()
                        .status()
                != 401;
    }

    /** The user's log entries, oldest first: action, store, target. */
    private List<List<String>> entries(String username) {
        return jdbc.sql("select action, store_id, target from console_action where username = :user order by id")
                .param("user", username)
                .query((rs, n) -> List.of(
                        rs.getString("action"),
                        String.valueOf(rs.getString("store_id")),
                        String.valueOf(rs.getString("target"))))
                .list();
    }
}
