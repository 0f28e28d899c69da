package se.skanna.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/** The console's form login is throttled like HTTP Basic, and the login page says for how long. */
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
class ConsoleSignInThrottleTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Test
    void after_too_many_wrong_passwords_the_login_page_says_to_wait_then_that_the_account_is_locked() throws Exception {
        Store store = fixtures.store();
        String staff = fixtures.account(Role.STAFF, store.id());
        ConsoleSession session = new ConsoleSession(port);
        for (int i = 0; i < 3; i++) {
            assertThat(location(session.signIn(staff, "guess-" + i))).endsWith("/login?error");
        }

        String waiting = location(session.signIn(staff, TestFixtures.PASSWORD));
        Thread.sleep(400);
        assertThat(location(session.signIn(staff, "guess-3"))).endsWith("/login?error");
        String locked = location(session.signIn(staff, TestFixtures.PASSWORD));

        assertThat(waiting).endsWith("/login?throttled=1");
        assertThat(session.get("/login?throttled=1").body())
                .contains("För många misslyckade inloggningar. Försök igen om 1 s.");
        assertThat(locked).matches(".*/login\\?throttled=(89\\d|900)");
        assertThat(session.get(locked.substring(locked.indexOf("/login"))).body())
                .contains("Försök igen om 15 min.");
        assertThat(session.get("/console").headers().firstValue("Location").orElseThrow())
                .as("not signed in")
                .endsWith("/login");
    }

    private static String location(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).isEqualTo(302);
        return answer.headers().firstValue("Location").orElseThrow();
    }
}
