package se.skanna.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

/**
 * The HQ console's incident for hand-picked stores, through a signed-in session as a browser without JavaScript has it: what changes, what is refused, what is logged.
 */
@SkannaTest
class HqConsoleTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    StoreNetwork network;

    @Autowired
    JdbcClient jdbc;

    Api api;
    String hq;
    ConsoleSession session;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        hq = fixtures.account(Role.HQ);
        session = signedIn(hq);
    }

    ConsoleSession signedIn(String username) {
        ConsoleSession signedIn = new ConsoleSession(port);
        assertThat(signedIn.signIn(username, TestFixtures.PASSWORD).statusCode())
                .isEqualTo(302);
        return signedIn;
    }

    @Test
    void an_incident_for_ticked_and_pasted_stores_switches_exactly_those_and_resolving_restores_them() {
        List<Store> region = fixtures.region(4);
        Store ticked = region.get(0);
        Store pasted = region.get(1);
        Store pastedToo = region.get(2);
        Store untouched = region.get(3);

        HttpResponse<String> hqPage = session.get("/console/hq?region=" + encode(ticked.region()));
        assertThat(hqPage.body())
                .contains("name=\"storeIds\" form=\"selection\" value=\"" + ticked.id() + "\"")
                .contains("id=\"preview-selection\"");

        HttpResponse<String> preview = session.postWithToken(
                "/console/hq",
                "/console/hq/incidents/preview",
                List.of(
                        Map.entry("storeIds", ticked.id()),
                        Map.entry("storeIdList", " " + pasted.id() + ",\n" + pastedToo.id() + "; " + ticked.id()),
                        Map.entry("title", "Kortterminaler nere"),
                        Map.entry("status", "APP_ONLY"),
                        Map.entry("message", "Betala i appen")));

        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("3 valda butiker").contains("id=\"confirm-incident\"");
        assertThat(rowIds(preview.body(), "affected-stores")).containsExactly(ticked.id(), pasted.id(), pastedToo.id());
        assertThat(statusOf(ticked)).as("a preview changes nothing").isEqualTo("OPEN");

        HttpResponse<String> declared = session.postWithToken(
                "/console/hq",
                "/console/hq/incidents",
                List.of(
                        Map.entry("title", "Kortterminaler nere"),
                        Map.entry("status", "APP_ONLY"),
                        Map.entry("message", "Betala i appen"),
                        Map.entry("storeIds", ticked.id()),
                        Map.entry("storeIds", pasted.id()),
                        Map.entry("storeIds", pastedToo.id())));

        assertThat(declared.statusCode()).isEqualTo(302);
        assertThat(session.get("/console/hq").body())
                .contains("Kortterminaler nere")
                .contains("3 butiker omställda");
        for (Store store : List.of(ticked, pasted, pastedToo)) {
            assertThat(statusOf(store)).as(store.id()).isEqualTo("APP_ONLY");
        }
        assertThat(statusOf(untouched)).isEqualTo("OPEN");
        String incidentId = jdbc.sql("select target from console_action where username = :u"
                        + " and action = 'INCIDENT_DECLARED' and detail like :d")
                .param("u", hq)
                .param("d", "%selected stores%" + pastedToo.id() + "%(3 stores)")
                .query(String.class)
                .single();

        HttpResponse<String> resolved =
                session.postWithToken("/console/hq", "/console/hq/incidents/" + incidentId + "/resolve", Map.of());

        assertThat(resolved.statusCode()).isEqualTo(302);
        for (Store store : region) {
            assertThat(statusOf(store)).as(store.id()).isEqualTo("OPEN");
        }
    }

    @Test
    void a_selection_with_an_unknown_store_id_is_refused_and_changes_nothing() {
        Store known = fixtures.store();

        HttpResponse<String> preview = session.postWithToken(
                "/console/hq",
                "/console/hq/incidents/preview",
                List.of(
                        Map.entry("storeIds", known.id()),
                        Map.entry("storeIdList", "no-such-store"),
                        Map.entry("title", "Test"),
                        Map.entry("status", "CLOSED")));

        assertThat(preview.body())
                .contains("id=\"unknown-stores\"")
                .contains("no-such-store")
                .doesNotContain("id=\"confirm-incident\"");

        HttpResponse<String> declared = session.postWithToken(
                "/console/hq",
                "/console/hq/incidents",
                List.of(
                        Map.entry("title", "Test"),
                        Map.entry("status", "CLOSED"),
                        Map.entry("storeIds", known.id()),
                        Map.entry("storeIds", "no-such-store")));

        assertThat(declared.statusCode()).isEqualTo(422);
        assertThat(declared.body()).contains("Some stores do not exist; nothing was changed.");
        ConsoleBrowserTest.assertNoInternals(declared.body());
        assertThat(statusOf(known)).isEqualTo("OPEN");
        assertThat(actions(hq)).isEmpty();
    }

    @Test
    void staff_and_managers_get_the_403_page_for_incidents_on_a_selection() {
        Store store = fixtures.store();
        for (Role role : List.of(Role.STAFF, Role.MANAGER)) {
            String username = fixtures.account(role, store.id());
            ConsoleSession other = signedIn(username);
            String page = "/console/stores/" + store.id();
            for (HttpResponse<String> answer : List.of(
                    other.postWithToken(
                            page,
                            "/console/hq/incidents/preview",
                            List.of(
                                    Map.entry("storeIds", store.id()),
                                    Map.entry("title", "x"),
                                    Map.entry("status", "CLOSED"))),
                    other.postWithToken(
                            page,
                            "/console/hq/incidents",
                            List.of(
                                    Map.entry("storeIds", store.id()),
                                    Map.entry("title", "x"),
                                    Map.entry("status", "CLOSED"))))) {
                assertThat(answer.statusCode()).as(role + " " + answer.uri()).isEqualTo(403);
                assertThat(answer.body()).as(role + " " + answer.uri()).contains("Åtkomst nekad");
                ConsoleBrowserTest.assertNoInternals(answer.body());
            }
            assertThat(actions(username)).isEmpty();
        }
        assertThat(statusOf(store)).isEqualTo("OPEN");
    }

    static List<String> rowIds(String page, String tableId) {
        String table = page.substring(page.indexOf("id=\"" + tableId + "\""));
        table = table.substring(0, table.indexOf("</table>"));
        return matches(Pattern.compile("<tr data-store-id=\"([^\"]+)\""), table);
    }

    private static List<String> matches(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        List<String> found = new java.util.ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private String statusOf(Store store) {
        return api.get("/api/v1/stores/" + store.id()).json().get("status").asString();
    }

    private List<String> actions(String username) {
        return jdbc.sql("select action from console_action where username = :u order by id")
                .param("u", username)
                .query(String.class)
                .list();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
