package se.skanna.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.Browser;
import se.skanna.support.Browsers;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;
import se.skanna.trip.TripCodes;

/**
 * A basket audit on a phone (390 × 844) in headless Chromium: every item scanned so far is listed by name with
 * a button to take it back (logged), refusals are in Swedish, results name products (never GTINs), and the
 * verdict word stays inside its box.
 */
@SkannaTest
class AuditConsoleBrowserTest {

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Browser browser;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void staff_see_every_scanned_item_by_name_take_one_back_and_get_named_results() {
        Store store = fixtures.store();
        String staff = fixtures.account(Role.STAFF, store.id());
        String milk = TestFixtures.gtin();
        String soda = TestFixtures.gtin();
        fixtures.importCatalog(
                api,
                Map.of(
                        "products",
                        List.of(
                                TestFixtures.product(milk, "Mellanmjölk", 1795),
                                TestFixtures.product(soda, "Läsk citron", 1500))));
        String[] trip = TestFixtures.tripWith(api, store.id(), milk);
        Api.Response paid = api.request("POST", "/api/v1/trips/" + trip[0] + "/checkout")
                .header("Authorization", "Bearer " + trip[1])
                .header("Idempotency-Key", "key-" + UUID.randomUUID())
                .json(Map.of("method", "test"))
                .send();
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);

        browser = browsers.start();
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        browser.open("http://localhost:" + port + "/console/stores/" + store.id() + "/audits/" + trip[0]);
        browser.signIn(staff, TestFixtures.PASSWORD);
        assertThat(browser.find("#audit-trip").getText()).isEqualTo("Köp " + TripCodes.codeOf(trip[0]));
        assertThat(browser.find("#audit-mode").getText()).startsWith("Stickprov");
        assertThat(browser.find("#scans-none").getText()).isEqualTo("Inget skannat än.");

        scan(soda);
        scan(milk);
        scan(milk); // by mistake: the same carton twice
        assertThat(browser.find("#scanned").getText()).isEqualTo("Tillagd: Mellanmjölk (3 skannade hittills)");
        assertThat(names()).containsExactly("Läsk citron", "Mellanmjölk", "Mellanmjölk");
        assertThat(browser.find("#scans-heading").getText()).isEqualTo("Skannat hittills (3)");
        scan("7300000000000");
        assertThat(browser.find("#scan-error").getText())
                .doesNotContain("product")
                .isNotBlank();
        assertThat(browser.find("#scan-error").getText()).matches("^[A-ZÅÄÖ].*");
        browser.screenshot("console-40-audit-scans-phone");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();

        // take back the second carton
        browser.clickAndWait("#scans tbody tr:nth-child(3) button.remove");
        assertThat(browser.find("#removed").getText()).isEqualTo("Borttagen: Mellanmjölk.");
        assertThat(names()).containsExactly("Läsk citron", "Mellanmjölk");

        // the soda was not paid for: the partial audit escalates, naming it, not its GTIN
        browser.clickAndWait("#complete");
        assertThat(browser.find("#audit-result").getDomAttribute("data-result")).isEqualTo("DISCREPANCY");
        assertThat(browser.find("#extra").getText())
                .isEqualTo("1 × Läsk citron")
                .doesNotContain(soda);
        assertThat(browser.find("#audit-mode").getText()).startsWith("Fullständig omskanning");
        assertInsideItsBox(browser.find("#audit-result .word"), browser.find("#audit-result"));
        browser.screenshot("console-41-audit-escalated-phone");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();

        // the soda was the customer's own from another shop: take it back, and the full rescan matches
        browser.open("http://localhost:" + port + "/console/stores/" + store.id() + "/audits/" + trip[0]);
        assertThat(names()).containsExactly("Läsk citron", "Mellanmjölk");
        browser.clickAndWait("#scans tbody tr:nth-child(1) button.remove");
        browser.clickAndWait("#complete");
        assertThat(browser.find("#audit-result").getDomAttribute("data-result")).isEqualTo("OK");
        assertThat(names()).containsExactly("Mellanmjölk");
        assertThat(browser.findAll("button.remove"))
                .as("a completed audit takes nothing back")
                .isEmpty();
        assertThat(browser.findAll("#complete")).isEmpty();

        assertThat(jdbc.sql("select action from console_action where username = :user order by id")
                        .param("user", staff)
                        .query(String.class)
                        .list())
                .containsExactly(
                        "AUDIT_ITEM_SCANNED",
                        "AUDIT_ITEM_SCANNED",
                        "AUDIT_ITEM_SCANNED",
                        "AUDIT_ITEM_REMOVED",
                        "AUDIT_ESCALATED",
                        "AUDIT_ITEM_REMOVED",
                        "AUDIT_COMPLETED");
    }

    @Test
    void a_completed_audit_takes_nothing_back_and_another_stores_staff_cannot_touch_it() {
        Store store = fixtures.store();
        Store other = fixtures.store();
        String milk = TestFixtures.gtin();
        fixtures.importCatalog(api, Map.of("products", List.of(TestFixtures.product(milk, "Mellanmjölk", 1795))));
        String[] trip = TestFixtures.tripWith(api, store.id(), milk);
        api.request("POST", "/api/v1/trips/" + trip[0] + "/checkout")
                .header("Authorization", "Bearer " + trip[1])
                .header("Idempotency-Key", "key-" + UUID.randomUUID())
                .json(Map.of("method", "test"))
                .send();
        ConsoleSession staff = new ConsoleSession(port);
        staff.signIn(fixtures.account(Role.STAFF, store.id()), TestFixtures.PASSWORD);
        String audit = "/console/stores/" + store.id() + "/audits/" + trip[0];
        staff.postWithToken(audit, audit + "/scans", Map.of("code", milk));

        ConsoleSession stranger = new ConsoleSession(port);
        stranger.signIn(fixtures.account(Role.STAFF, other.id()), TestFixtures.PASSWORD);
        assertThat(stranger.postWithToken("/console/stores/" + other.id(), audit + "/scans/1/remove", Map.of())
                        .statusCode())
                .isEqualTo(403);
        assertThat(stranger.postWithToken(
                                "/console/stores/" + other.id(),
                                "/console/stores/" + other.id() + "/audits/" + trip[0] + "/scans/1/remove",
                                Map.of())
                        .statusCode())
                .as("another store's trip is not found there")
                .isEqualTo(404);
        assertThat(staff.postWithToken(audit, audit + "/scans/x/remove", Map.of())
                        .statusCode())
                .isEqualTo(302);
        assertThat(staff.get(audit).body()).contains("Skannat hittills (1)");

        staff.postWithToken(audit, audit + "/complete", Map.of());
        assertThat(staff.postWithToken(audit, audit + "/scans/1/remove", Map.of())
                        .statusCode())
                .isEqualTo(302);
        String page = staff.get(audit).body();
        assertThat(page).contains("Kontrollen är redan avslutad.").contains("Skannat hittills (1)");
    }

    private void scan(String code) {
        browser.find("#code").sendKeys(code);
        browser.clickAndWait("#scan");
    }

    private List<String> names() {
        return browser.findAll("#scans tbody td.item-name").stream()
                .map(WebElement::getText)
                .toList();
    }

    /** The word is drawn inside the verdict box: nothing cut off or spilling out at phone width. */
    static void assertInsideItsBox(WebElement word, WebElement box) {
        assertThat(word.getRect().getX()).isGreaterThanOrEqualTo(box.getRect().getX());
        assertThat(word.getRect().getX() + word.getRect().getWidth())
                .isLessThanOrEqualTo(box.getRect().getX() + box.getRect().getWidth());
        assertThat(Long.parseLong(word.getDomProperty("scrollWidth")))
                .as("the word's text fits its line")
                .isLessThanOrEqualTo(Long.parseLong(word.getDomProperty("clientWidth")));
    }
}
