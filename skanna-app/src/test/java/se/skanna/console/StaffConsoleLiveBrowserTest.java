package se.skanna.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.Browser;
import se.skanna.support.Browsers;
import se.skanna.support.SkannaTest;
import se.skanna.support.TcpProxy;
import se.skanna.support.TestFixtures;
import se.skanna.trip.TripCodes;

/**
 * The exit console stays honest about being live, on a phone (390 × 844) in headless Chromium: new age checks
 * and calls for staff appear by themselves (with a beep when staff switched the sound on), a network that is
 * gone shows "Ingen anslutning" until it is back, and a session ended on the server (the account disabled) shows
 * "Du är utloggad" with a sign-in link back to the same page, within one refresh period.
 */
@SkannaTest
class StaffConsoleLiveBrowserTest {

    @RegisterExtension
    final Browsers browsers = new Browsers();

    /** One refresh period (5 s) and slack for a busy two-core machine. */
    private static final Duration PERIOD = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    Api api;
    Browser browser;
    TcpProxy proxy;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void new_age_checks_and_calls_appear_by_themselves_with_a_beep_and_a_lost_network_or_session_is_shown() {
        Store store = fixtures.store();
        String staff = fixtures.account(Role.STAFF, store.id());
        String hq = fixtures.account(Role.HQ);
        String snus = TestFixtures.gtin();
        String milk = TestFixtures.gtin();
        Map<String, Object> snusProduct = TestFixtures.product(snus, "Snus 24 g", 6200);
        snusProduct.put("ageLimit", 18);
        snusProduct.put("vatClass", "STANDARD");
        fixtures.importCatalog(
                api, Map.of("products", List.of(snusProduct, TestFixtures.product(milk, "Mellanmjölk", 1795))));

        // through a proxy the test can cut, as when the shop's Wi-Fi goes
        proxy = new TcpProxy("127.0.0.1", port);
        String page = "http://localhost:" + proxy.port() + "/console/stores/" + store.id();
        browser = browsers.start();
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        browser.open(page);
        browser.signIn(staff, TestFixtures.PASSWORD);
        assertThat(browser.find("#age-none").isDisplayed()).isTrue();
        assertThat(browser.find("#live-state").isDisplayed())
                .as("the page says it is live")
                .isTrue();
        assertThat(browser.find("#live-banner").isDisplayed()).isFalse();
        assertThat(browser.find("#sound-toggle").getDomAttribute("aria-pressed"))
                .isEqualTo("false");
        browser.find("#sound-toggle").click();
        assertThat(browser.find("#sound-toggle").getDomAttribute("aria-pressed"))
                .isEqualTo("true");
        assertThat(browser.find("#sound-toggle").getText()).isEqualTo("Ljud vid nya kallelser: på");

        // a shopper with snus waits for an age check: the list shows it without a reload, and it beeps
        String[] waiting = TestFixtures.tripWith(api, store.id(), snus);
        String code = TripCodes.codeOf(waiting[0]);
        browser.eventually(
                PERIOD,
                "the new age check never appeared",
                () -> assertThat(browser.find("#age-checks tr[data-trip-id='" + waiting[0] + "']")
                                .getText())
                        .contains("Köp " + code)
                        .contains("Snus 24 g"));
        browser.eventually(
                PERIOD, "no beep for the age check", () -> assertThat(beeps()).isEqualTo(1));

        // staff are about to approve it with the keyboard when a second one arrives: the focus stays on that button
        browser.script("document.querySelector(\"#age-checks tr[data-trip-id='" + waiting[0] + "'] button\").focus();");
        String[] second = TestFixtures.tripWith(api, store.id(), snus);
        browser.eventually(
                PERIOD,
                "the second age check never appeared",
                () -> assertThat(browser.findAll("#age-checks tr[data-trip-id='" + second[0] + "']"))
                        .hasSize(1));
        assertThat(browser.script("return document.activeElement.closest('tr')?.dataset.tripId;"))
                .as("focus kept on the row staff were on")
                .isEqualTo(waiting[0]);
        browser.eventually(
                PERIOD,
                "no beep for the second age check",
                () -> assertThat(beeps()).isEqualTo(2));

        // a shopper calls for staff: the call appears, with the code the shopper's phone shows, and beeps again
        String[] calling = TestFixtures.tripWith(api, store.id(), milk);
        Api.Response call = api.request("POST", "/api/v1/trips/" + calling[0] + "/assistance")
                .header("Authorization", "Bearer " + calling[1])
                .json(Map.of("message", "Var finns mjölken?"))
                .send();
        assertThat(call.status()).as(call.body()).isIn(200, 201);
        browser.eventually(
                PERIOD,
                "the call never appeared",
                () -> assertThat(browser.find("#assistance tr[data-trip-id='" + calling[0] + "']")
                                .getText())
                        .contains("Köp " + TripCodes.codeOf(calling[0]))
                        .contains("Var finns mjölken?"));
        browser.eventually(
                PERIOD, "no beep for the call", () -> assertThat(beeps()).isEqualTo(3));
        browser.screenshot("console-30-live-phone");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();

        // the network goes: the page says so, and comes back by itself
        proxy.cut();
        browser.eventually(PERIOD, "the lost network was not shown", () -> {
            assertThat(browser.find("#live-banner").isDisplayed()).isTrue();
            assertThat(browser.find("#live-offline").getText()).startsWith("Ingen anslutning");
            assertThat(browser.find("#live-state").isDisplayed()).isFalse();
        });
        browser.screenshot("console-31-offline");
        proxy.restore();
        browser.eventually(PERIOD, "the page did not come back when the network did", () -> {
            assertThat(browser.find("#live-banner").isDisplayed()).isFalse();
            assertThat(browser.find("#live-state").isDisplayed()).isTrue();
        });

        // HQ disables the account: its session ends, and the page says so within a refresh period
        Api.Response disabled = api.request("POST", "/api/v1/staff/" + staff + "/disable")
                .as(hq, TestFixtures.PASSWORD)
                .send();
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        browser.eventually(PERIOD, "the lost session was not shown", () -> {
            assertThat(browser.find("#live-banner").isDisplayed()).isTrue();
            assertThat(browser.find("#live-signed-out").getText()).startsWith("Du är utloggad — logga in igen");
            assertThat(browser.find("#live-state").isDisplayed()).isFalse();
        });
        assertThat(browser.find("#live-sign-in").getDomProperty("href")).isEqualTo(page);
        assertThat(browser.find(".masthead .who").isDisplayed())
                .as("the header no longer says signed in")
                .isFalse();
        browser.script("window.scrollTo(0, 0);");
        browser.screenshot("console-32-signed-out");
        assertThat(browser.accessibilityViolations())
                .as("WCAG A/AA, signed out")
                .isEmpty();

        // enabled again, the link signs in and comes back to this store's page
        api.request("POST", "/api/v1/staff/" + staff + "/enable")
                .as(hq, TestFixtures.PASSWORD)
                .send();
        browser.clickAndWait("#live-sign-in");
        assertThat(browser.driver().getCurrentUrl()).contains("/login");
        browser.signIn(staff, TestFixtures.PASSWORD);
        assertThat(browser.driver().getCurrentUrl()).startsWith(page);
        assertThat(browser.find("#live-banner").isDisplayed()).isFalse();
    }

    @Test
    void the_open_trips_list_is_live_too() {
        Store store = fixtures.store();
        String staff = fixtures.account(Role.STAFF, store.id());
        String milk = TestFixtures.gtin();
        fixtures.importCatalog(api, Map.of("products", List.of(TestFixtures.product(milk, "Mellanmjölk", 1795))));
        browser = browsers.start();
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        browser.open("http://localhost:" + port + "/console/stores/" + store.id() + "/trips");
        browser.signIn(staff, TestFixtures.PASSWORD);
        assertThat(browser.find("#trips-none").isDisplayed()).isTrue();
        String[] trip = TestFixtures.tripWith(api, store.id(), milk);
        browser.eventually(
                PERIOD,
                "the new trip never appeared",
                () -> assertThat(browser.find("#open-trips tr[data-trip-id='" + trip[0] + "']")
                                .getText())
                        .contains("Köp " + TripCodes.codeOf(trip[0]))
                        .contains("17,95 kr"));
        assertThat(browser.findAll("#sound-toggle")).isEmpty();
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();
    }

    @Autowired
    FloorEventStream floorEvents;

    @Test
    void a_call_for_staff_is_pushed_to_the_page_sooner_than_its_next_re_read() {
        Store store = fixtures.store();
        String staff = fixtures.account(Role.STAFF, store.id());
        String milk = TestFixtures.gtin();
        fixtures.importCatalog(api, Map.of("products", List.of(TestFixtures.product(milk, "Mellanmjölk", 1795))));
        String[] calling = TestFixtures.tripWith(api, store.id(), milk);
        browser = browsers.start();
        browser.open("http://localhost:" + port + "/console/stores/" + store.id());
        browser.signIn(staff, TestFixtures.PASSWORD);
        browser.eventually(
                PERIOD,
                "the page never opened its event stream",
                () -> assertThat(browser.find("main").getDomAttribute("data-events"))
                        .isEqualTo("open"));
        assertThat(floorEvents.listeners())
                .as("the server holds the page's stream")
                .isPositive();
        // right after a re-read, so the next one is five seconds away
        String read = browser.find("#live-time").getText();
        browser.eventually(
                PERIOD,
                "the page never re-read itself",
                () -> assertThat(browser.find("#live-time").getText()).isNotEqualTo(read));
        long readAt = System.nanoTime();

        Api.Response call = api.request("POST", "/api/v1/trips/" + calling[0] + "/assistance")
                .header("Authorization", "Bearer " + calling[1])
                .json(Map.of())
                .send();
        assertThat(call.status()).as(call.body()).isIn(200, 201);

        browser.eventually(
                Duration.ofSeconds(4),
                "the call did not arrive before the next re-read",
                () -> assertThat(browser.findAll("#assistance-list [data-request-id='"
                                + call.json().get("requestId").asString() + "']"))
                        .hasSize(1));
        assertThat(Duration.ofNanos(System.nanoTime() - readAt))
                .as("pushed, not found by the re-read every 5 s")
                .isLessThan(Duration.ofMillis(4900));
    }

    private long beeps() {
        String count = browser.find("#sound-toggle").getDomAttribute("data-beeps");
        return count == null ? 0 : Long.parseLong(count);
    }
}
