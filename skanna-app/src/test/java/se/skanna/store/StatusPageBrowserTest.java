package se.skanna.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.skanna.staff.Role;
import se.skanna.support.Api;
import se.skanna.support.Browser;
import se.skanna.support.Browsers;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/**
 * The public status page in a real (headless) Chromium, in Swedish: rendered by the server, then kept live by
 * stores.js over server-sent events. Screenshots of each step land in target/screenshots/.
 */
@SkannaTest
class StatusPageBrowserTest {

    @RegisterExtension
    final Browsers browsers = new Browsers();

    /** How long a change may take to reach an open page. */
    private static final Duration LIVE = Duration.ofSeconds(10);

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
    void an_open_page_shows_a_closed_store_and_a_regional_incident_live_without_a_reload() {
        List<Store> stores = fixtures.region(4);
        String region = stores.getFirst().region();
        Store closing = stores.get(1);
        browser = browsers.start();

        browser.open(pageUrl(region));

        // Server-rendered: the region's four open stores, in Swedish, before any live update.
        assertThat(browser.find("html").getDomAttribute("lang")).isEqualTo("sv");
        assertThat(rowIds()).containsExactlyInAnyOrderElementsOf(ids(stores));
        for (Store store : stores) {
            assertThat(status(store)).isEqualTo("OPEN");
            assertThat(badge(store).getText()).isEqualTo("Öppen");
            assertThat(message(store)).isEmpty();
        }
        waitUntilLive();
        assertThat(browser.find("#live-state").getText()).isEqualTo("Live: sidan uppdateras av sig själv.");
        Map<String, Integer> before = counts();
        browser.script("window.__noReload = true;");
        browser.screenshot("status-page-before");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();

        Api.Response closed = api.request("PUT", "/api/v1/stores/" + closing.id() + "/status")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("status", "CLOSED", "message", "Vattenläcka, stängt i dag"))
                .send();

        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        browser.eventually(LIVE, "the closed store never showed up live on the page", () -> {
            assertThat(status(closing)).isEqualTo("CLOSED");
            assertThat(badge(closing).getText()).isEqualTo("Stängd");
            assertThat(badge(closing).getDomAttribute("class")).contains("status-closed");
            assertThat(message(closing)).isEqualTo("Vattenläcka, stängt i dag");
            assertThat(counts())
                    .containsEntry("OPEN", before.get("OPEN") - 1)
                    .containsEntry("APP_ONLY", before.get("APP_ONLY"))
                    .containsEntry("CLOSED", before.get("CLOSED") + 1);
        });
        for (Store other : stores) {
            if (!other.id().equals(closing.id())) {
                assertThat(status(other)).as(other.name()).isEqualTo("OPEN");
            }
        }
        assertThat(browser.find("#announcer").getText()).isEqualTo(closing.name() + " är nu: Stängd");
        browser.screenshot("status-page-store-closed");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();

        Api.Response incident = api.request("POST", "/api/v1/incidents")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of(
                        "title", "Kassasystemet nere",
                        "status", "APP_ONLY",
                        "message", "Kassorna är nere, handla med appen",
                        "region", region))
                .send();

        assertThat(incident.status()).as(incident.body()).isEqualTo(201);
        browser.eventually(LIVE, "the incident never showed up live on the page", () -> {
            for (Store store : stores) {
                assertThat(status(store)).as(store.name()).isEqualTo("APP_ONLY");
                assertThat(badge(store).getText()).as(store.name()).isEqualTo("Endast app");
                assertThat(message(store)).as(store.name()).isEqualTo("Kassorna är nere, handla med appen");
            }
            assertThat(counts())
                    .containsEntry("OPEN", before.get("OPEN") - 4)
                    .containsEntry("APP_ONLY", before.get("APP_ONLY") + 4)
                    .containsEntry("CLOSED", before.get("CLOSED"));
        });
        browser.screenshot("status-page-after");
        assertThat(browser.script("return window.__noReload === true;"))
                .as("the page was updated in place, not reloaded")
                .isEqualTo(true);
        assertThat(browser.find("body").getDomAttribute("data-live")).isEqualTo("on");
    }

    @Test
    void a_page_a_few_seconds_old_from_the_browser_cache_catches_up_once_live() {
        List<Store> stores = fixtures.region(2);
        String region = stores.getFirst().region();
        Store closing = stores.getFirst();
        browser = browsers.start();
        browser.open(pageUrl(region));
        waitUntilLive();
        Map<String, Integer> before = counts();
        browser.open("about:blank");

        Api.Response closed = api.request("PUT", "/api/v1/stores/" + closing.id() + "/status")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("status", "CLOSED", "message", "Strömavbrott"))
                .send();
        // Back within the page's max-age of 5 s: Chromium serves the old page from its cache, so only
        // stores.js can bring it up to date; the change itself was made before the stream connected.
        browser.open(pageUrl(region));

        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        waitUntilLive();
        browser.eventually(
                LIVE, "a page from the cache kept showing the store as open while claiming to be live", () -> {
                    assertThat(status(closing)).isEqualTo("CLOSED");
                    assertThat(badge(closing).getText()).isEqualTo("Stängd");
                    assertThat(message(closing)).isEqualTo("Strömavbrott");
                    assertThat(counts())
                            .containsEntry("OPEN", before.get("OPEN") - 1)
                            .containsEntry("CLOSED", before.get("CLOSED") + 1);
                });
        assertThat(status(stores.get(1))).isEqualTo("OPEN");
        browser.screenshot("status-page-caught-up-after-cache");
    }

    @Test
    void without_javascript_the_page_lists_the_stores_with_their_status_and_asks_for_a_reload() {
        List<Store> stores = fixtures.region(3);
        String region = stores.getFirst().region();
        Store closed = stores.get(2);
        Api.Response change = api.request("PUT", "/api/v1/stores/" + closed.id() + "/status")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("status", "CLOSED", "message", "Stängt för inventering"))
                .send();
        assertThat(change.status()).as(change.body()).isEqualTo(200);
        browser = browsers.startWithoutJavaScript();

        browser.open(pageUrl(region));
        browser.screenshot("status-page-without-javascript");

        assertThat(browser.find("html").getDomAttribute("lang")).isEqualTo("sv");
        assertThat(rowIds()).containsExactlyInAnyOrderElementsOf(ids(stores));
        for (Store store : stores) {
            if (store.id().equals(closed.id())) {
                assertThat(status(store)).isEqualTo("CLOSED");
                assertThat(badge(store).getText()).isEqualTo("Stängd");
                assertThat(message(store)).isEqualTo("Stängt för inventering");
            } else {
                assertThat(status(store)).as(store.name()).isEqualTo("OPEN");
                assertThat(badge(store).getText()).as(store.name()).isEqualTo("Öppen");
                assertThat(message(store)).as(store.name()).isEmpty();
            }
        }
        assertThat(counts().get("CLOSED")).isPositive();
        assertThat(browser.find("#result-count").getText()).startsWith("3 av ");
        assertThat(browser.find("#live-state").getText()).isEqualTo("Ladda om sidan för senaste status.");
        assertThat(browser.find("body").getDomAttribute("data-live"))
                .as("JavaScript is off, so the page never went live")
                .isNull();
    }

    /** stores.js sets body[data-live=on] once the stream is connected and the page has caught up. */
    private void waitUntilLive() {
        browser.waitUntil(
                LIVE,
                "the page never went live (no SSE 'ready' event)",
                d -> "on".equals(browser.find("body").getDomAttribute("data-live")));
    }

    private String pageUrl(String region) {
        return "http://localhost:" + port + "/stores?region=" + URLEncoder.encode(region, StandardCharsets.UTF_8);
    }

    private List<String> rowIds() {
        return browser.findAll("table.stores tbody tr").stream()
                .map(row -> row.getDomAttribute("data-store-id"))
                .toList();
    }

    private WebElement badge(Store store) {
        return browser.find("tr[data-store-id='" + store.id() + "'] span.badge");
    }

    private String status(Store store) {
        return badge(store).getDomAttribute("data-status");
    }

    private String message(Store store) {
        return browser.find("tr[data-store-id='" + store.id() + "'] td.message").getText();
    }

    private Map<String, Integer> counts() {
        return Map.of(
                "OPEN", count("OPEN"),
                "APP_ONLY", count("APP_ONLY"),
                "CLOSED", count("CLOSED"));
    }

    private int count(String status) {
        return Integer.parseInt(browser.find("#count-" + status).getText().strip());
    }

    private static List<String> ids(List<Store> stores) {
        return stores.stream().map(Store::id).toList();
    }
}
