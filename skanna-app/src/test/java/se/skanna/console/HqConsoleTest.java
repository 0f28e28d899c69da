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
 * The HQ console's incident for hand-picked stores, catalog import page and poster document, through a
 * signed-in session as a browser without JavaScript has it: what changes, what is refused, what is logged.
 */
@SkannaTest
class HqConsoleTest {

    static final String CSV_HEADER = "gtin,name,brand,unit,vatRate,price,deposit,ageLimit\n";

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
    void a_good_csv_upload_imports_the_products_shows_the_counts_and_is_logged() {
        Store store = fixtures.store();
        String first = TestFixtures.gtin();
        String second = TestFixtures.gtin();
        api.request("POST", "/api/v1/catalog/imports")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("products", List.of(TestFixtures.product(second, "Gammal läsk", 900))))
                .send();

        HttpResponse<String> answer = session.upload(
                "/console/hq/catalog",
                "/console/hq/catalog/imports",
                "varor.csv",
                "text/csv",
                CSV_HEADER + first + ",\"Mellanmjölk 1,5 % 1 l\",Skånemejerier,EACH,600,1795,0,\n" + second
                        + ",Läsk citron 33 cl,Bryggeriet,EACH,600,1295,200,\n");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body())
                .contains("varor.csv är importerad: 2 varor (1 nya, 1 uppdaterade), 0 butikspriser, 0 erbjudanden.");
        assertThat(api.get("/api/v1/stores/" + store.id() + "/products/" + first)
                        .json()
                        .get("name")
                        .asString())
                .isEqualTo("Mellanmjölk 1,5 % 1 l");
        assertThat(api.get("/api/v1/stores/" + store.id() + "/products/" + second)
                        .json()
                        .get("price")
                        .asLong())
                .isEqualTo(1295);
        String importId = jdbc.sql(
                        "select target from console_action where username = :u" + " and action = 'CATALOG_IMPORTED'")
                .param("u", hq)
                .query(String.class)
                .single();
        assertThat(session.get("/console/hq/catalog").body()).contains("data-import-id=\"" + importId + "\"");
    }

    @Test
    void a_catalog_larger_than_an_ordinary_form_is_accepted_up_to_the_import_limit() {
        Store store = fixtures.store();
        StringBuilder csv = new StringBuilder(CSV_HEADER);
        List<String> gtins = new java.util.ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            gtins.add(TestFixtures.gtin());
            csv.append(gtins.getLast()).append(",Testvara nummer ").append(i).append(",Märke,EACH,600,1000,0,\n");
        }
        assertThat(csv.length()).as("over the 64 KB limit of other requests").isGreaterThan(64 * 1024);

        HttpResponse<String> answer = session.upload(
                "/console/hq/catalog", "/console/hq/catalog/imports", "stor.csv", "text/csv", csv.toString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body())
                .as("Swedish digit grouping")
                .containsPattern("1\\h500 varor \\(1\\h500 nya, 0 uppdaterade\\)");
        assertThat(api.get("/api/v1/stores/" + store.id() + "/products/" + gtins.getLast())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void a_bad_csv_upload_lists_every_bad_row_and_imports_nothing() {
        Store store = fixtures.store();
        String good = TestFixtures.gtin();

        HttpResponse<String> answer = session.upload(
                "/console/hq/catalog",
                "/console/hq/catalog/imports",
                "fel.csv",
                "text/csv",
                CSV_HEADER
                        + good + ",Ok vara,B,EACH,600,100,0,\n"
                        + TestFixtures.gtin() + ",Fel enhet,B,LITER,600,100,0,\n"
                        + TestFixtures.gtin() + ",Fel pris,B,EACH,600,12.50,0,\n"
                        + "7310865004704,Fel kontrollsiffra,B,EACH,600,100,0,\n");

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("fel.csv avvisades: 3 felaktiga poster. Ingenting importerades.");
        assertThat(errorRows(answer.body())).containsExactlyInAnyOrder("3:unit", "4:price", "5:gtin");
        ConsoleBrowserTest.assertNoInternals(answer.body());
        assertThat(api.get("/api/v1/stores/" + store.id() + "/products/" + good).status())
                .isEqualTo(404);
        assertThat(actions(hq)).isEmpty();
    }

    @Test
    void a_json_upload_takes_products_and_store_prices_and_unreadable_json_is_reported() {
        Store store = fixtures.store();
        String gtin = TestFixtures.gtin();
        String json = "{\"products\":[{\"gtin\":\"" + gtin + "\",\"name\":\"Prästost\",\"unit\":\"EACH\","
                + "\"vatClass\":\"FOOD\",\"price\":13900}],"
                + "\"prices\":[{\"storeId\":\"" + store.id() + "\",\"gtin\":\"" + gtin + "\",\"price\":12900}]}";

        HttpResponse<String> answer = session.upload(
                "/console/hq/catalog", "/console/hq/catalog/imports", "katalog.json", "application/json", json);
        HttpResponse<String> unreadable = session.upload(
                "/console/hq/catalog",
                "/console/hq/catalog/imports",
                "trasig.json",
                "application/json",
                "{\"products\": [");
        HttpResponse<String> unknownField = session.upload(
                "/console/hq/catalog",
                "/console/hq/catalog/imports",
                "extra.json",
                "application/json",
                "{\"products\": [], \"extra\": 1}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("1 varor (1 nya, 0 uppdaterade), 1 butikspriser");
        assertThat(api.get("/api/v1/stores/" + store.id() + "/products/" + gtin)
                        .json()
                        .get("price")
                        .asLong())
                .isEqualTo(12900);
        assertThat(unreadable.statusCode()).isEqualTo(400);
        assertThat(unreadable.body()).contains("trasig.json kunde inte läsas");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(unknownField.body()).contains("Unknown field &#39;extra&#39;");
        assertThat(actions(hq)).containsExactly("CATALOG_IMPORTED");
    }

    @Test
    void an_upload_without_the_csrf_token_or_a_file_is_refused() {
        String gtin = TestFixtures.gtin();
        HttpResponse<String> noToken = session.upload(
                null,
                "/console/hq/catalog/imports",
                "varor.csv",
                "text/csv",
                CSV_HEADER + gtin + ",X,B,EACH,600,1,0,\n");
        HttpResponse<String> empty =
                session.upload("/console/hq/catalog", "/console/hq/catalog/imports", "tom.csv", "text/csv", "");

        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(empty.body()).contains("Välj en fil att importera.");
        assertThat(api.get("/api/v1/stores/" + fixtures.store().id() + "/products/" + gtin)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void the_poster_document_has_one_poster_with_a_qr_code_per_store_of_the_region_or_selection() {
        List<Store> region = fixtures.region(3);

        HttpResponse<String> byRegion = session.get(
                "/console/hq/posters?region=" + encode(region.getFirst().region()));
        HttpResponse<String> bySelection = session.postWithToken(
                "/console/hq",
                "/console/hq/posters",
                List.of(
                        Map.entry("storeIds", region.get(2).id()),
                        Map.entry("storeIdList", region.get(0).id())));

        assertThat(byRegion.statusCode()).isEqualTo(200);
        assertThat(posterStoreIds(byRegion.body()))
                .containsExactlyInAnyOrderElementsOf(
                        region.stream().map(Store::id).toList());
        assertThat(byRegion.body().split("<svg ", -1)).hasSize(4);
        for (Store store : region) {
            assertThat(byRegion.body()).contains("http://localhost:" + port + "/s/" + store.id());
        }
        assertThat(byRegion.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(posterStoreIds(bySelection.body()))
                .containsExactly(region.get(2).id(), region.get(0).id());
    }

    @Test
    void posters_are_refused_for_no_stores_and_for_unknown_ids() {
        Store store = fixtures.store();
        HttpResponse<String> none = session.get("/console/hq/posters?region=" + encode("Inget sådant län"));
        HttpResponse<String> unknown = session.postWithToken(
                "/console/hq",
                "/console/hq/posters",
                List.of(Map.entry("storeIds", store.id()), Map.entry("storeIdList", "no-such-store")));

        assertThat(none.statusCode()).isEqualTo(422);
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("no-such-store").doesNotContain("<svg");
        ConsoleBrowserTest.assertNoInternals(unknown.body());
    }

    @Test
    void staff_and_managers_get_the_403_page_for_the_new_hq_pages_and_actions() {
        Store store = fixtures.store();
        String gtin = TestFixtures.gtin();
        for (Role role : List.of(Role.STAFF, Role.MANAGER)) {
            String username = fixtures.account(role, store.id());
            ConsoleSession other = signedIn(username);
            String page = "/console/stores/" + store.id();
            for (HttpResponse<String> answer : List.of(
                    other.get("/console/hq/catalog"),
                    other.get("/console/hq/posters?region=" + encode(store.region())),
                    other.postWithToken(page, "/console/hq/posters", List.of(Map.entry("storeIds", store.id()))),
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
                                    Map.entry("status", "CLOSED"))),
                    other.upload(
                            page,
                            "/console/hq/catalog/imports",
                            "varor.csv",
                            "text/csv",
                            CSV_HEADER + gtin + ",X,B,EACH,600,1,0,\n"))) {
                assertThat(answer.statusCode()).as(role + " " + answer.uri()).isEqualTo(403);
                assertThat(answer.body()).as(role + " " + answer.uri()).contains("Åtkomst nekad");
                ConsoleBrowserTest.assertNoInternals(answer.body());
            }
            assertThat(actions(username)).isEmpty();
        }
        assertThat(statusOf(store)).isEqualTo("OPEN");
        assertThat(api.get("/api/v1/stores/" + store.id() + "/products/" + gtin).status())
                .isEqualTo(404);
    }

    static List<String> rowIds(String page, String tableId) {
        String table = page.substring(page.indexOf("id=\"" + tableId + "\""));
        table = table.substring(0, table.indexOf("</table>"));
        return matches(Pattern.compile("<tr data-store-id=\"([^\"]+)\""), table);
    }

    static List<String> posterStoreIds(String page) {
        return matches(Pattern.compile("<main class=\"poster-page\" data-store-id=\"([^\"]+)\""), page);
    }

    static List<String> errorRows(String page) {
        return matches(Pattern.compile("<tr data-line=\"(\\d+)\" data-field=\"([^\"]+)\""), page);
    }

    private static List<String> matches(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        List<String> found = new java.util.ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.groupCount() == 1 ? matcher.group(1) : matcher.group(1) + ":" + matcher.group(2));
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
