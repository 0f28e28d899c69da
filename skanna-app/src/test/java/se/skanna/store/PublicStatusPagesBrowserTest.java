package se.skanna.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import se.skanna.staff.Role;
import se.skanna.support.Api;
import se.skanna.support.Browser;
import se.skanna.support.Browsers;
import se.skanna.support.TestFixtures;
import tools.jackson.databind.JsonNode;

/**
 * The public status pages on a phone (390 × 844 CSS pixels, headless Chromium) over the whole demo chain of about
 * 800 stores: search without accents, "near me" from a fixed location, a store's own page, the map. Screenshots
 * land in target/screenshots/ (the ones in docs/img/ come from here).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:public-pages;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
            "skanna.demo.enabled=true"
        })
@ActiveProfiles("test")
@Import(TestFixtures.class)
class PublicStatusPagesBrowserTest {

    @RegisterExtension
    final Browsers browsers = new Browsers();

    private static final Duration LIVE = Duration.ofSeconds(10);
    /** The centre of Umeå. */
    private static final double UMEA_LAT = 63.8258;

    private static final double UMEA_LON = 20.2630;

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    Api api;
    String hq;
    Browser browser;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        hq = fixtures.account(Role.HQ);
    }

    @Test
    void umea_without_accents_finds_the_umea_stores_and_the_counts_follow_the_search() {
        browser = browsers.start().emulatingPhone();
        browser.open(url("/stores"));

        assertThat(rows()).as("never the whole chain at once").hasSizeLessThanOrEqualTo(50);
        labelsSitAboveTheirOwnFields();
        browser.waitUntil(
                LIVE,
                "the map thumbnail never drew",
                d -> ((Number)
                                        browser.script(
                                                "const i = document.getElementById('map-thumb'); return i.complete ? i.naturalWidth : 0;"))
                                .intValue()
                        > 0);
        browser.screenshot("public-stores-phone");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();

        browser.find("#q").sendKeys("umea");
        browser.clickAndWait(".filters button[type=submit]");

        JsonNode umea = api.get("/api/v1/stores?q=umea").json().get("stores");
        assertThat(umea.size()).isGreaterThan(5);
        for (JsonNode store : umea) {
            assertThat(store.get("city").asString()).isEqualTo("Umeå");
        }
        List<WebElement> rows = rows();
        assertThat(rows).hasSize(Math.min(50, umea.size()));
        for (WebElement row : rows) {
            assertThat(row.findElement(org.openqa.selenium.By.cssSelector("td.city"))
                            .getText())
                    .isEqualTo("Umeå");
        }
        assertThat(browser.find("#result-count").getText()).startsWith(umea.size() + " av ");
        int counted = count("OPEN") + count("APP_ONLY") + count("CLOSED");
        assertThat(counted).as("the counts are the search's, not the chain's").isEqualTo(umea.size());
        assertThat(browser.find("#summary-heading").getText()).isEqualTo("I din sökning");
        browser.script("document.querySelector('#result-count').scrollIntoView();");
        browser.screenshot("public-stores-search-umea");

        // "Matboden Umeå" and a postcode written either way find the same town
        String postcode = umea.get(0).get("postcode").asString();
        assertThat(postcode).matches("9\\d\\d \\d\\d");
        List<String> spaced = idsFor(postcode);
        assertThat(spaced).contains(umea.get(0).get("id").asString());
        assertThat(idsFor(postcode.replace(" ", ""))).isEqualTo(spaced);
        assertThat(idsFor("Matboden Umeå")).hasSize(umea.size());
        assertThat(idsFor("MATBODEN umea")).hasSize(umea.size());
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();
    }

    @Test
    void near_me_sorts_the_stores_by_distance_from_the_phone_s_location() {
        browser = browsers.start().emulatingPhone();
        ChromeDriver chrome = (ChromeDriver) browser.driver();
        chrome.executeCdpCommand(
                "Browser.grantPermissions",
                Map.of("origin", "http://localhost:" + port, "permissions", List.of("geolocation")));
        chrome.executeCdpCommand(
                "Emulation.setGeolocationOverride",
                Map.of("latitude", UMEA_LAT, "longitude", UMEA_LON, "accuracy", 50));
        browser.open(url("/stores"));

        browser.clickAndWait("#near-me");
        browser.waitUntil(
                LIVE,
                "the page never sorted by the location",
                d -> d.getCurrentUrl().contains("near="));
        browser.waitUntil(
                LIVE, "no distances shown", d -> !browser.findAll("td.distance").isEmpty());

        List<String> shown =
                rows().stream().map(row -> row.getDomAttribute("data-store-id")).toList();
        GeoPoint phone = new GeoPoint(UMEA_LAT, UMEA_LON);
        List<String> expected = new ArrayList<>();
        for (JsonNode store : api.get("/api/v1/stores").json().get("stores")) {
            expected.add(store.get("id").asString());
        }
        Map<String, Double> km = new HashMap<>();
        for (JsonNode store : api.get("/api/v1/stores").json().get("stores")) {
            km.put(
                    store.get("id").asString(),
                    phone.kmTo(store.get("lat").asDouble(), store.get("lon").asDouble()));
        }
        expected.sort(Comparator.comparingDouble(km::get));
        assertThat(shown).as("nearest first").isEqualTo(expected.subList(0, 50));
        assertThat(browser.find("tr[data-store-id='" + shown.getFirst() + "'] td.city")
                        .getText())
                .isEqualTo("Umeå");
        List<Double> distances = browser.findAll("td.distance").stream()
                .map(cell -> kilometres(cell.getText()))
                .toList();
        assertThat(distances).isSorted();
        assertThat(distances.getLast()).as("the 50th store is in another town").isGreaterThan(10);
        browser.script("document.querySelector('#result-count').scrollIntoView();");
        browser.screenshot("public-stores-near-me");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();

        // without the location: a postcode typed in sorts the same way
        browser.open(url("/stores?postcode=" + encode("903 30")));
        assertThat(browser.find("tr[data-store-id] td.city").getText()).isEqualTo("Umeå");
        assertThat(browser.find("td.distance").getText()).endsWith("km");
    }

    @Test
    void a_store_s_page_says_what_works_there_now_in_the_reader_s_language() {
        String storeId = api.get("/api/v1/stores?q=umea")
                .json()
                .get("stores")
                .get(1)
                .get("id")
                .asString();
        Api.Response closed = api.request("PUT", "/api/v1/stores/" + storeId + "/status")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of(
                        "status",
                        "APP_ONLY",
                        "messages",
                        Map.of("sv", "Kassorna är nere, handla med appen", "en", "The tills are down, use the app")))
                .send();
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(closed.json().get("message").asString()).isEqualTo("Kassorna är nere, handla med appen");
        assertThat(closed.json().get("messages").get("en").asString()).isEqualTo("The tills are down, use the app");

        browser = browsers.start().emulatingPhone();
        browser.open(url("/stores/" + storeId));
        assertThat(browser.find("#store-status").getText()).isEqualTo("Endast app");
        assertThat(browser.find("#store-message").getText()).isEqualTo("Kassorna är nere, handla med appen");
        assertThat(browser.find("#works-app").getDomAttribute("class")).isEqualTo("yes");
        assertThat(browser.find("#works-tills").getDomAttribute("class")).isEqualTo("no");
        assertThat(browser.find("#works-delivery").getText()).contains("erbjuds inte");
        assertThat(browser.find("#store-address").getText()).contains("Umeå").containsPattern("9\\d\\d \\d\\d");
        assertThat(browser.findAll("#hours tr")).isNotEmpty();
        assertThat(browser.find("#open-app").getDomAttribute("href")).isEqualTo("/s/" + storeId);
        browser.waitUntil(
                LIVE,
                "the store page never went live",
                d -> "on".equals(browser.find("body").getDomAttribute("data-live")));
        browser.screenshot("public-store-page");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();

        // live: closing it reloads what the page says
        Api.Response shut = api.request("PUT", "/api/v1/stores/" + storeId + "/status")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("status", "CLOSED", "message", "Stängt efter vattenläcka"))
                .send();
        assertThat(shut.status()).as(shut.body()).isEqualTo(200);
        acrossReloads("the closed store never showed on its open page", () -> {
            assertThat(browser.find("#store-status").getText()).isEqualTo("Stängd");
            assertThat(browser.find("#works-app").getDomAttribute("class")).isEqualTo("no");
        });

        Browser english = browsers.startInEnglish().emulatingPhone();
        try {
            api.request("PUT", "/api/v1/stores/" + storeId + "/status")
                    .as(hq, TestFixtures.PASSWORD)
                    .json(Map.of("status", "APP_ONLY", "messages", Map.of("en", "Card payments are down")))
                    .send();
            english.open(url("/stores/" + storeId));
            assertThat(english.find("html").getDomAttribute("lang")).isEqualTo("en");
            assertThat(english.find("#store-status").getText()).isEqualTo("App only");
            assertThat(english.find("#store-message").getText()).isEqualTo("Card payments are down");
            english.screenshot("public-store-page-english");
        } finally {
            english.close();
        }
        // a Swedish reader of an English-only message gets the English text rather than nothing
        // (the page may come from the browser's cache for a few seconds: then it catches up by itself)
        browser.open(url("/stores/" + storeId));
        acrossReloads(
                "the English-only message never showed",
                () -> assertThat(browser.find("#store-message").getText()).isEqualTo("Card payments are down"));

        browser.open(url("/stores/no-such-store"));
        assertThat(browser.find("h1").getText()).isEqualTo("Ingen sådan butik");
        assertThat(api.request("GET", "/stores/no-such-store")
                        .header("Accept", "text/html")
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();
        Api.Response json = api.request("GET", "/stores/" + storeId)
                .header("Accept", "application/json")
                .send();
        assertThat(json.json().get("id").asString()).isEqualTo(storeId);

        api.request("PUT", "/api/v1/stores/" + storeId + "/status")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("status", "OPEN"))
                .send();
    }

    @Test
    void the_map_draws_every_store_in_its_status_colour_and_follows_changes_live() {
        JsonNode all = api.get("/api/v1/stores").json().get("stores");
        String closing = all.get(10).get("id").asString();
        String appOnly = all.get(400).get("id").asString();
        change(closing, "CLOSED");
        change(appOnly, "APP_ONLY");
        browser = browsers.start().emulatingPhone();

        browser.open(url("/stores/map"));

        Map<String, Long> expected = statusCounts();
        assertThat(expected.get("CLOSED")).isPositive();
        Map<String, String> colours =
                Map.of("OPEN", "rgb(0, 158, 115)", "APP_ONLY", "rgb(230, 159, 0)", "CLOSED", "rgb(213, 94, 0)");
        for (var status : colours.entrySet()) {
            @SuppressWarnings("unchecked")
            List<String> fills = (List<String>) browser.script(
                    "return [...document.querySelectorAll('#store-map circle.dot')]"
                            + ".filter(c => c.dataset.status === arguments[0])"
                            + ".map(c => getComputedStyle(c).fill);",
                    status.getKey());
            assertThat(fills)
                    .as(status.getKey())
                    .hasSize(expected.get(status.getKey()).intValue());
            assertThat(fills).as(status.getKey()).containsOnly(status.getValue());
        }
        assertThat(browser.findAll("#store-map circle")).hasSize(all.size());
        assertThat(browser.find("circle[data-store-id='" + closing + "'] title").getDomProperty("textContent"))
                .endsWith(": Stängd");
        Number width =
                (Number) browser.script("return document.getElementById('store-map').getBoundingClientRect().width;");
        assertThat(width.doubleValue()).as("the map fits the phone").isBetween(300.0, 390.0);
        browser.waitUntil(
                LIVE,
                "the map never went live",
                d -> "on".equals(browser.find("body").getDomAttribute("data-live")));
        browser.screenshot("public-map-phone");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();

        change(closing, "OPEN");
        browser.eventually(LIVE, "the reopened store's dot never turned green", () -> {
            assertThat(browser.find("circle[data-store-id='" + closing + "']").getDomAttribute("data-status"))
                    .isEqualTo("OPEN");
            assertThat(browser.find("#count-CLOSED").getText())
                    .isEqualTo(String.valueOf(statusCounts().get("CLOSED")));
        });
        change(appOnly, "OPEN");
    }

    /** Like {@link Browser#eventually}, while the page may reload itself under the assertions. */
    private void acrossReloads(String what, Runnable assertions) {
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), LIVE)
                .pollingEvery(Duration.ofMillis(100))
                .ignoring(AssertionError.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .withMessage(what)
                .until(d -> {
                    assertions.run();
                    return true;
                });
    }

    @Test
    void without_javascript_the_list_pages_through_the_chain_and_a_store_s_page_still_says_everything() {
        browser = browsers.startWithoutJavaScript().emulatingPhone();
        browser.open(url("/stores"));
        List<String> first =
                rows().stream().map(row -> row.getDomAttribute("data-store-id")).toList();
        assertThat(browser.find("#near-me").isDisplayed())
                .as("no location without JavaScript")
                .isFalse();

        browser.clickAndWait("a[rel=next]");

        List<String> second =
                rows().stream().map(row -> row.getDomAttribute("data-store-id")).toList();
        assertThat(second).hasSize(50).doesNotContainAnyElementsOf(first);
        assertThat(browser.find("a[aria-current=page]").getText()).isEqualTo("2");
        browser.open(url("/stores/" + first.getFirst()));
        assertThat(browser.find("#store-status").getText()).isEqualTo("Öppen");
        assertThat(browser.find("#works-tills").getText()).endsWith("Kassorna, med kort eller Swish");
        assertThat(browser.find("#open-now").getText()).matches("Öppet nu, stänger \\d\\d\\.\\d\\d|Stängt nu");
    }

    @Test
    void the_map_is_also_an_image_of_its_own_with_the_colours_inside() {
        Api.Response svg = api.request("GET", "/stores/map.svg")
                .header("Accept-Language", "sv")
                .send();

        assertThat(svg.status()).isEqualTo(200);
        assertThat(svg.contentType()).startsWith("image/svg+xml");
        int stores = api.get("/api/v1/stores").json().get("stores").size();
        assertThat(svg.body().split("<circle ", -1)).hasSize(stores + 1);
        assertThat(svg.body()).contains("fill=\"#009e73\"").contains("<title id=\"map-title\">");
        assertThat(svg.header("ETag")).startsWith("W/\"map-svg-");
    }

    @Test
    void the_list_page_is_small_on_the_wire() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var response = client.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/stores")))
                        .header("Accept-Encoding", "gzip")
                        .header("Accept-Language", "sv")
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(response.body().length).as("gzipped HTML of the first page").isLessThan(12_000);
    }

    private void change(String storeId, String status) {
        Api.Response response = api.request("PUT", "/api/v1/stores/" + storeId + "/status")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("status", status))
                .send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private Map<String, Long> statusCounts() {
        Map<String, Long> counts = new HashMap<>(Map.of("OPEN", 0L, "APP_ONLY", 0L, "CLOSED", 0L));
        for (JsonNode store : api.get("/api/v1/stores").json().get("stores")) {
            counts.merge(store.get("status").asString(), 1L, Long::sum);
        }
        return counts;
    }

    /** Each filter's label is right above its own field, flush left, at phone width. */
    private void labelsSitAboveTheirOwnFields() {
        for (String id : List.of("q", "region", "status", "postcode")) {
            WebElement label = browser.find("label[for='" + id + "']");
            WebElement field = browser.find("#" + id);
            var l = label.getRect();
            var f = field.getRect();
            assertThat(l.getY() + l.getHeight())
                    .as(id + ": label above its field")
                    .isLessThanOrEqualTo(f.getY());
            assertThat(f.getY() - (l.getY() + l.getHeight()))
                    .as(id + ": and close to it")
                    .isLessThan(12);
            assertThat(Math.abs(l.getX() - f.getX())).as(id + ": aligned").isLessThanOrEqualTo(2);
            assertThat(f.getWidth()).as(id + ": wide enough on a phone").isGreaterThan(id.equals("q") ? 300 : 150);
            assertThat(f.getHeight()).as(id + ": a 44 px target").isGreaterThanOrEqualTo(44);
        }
    }

    private List<String> idsFor(String query) {
        List<String> ids = new ArrayList<>();
        for (JsonNode store :
                api.get("/api/v1/stores?q=" + encode(query)).json().get("stores")) {
            ids.add(store.get("id").asString());
        }
        return ids;
    }

    private List<WebElement> rows() {
        return browser.findAll("table.stores tbody tr");
    }

    private int count(String status) {
        return Integer.parseInt(browser.find("#count-" + status).getText().strip());
    }

    /** "350 m" → 0.35, "4,2 km" → 4.2, "37 km" → 37. */
    private static double kilometres(String text) {
        String number = text.replace("km", "").replace(" m", "").strip().replace(',', '.');
        return text.endsWith(" m") && !text.endsWith("km")
                ? Double.parseDouble(number) / 1000
                : Double.parseDouble(number);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
