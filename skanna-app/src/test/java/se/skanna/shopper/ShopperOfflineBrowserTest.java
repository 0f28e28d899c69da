package se.skanna.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.Browser;
import se.skanna.support.Browsers;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;
import tools.jackson.databind.JsonNode;

/**
 * The shopper app in a real store, in a real (headless) Chromium: it opens offline after a first visit and
 * shows name and estimated price of scans made offline, replays them exactly once with the server's prices; a
 * paid trip keeps its receipt and exit pass when the store closes; the age check goes on to payment by itself;
 * a new trip starts clean. Screenshots land in target/screenshots/shopper-offline-*.png (docs/shopper-guide.md).
 */
@SkannaTest
class ShopperOfflineBrowserTest {

    @RegisterExtension
    final Browsers browsers = new Browsers();

    private static final Duration WAIT = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    Api api;
    Store store;
    String hq;
    String milk;
    String soda;
    String snus;
    String shrimps;
    String declined;
    String neverConfirmed;
    Browser browser;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        store = fixtures.store();
        hq = fixtures.account(Role.HQ);
        milk = TestFixtures.gtin();
        soda = TestFixtures.gtin();
        snus = TestFixtures.gtin();
        Map<String, Object> sodaProduct = TestFixtures.product(soda, "Läsk 33 cl", 1500);
        sodaProduct.put("deposit", 100);
        Map<String, Object> snusProduct = TestFixtures.product(snus, "Snus 24 g", 6200);
        snusProduct.put("ageLimit", 18);
        snusProduct.put("vatClass", "STANDARD");
        // a price-labelled product: the deli's scale prints the price (20…: kronor with two decimals)
        shrimps = se.skanna.gs1.CheckDigits.append("20"
                + "%06d"
                        .formatted(
                                java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000)) + "0000");
        declined = TestFixtures.gtin();
        neverConfirmed = TestFixtures.gtin();
        Map<String, Object> shrimpProduct = TestFixtures.product(shrimps, "Räkor", 23900);
        shrimpProduct.put("unit", "KG");
        fixtures.importCatalog(
                api,
                Map.of(
                        "products",
                        List.of(
                                TestFixtures.product(milk, "Mellanmjölk", 1795),
                                sodaProduct,
                                snusProduct,
                                shrimpProduct,
                                // the test payment method declines amounts ending in 13 öre, never answers 14
                                TestFixtures.product(declined, "Kaffe", 5913),
                                TestFixtures.product(neverConfirmed, "Te", 5914))));
    }

    @Test
    void after_one_visit_the_app_opens_offline_estimates_scans_and_syncs_them_once_with_the_servers_prices() {
        browser = browsers.phone();
        openApp();
        enter(milk);
        browser.eventually(WAIT, "the milk never showed up", () -> {
            assertThat(lineNames()).containsExactly("Mellanmjölk");
            assertThat(browser.find("#scan-feedback").getText()).isEqualTo("Tillagd: Mellanmjölk\n17,95 kr");
            assertThat(browser.find("#code").getDomProperty("value")).isEmpty();
        });
        // the first visit keeps the page and the product snapshot on the phone
        browser.waitUntil(
                WAIT,
                "the page was never kept for offline opens",
                d -> "kept".equals(browser.find("body").getDomAttribute("data-shell")));
        browser.waitUntil(
                WAIT,
                "no product snapshot on the phone",
                d -> browser.find("body").getDomAttribute("data-snapshot") != null);

        network(false);
        browser.driver().navigate().refresh();
        waitReady();
        assertThat(browser.find("#network-state").isDisplayed()).isTrue();
        assertThat(keptCopyAge("/s/" + store.id()))
                .as("the app page offline is the copy kept on the first visit")
                .isGreaterThanOrEqualTo(1);
        browser.eventually(
                WAIT,
                "the cart was not there offline",
                () -> assertThat(lineNames()).containsExactly("Mellanmjölk"));

        enter(soda);
        enter(snus);
        browser.eventually(WAIT, "the offline scans showed no name or estimated price", () -> {
            assertThat(pending()).containsExactly("Läsk 33 cl|≈ 15,00 kr", "Snus 24 g18+|≈ 62,00 kr");
            assertThat(browser.find("#pending").getText()).contains("Uppskattat pris · Väntar på nätet");
            assertThat(browser.find("#estimated-total").getText()).isEqualTo("≈ 95,95 kr");
            assertThat(browser.find("#checkout").isEnabled()).isFalse();
        });
        browser.script("document.getElementById('pending').scrollIntoView({ block: 'center' });");
        browser.screenshot("shopper-offline-1-estimates");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA offline").isEmpty();

        // the price changes while the phone is offline: the server's price wins and the app says so
        fixtures.importCatalog(
                api, Map.of("prices", List.of(Map.of("storeId", store.id(), "gtin", soda, "price", 1400))));
        network(true);
        browser.eventually(Duration.ofSeconds(30), "the offline scans were never synced", () -> {
            assertThat(pending()).isEmpty();
            assertThat(lineNames()).containsExactly("Mellanmjölk", "Läsk 33 cl", "Snus 24 g18+");
            assertThat(browser.find("#total").getText()).isEqualTo("94,95 kr");
            assertThat(browser.find("#price-notice").getText())
                    .isEqualTo("Priset på Läsk 33 cl är 14,00 kr, inte 15,00 kr som visades utan nät.");
        });
        browser.script("document.getElementById('price-notice').scrollIntoView({ block: 'start' });");
        browser.screenshot("shopper-offline-2-synced");

        // exactly once: the server holds each scan once, and a reload changes nothing
        JsonNode cart = serverTrip().get("cart");
        assertThat(cart.get("lines").size()).isEqualTo(3);
        cart.get("lines")
                .forEach(line -> assertThat(line.get("quantity").asInt()).isEqualTo(1));
        browser.driver().navigate().refresh();
        waitReady();
        browser.eventually(WAIT, "the cart changed on reload", () -> {
            assertThat(lineNames()).hasSize(3);
            assertThat(browser.find("#total").getText()).isEqualTo("94,95 kr");
        });
    }

    @Test
    void a_paid_trip_keeps_its_receipt_and_exit_pass_when_the_store_closes_in_english() {
        browser = browsers.phoneInEnglish();
        openApp();
        enter(milk);
        enter(se.skanna.gs1.CheckDigits.append(shrimps.substring(0, 8) + "1013"));
        browser.eventually(WAIT, "the milk and the shrimps never showed up", () -> {
            assertThat(lineNames()).containsExactly("Mellanmjölk", "Räkor");
            // the label's price, not "1 × 239,00 kr" (the kilo price) next to it
            assertThat(browser.find("#lines li:nth-child(2)").getText()).contains("Price on the label", "10,13 kr");
            assertThat(browser.find("#lines li:nth-child(2)").getText()).doesNotContain("239,00");
        });
        browser.find("#checkout").click();
        browser.eventually(WAIT, "no receipt after paying", () -> {
            assertThat(browser.find("#paid-heading").getText()).isEqualTo("Paid");
            assertThat(browser.find("#receipt-total").getText()).isEqualTo("28,08 kr");
            assertThat(browser.findAll("#exit-qr svg rect").size()).isGreaterThan(50);
        });
        // the exit pass comes first, in view without scrolling; the receipt below; help at the bottom
        assertThat(browser.find("#exit-qr").getRect().getY()).isLessThan(900);
        assertThat(browser.find("#exit-pass").getRect().getY())
                .isLessThan(browser.find("#receipt-body").getRect().getY());
        assertThat(browser.find("#receipt-body").getRect().getY())
                .isLessThan(browser.find("#assist").getRect().getY());
        assertThat(browser.find("#receipt-body .total-row dt").getText()).isEqualTo("Total");

        changeStatus("CLOSED", "Power cut");
        browser.eventually(
                WAIT,
                "the store's closing was not shown",
                () -> assertThat(browser.find("#store-status").getText())
                        .isEqualTo(
                                "The store has closed. A paid trip still shows its receipt and exit pass. Power cut"));

        browser.driver().navigate().refresh();

        browser.eventually(WAIT, "the paid trip lost its receipt in a closed store", () -> {
            assertThat(browser.find("#paid-heading").isDisplayed()).isTrue();
            assertThat(browser.find("#receipt-total").getText()).isEqualTo("28,08 kr");
            assertThat(browser.findAll("#exit-qr svg rect").size()).isGreaterThan(50);
        });
        browser.screenshot("shopper-offline-3-closed-after-paying");
        assertThat(browser.accessibilityViolations())
                .as("WCAG A/AA on the receipt in a closed store")
                .isEmpty();
    }

    @Test
    void the_age_check_goes_on_to_payment_by_itself_and_a_new_trip_starts_clean() {
        browser = browsers.phone();
        openApp();
        enter(snus);
        browser.eventually(WAIT, "the snus never showed up marked 18+", () -> {
            assertThat(lineNames()).containsExactly("Snus 24 g18+");
            assertThat(browser.find("#lines .age-badge").getDomAttribute("aria-label"))
                    .isEqualTo("Åldersgräns 18 år");
        });
        browser.find("#call-staff").click();
        browser.eventually(
                WAIT,
                "the call for staff was not confirmed",
                () -> assertThat(browser.find("#assist-state").isDisplayed()).isTrue());

        browser.find("#checkout").click();
        browser.eventually(
                WAIT,
                "no age check",
                () -> assertThat(browser.find("#age-state").getText())
                        .isEqualTo("Väntar på att personalen godkänner. Betalningen går vidare av sig själv."));
        browser.find("#retry-checkout").click();
        browser.eventually(
                WAIT,
                "pay again before approval said nothing",
                () -> assertThat(browser.find("#age-state").getText())
                        .isEqualTo("Personalen har inte godkänt än. Vänta kvar, betalningen går vidare av sig själv."));
        // the trip code, large, as staff see it in their list of age checks
        assertThat(browser.find("#age-code").isDisplayed()).isTrue();
        assertThat(browser.find("#age-code .trip-code-value").getText())
                .isEqualTo(se.skanna.trip.TripCodes.codeOf(tripId()))
                .hasSize(5);
        assertThat(browser.find("#assist-code .trip-code-value").getText())
                .isEqualTo(se.skanna.trip.TripCodes.codeOf(tripId()));
        browser.screenshot("shopper-offline-4-age-check");
        assertThat(browser.accessibilityViolations())
                .as("WCAG A/AA while the age check waits")
                .isEmpty();

        String staff = fixtures.account(Role.STAFF, store.id());
        Api.Response approved = api.request("POST", "/api/v1/trips/" + tripId() + "/age-approvals")
                .as(staff, TestFixtures.PASSWORD)
                .send();
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        browser.eventually(WAIT, "the phone did not go on to payment after the approval", () -> {
            assertThat(browser.find("#receipt").isDisplayed()).isTrue();
            assertThat(browser.find("#receipt-total").getText()).isEqualTo("62,00 kr");
        });

        String paidTrip = tripId();
        browser.find("#new-trip").click();
        browser.eventually(WAIT, "the new trip did not start clean", () -> {
            assertThat(tripId()).isNotEqualTo(paidTrip);
            assertThat(browser.find("#shopping").isDisplayed()).isTrue();
            assertThat(lineNames()).isEmpty();
            for (String leftover :
                    List.of("#checkout-state", "#checkout-error", "#scan-error", "#scan-feedback", "#age-check")) {
                assertThat(browser.find(leftover).isDisplayed()).as(leftover).isFalse();
            }
            assertThat(browser.find("#assist-state").isDisplayed())
                    .as("the old call for staff")
                    .isFalse();
            assertThat(browser.find("#call-staff").isEnabled()).isTrue();
        });

        // a declined payment says why in Swedish; a payment that never confirms can be called off
        enter(declined);
        browser.eventually(
                WAIT,
                "the coffee never showed up",
                () -> assertThat(lineNames()).containsExactly("Kaffe"));
        browser.find("#checkout").click();
        browser.eventually(
                WAIT,
                "the decline was not explained in Swedish",
                () -> assertThat(browser.find("#checkout-error").getText())
                        .isEqualTo("Betalningen nekades: betalningen gick inte igenom"));
        browser.find("#lines li button.remove").click();
        browser.eventually(
                WAIT,
                "the coffee was not removed",
                () -> assertThat(lineNames()).isEmpty());
        enter(neverConfirmed);
        browser.eventually(
                WAIT, "the tea never showed up", () -> assertThat(lineNames()).containsExactly("Te"));
        browser.find("#checkout").click();
        browser.eventually(
                WAIT,
                "no way to call the waiting payment off",
                () -> assertThat(browser.find("#cancel-payment").isDisplayed()).isTrue());
        browser.find("#cancel-payment").click();
        browser.eventually(WAIT, "the payment was not called off", () -> {
            assertThat(browser.find("#checkout-error").getText())
                    .isEqualTo("Betalningen är avbruten. Du kan betala igen när du vill.");
            assertThat(browser.find("#cancel-payment").isDisplayed()).isFalse();
            assertThat(browser.find("#checkout").isEnabled()).isTrue();
        });
    }

    /**
     * How many seconds old the answer for {@code path} is, fetched through the page's service worker a moment
     * from now: offline, the copy the phone kept earlier (its Date header is from then), so 1 or more.
     */
    private long keptCopyAge(String path) {
        Object age = ((JavascriptExecutor) browser.driver())
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1]; setTimeout(() => fetch(arguments[0])"
                                + ".then(r => done(Math.round((Date.now() - Date.parse(r.headers.get('Date'))) / 1000)),"
                                + " () => done(-1)), 1500);",
                        path);
        return ((Number) age).longValue();
    }

    private void openApp() {
        browser.open("http://localhost:" + port + "/s/" + store.id());
        waitReady();
    }

    private void waitReady() {
        browser.waitUntil(
                WAIT,
                "the app never got ready",
                d -> "ready".equals(browser.find("#app").getDomAttribute("data-state")));
    }

    private void enter(String code) {
        WebElement input = browser.find("#code");
        input.clear();
        input.sendKeys(code, Keys.ENTER);
    }

    private void changeStatus(String status, String message) {
        Api.Response changed = api.request("PUT", "/api/v1/stores/" + store.id() + "/status")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("status", status, "message", message))
                .send();
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    private List<String> lineNames() {
        return (List<String>)
                browser.script("return [...document.querySelectorAll('#lines li .name')].map(e => e.textContent);");
    }

    @SuppressWarnings("unchecked")
    private List<String> pending() {
        return (List<String>) browser.script("return [...document.querySelectorAll('#pending li')]"
                + ".map(li => li.querySelector('.name').textContent + '|' + li.querySelector('.amount').textContent);");
    }

    private String tripId() {
        return (String) storedTrip().get("tripId");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> storedTrip() {
        return (Map<String, Object>) ((JavascriptExecutor) browser.driver())
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1]; const q = indexedDB.open('skanna-shopper');"
                                + " q.onsuccess = () => { const g = q.result.transaction('kv').objectStore('kv')"
                                + ".get('trip:' + arguments[0]); g.onsuccess = () => done(g.result ?? {}); };",
                        store.id());
    }

    private JsonNode serverTrip() {
        Map<String, Object> trip = storedTrip();
        Api.Response answer = api.request("GET", "/api/v1/trips/" + trip.get("tripId"))
                .header("Authorization", "Bearer " + trip.get("token"))
                .send();
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /**
     * Chromium's DevTools network emulation: offline makes every request fail, as in a dead spot: the page's
     * own and its service worker's (a target of its own, which the page's emulation does not reach).
     */
    @SuppressWarnings("unchecked")
    private void network(boolean online) {
        ChromiumDriver chromium = (ChromiumDriver) browser.driver();
        Map<String, Object> conditions =
                Map.of("offline", !online, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1);
        chromium.executeCdpCommand("Network.enable", Map.of());
        chromium.executeCdpCommand("Network.emulateNetworkConditions", conditions);
        List<Map<String, Object>> targets = (List<Map<String, Object>>)
                chromium.executeCdpCommand("Target.getTargets", Map.of()).get("targetInfos");
        for (Map<String, Object> target : targets) {
            if ("service_worker".equals(target.get("type"))) {
                String session = (String) chromium.executeCdpCommand(
                                "Target.attachToTarget", Map.of("targetId", target.get("targetId"), "flatten", false))
                        .get("sessionId");
                sendTo(chromium, session, 1, "Network.enable", Map.of());
                sendTo(chromium, session, 2, "Network.emulateNetworkConditions", conditions);
            }
        }
    }

    private static void sendTo(
            ChromiumDriver chromium, String session, int id, String method, Map<String, Object> params) {
        chromium.executeCdpCommand(
                "Target.sendMessageToTarget",
                Map.of(
                        "sessionId",
                        session,
                        "message",
                        Api.json(Map.of("id", id, "method", method, "params", params))));
    }
}
