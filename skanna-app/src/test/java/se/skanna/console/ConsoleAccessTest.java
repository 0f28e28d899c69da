package se.skanna.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.store.StoreNetwork;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/** Role and store checks of every console page and action, through a signed-in session as a browser has. */
@SkannaTest
class ConsoleAccessTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    StoreNetwork network;

    @Autowired
    JdbcClient jdbc;

    Store own;
    Store other;

    @BeforeEach
    void setUp() {
        own = fixtures.store();
        other = fixtures.store();
    }

    ConsoleSession signedIn(String username) {
        ConsoleSession session = new ConsoleSession(port);
        HttpResponse<String> login = session.signIn(username, TestFixtures.PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/console");
        return session;
    }

    @Test
    void anonymous_visitors_are_sent_to_the_login_page() {
        ConsoleSession anonymous = new ConsoleSession(port);
        for (String path : new String[] {"/console", "/console/hq", "/console/stores/" + own.id()}) {
            HttpResponse<String> answer = anonymous.get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        }
        HttpResponse<String> login = anonymous.get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("Logga in").contains("name=\"_csrf\"");
    }

    @Test
    void the_login_page_speaks_english_when_asked() {
        Api.Response login = new Api(port)
                .request("GET", "/login")
                .header("Accept-Language", "en")
                .send();
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("Username").contains("Password").contains(">Sign in<");
        assertThat(login.header("Content-Security-Policy")).contains("default-src 'self'");
    }

    @Test
    void a_wrong_password_returns_to_the_login_page_with_a_message() {
        String staff = fixtures.account(Role.STAFF, own.id());
        ConsoleSession session = new ConsoleSession(port);
        HttpResponse<String> login = session.signIn(staff, "not-the-password");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(session.get("/login?error").body()).contains("Fel användarnamn eller lösenord.");
    }

    @Test
    void a_session_ends_once_its_account_is_disabled_re_keyed_or_deleted() {
        String hq = fixtures.account(Role.HQ);
        Api api = new Api(port);
        String disabled = fixtures.account(Role.STAFF, own.id());
        String rekeyed = fixtures.account(Role.STAFF, own.id());
        String deleted = fixtures.account(Role.STAFF, own.id());
        ConsoleSession disabledSession = signedIn(disabled);
        ConsoleSession rekeyedSession = signedIn(rekeyed);
        ConsoleSession deletedSession = signedIn(deleted);
        ConsoleSession untouched = signedIn(fixtures.account(Role.STAFF, own.id()));
        String page = "/console/stores/" + own.id();
        assertThat(disabledSession.get(page).statusCode()).isEqualTo(200);

        assertThat(api.request("POST", "/api/v1/staff/" + disabled + "/disable")
                        .as(hq, TestFixtures.PASSWORD)
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(api.request("PUT", "/api/v1/staff/" + rekeyed + "/password")
                        .as(hq, TestFixtures.PASSWORD)
                        .json(Map.of("password", "a-fresh-password-123"))
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(api.request("DELETE", "/api/v1/staff/" + deleted)
                        .as(hq, TestFixtures.PASSWORD)
                        .send()
                        .status())
                .isEqualTo(204);

        for (ConsoleSession ended : new ConsoleSession[] {disabledSession, rekeyedSession, deletedSession}) {
            HttpResponse<String> answer = ended.get(page);
            assertThat(answer.statusCode()).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        }
        assertThat(untouched.get(page).statusCode()).isEqualTo(200);
        HttpResponse<String> again = new ConsoleSession(port).signIn(disabled, TestFixtures.PASSWORD);
        assertThat(again.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(api.request("POST", "/api/v1/staff/" + disabled + "/enable")
                        .as(hq, TestFixtures.PASSWORD)
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(disabledSession.get(page).statusCode())
                .as("enabling again does not bring an old session back")
                .isEqualTo(302);
        signedIn(disabled);
    }

    @Test
    void staff_see_their_own_store_only_and_no_manager_or_hq_pages() {
        String staff = fixtures.account(Role.STAFF, own.id());
        ConsoleSession session = signedIn(staff);

        assertThat(session.get("/console").headers().firstValue("Location").orElseThrow())
                .endsWith("/console/stores/" + own.id());
        assertThat(session.get("/console/stores/" + own.id()).statusCode()).isEqualTo(200);
        for (String path : new String[] {
            "/console/stores/" + other.id(),
            "/console/stores/" + other.id() + "/manager",
            "/console/stores/" + own.id() + "/manager",
            "/console/hq",
            "/console/hq/audit-log",
            "/console/stores/no-such-store"
        }) {
            assertForbiddenPage(session.get(path), path);
        }
        String page = "/console/stores/" + own.id();
        assertForbiddenPage(
                session.postWithToken(
                        page, "/console/stores/" + own.id() + "/manager/status", Map.of("status", "CLOSED")),
                "manager status");
        assertForbiddenPage(
                session.postWithToken(page, "/console/stores/" + other.id() + "/exit-passes", Map.of("token", "x.y")),
                "another store's exit");
        assertForbiddenPage(
                session.postWithToken(
                        page,
                        "/console/hq/incidents",
                        Map.of("title", "Nope", "status", "CLOSED", "region", own.region())),
                "incident");
        assertThat(network.get(own.id()).status().name()).isEqualTo("OPEN");
        assertThat(jdbc.sql("select count(*) from console_action where username = :u")
                        .param("u", staff)
                        .query(Long.class)
                        .single())
                .as("refused actions change nothing and log nothing")
                .isZero();
    }

    @Test
    void forms_without_the_csrf_token_are_refused() {
        String manager = fixtures.account(Role.MANAGER, own.id());
        ConsoleSession session = signedIn(manager);
        HttpResponse<String> answer = session.post(
                "/console/stores/" + own.id() + "/manager/status", Map.of("status", "CLOSED", "message", "x"));
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(network.get(own.id()).status().name()).isEqualTo("OPEN");
    }

    @Test
    void a_manager_sets_the_store_status_and_the_change_is_logged() {
        String manager = fixtures.account(Role.MANAGER, own.id());
        ConsoleSession session = signedIn(manager);
        String page = "/console/stores/" + own.id() + "/manager";
        assertThat(session.get(page).statusCode()).isEqualTo(200);

        HttpResponse<String> saved = session.postWithToken(
                page, page + "/status", Map.of("status", "APP_ONLY", "message", "Kassorna är nere"));

        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(network.get(own.id()).status().name()).isEqualTo("APP_ONLY");
        assertThat(network.get(own.id()).message()).isEqualTo("Kassorna är nere");
        assertThat(session.get(page).body()).contains("Statusen är sparad");
        assertForbiddenPage(session.get("/console/stores/" + other.id() + "/manager"), "other store");
        assertThat(jdbc.sql("select action || ' ' || store_id || ' ' || detail from console_action where username = :u")
                        .param("u", manager)
                        .query(String.class)
                        .list())
                .containsExactly("STORE_STATUS_CHANGED " + own.id() + " APP_ONLY: Kassorna är nere");
    }

    @Test
    void hq_reach_every_console_page_and_get_a_404_page_for_unknown_stores() {
        String hq = fixtures.account(Role.HQ);
        ConsoleSession session = signedIn(hq);
        assertThat(session.get("/console").headers().firstValue("Location").orElseThrow())
                .endsWith("/console/hq");
        for (String path : new String[] {
            "/console/hq",
            "/console/hq?region=" + own.region().replace(' ', '+') + "&status=OPEN",
            "/console/hq?journalStore=" + own.id(),
            "/console/hq/audit-log",
            "/console/stores/" + own.id(),
            "/console/stores/" + own.id() + "/manager"
        }) {
            HttpResponse<String> answer = session.get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("text/html");
        }
        assertThat(session.get("/console/hq?journalStore=" + own.id()).body()).contains("OBRUTEN");
        HttpResponse<String> missing = session.get("/console/stores/no-such-store");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("Sidan finns inte");
        ConsoleBrowserTest.assertNoInternals(missing.body());
        HttpResponse<String> unknownTrip = session.get("/console/stores/" + own.id() + "/audits/no-such-trip");
        assertThat(unknownTrip.statusCode()).isEqualTo(404);
        ConsoleBrowserTest.assertNoInternals(unknownTrip.body());
    }

    private static void assertForbiddenPage(HttpResponse<String> answer, String what) {
        assertThat(answer.statusCode()).as(what).isEqualTo(403);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow())
                .as(what)
                .startsWith("text/html");
        assertThat(answer.body()).as(what).contains("Åtkomst nekad");
        ConsoleBrowserTest.assertNoInternals(answer.body());
    }
}
