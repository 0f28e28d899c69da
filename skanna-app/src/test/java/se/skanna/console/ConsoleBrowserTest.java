package se.skanna.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.Browser;
import se.skanna.support.Browsers;
import se.skanna.support.FakeCamera;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;
import tools.jackson.databind.JsonNode;

/**
 * The consoles in a real (headless) Chromium, in Swedish: staff sign in through the login form, verify an
 * exit pass, audit a basket and approve an age check; HQ declares an incident for a region and the public
 * status page shows it; staff get the 403 page elsewhere. Screenshots land in target/screenshots/.
 */
@SkannaTest
class ConsoleBrowserTest {

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    Api api;
    String hq;
    Browser browser;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        hq = fixtures.account(Role.HQ);
    }

    @Test
    void staff_verify_an_exit_pass_audit_the_basket_and_approve_an_age_check() {
        Store store = fixtures.store();
        String staff = fixtures.account(Role.STAFF, store.id());
        String milk = TestFixtures.gtin();
        String soda = TestFixtures.gtin();
        String snus = TestFixtures.gtin();
        Map<String, Object> snusProduct = TestFixtures.product(snus, "Snus 24 g", 6200);
        snusProduct.put("ageLimit", 18);
        snusProduct.put("vatClass", "STANDARD");
        importProducts(List.of(
                TestFixtures.product(milk, "Mellanmjölk", 1795),
                TestFixtures.product(soda, "Läsk", 1500),
                snusProduct));
        String[] paid = trip(store, milk, soda);
        pay(paid);
        String pass = api.request("GET", "/api/v1/trips/" + paid[0] + "/exit-pass")
                .header("Authorization", "Bearer " + paid[1])
                .send()
                .json()
                .get("token")
                .asString();
        String[] waiting = trip(store, snus);
        browser = browsers.start();

        // Not signed in: the console sends the browser to Skanna's own login page, in Swedish.
        browser.open(url("/console/stores/" + store.id()));
        assertThat(path()).endsWith("/login");
        assertThat(browser.find("label[for=username]").getText()).isEqualTo("Användarnamn");
        assertThat(browser.find("label[for=password]").getText()).isEqualTo("Lösenord");
        assertThat(browser.find("form input[name=_csrf]").getDomAttribute("type"))
                .isEqualTo("hidden");
        browser.screenshot("console-01-login");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();
        browser.signIn(staff, TestFixtures.PASSWORD);

        assertThat(path()).endsWith("/console/stores/" + store.id());
        assertThat(browser.find("h1").getText()).contains(store.name()).contains("Utgångskontroll");
        assertThat(browser.find("#age-checks tr[data-trip-id='" + waiting[0] + "']")
                        .getText())
                .contains("Snus 24 g")
                .contains("18");
        browser.screenshot("console-02-staff-store");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();

        browser.find("#token").sendKeys(pass);
        browser.clickAndWait("#verify");
        assertThat(browser.find("#verdict").getDomAttribute("data-result")).isEqualTo("PASS");
        assertThat(browser.find("#verdict .word").getText()).isEqualTo("GODKÄND");
        assertThat(Double.parseDouble(
                        browser.find("#verdict .word").getCssValue("font-size").replace("px", "")))
                .as("the verdict is in very large type")
                .isGreaterThanOrEqualTo(56);
        browser.screenshot("console-03-exit-pass-pass");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();

        // Audit the basket: two sodas found where one was paid for escalates to a full rescan.
        browser.clickAndWait("#start-audit");
        assertThat(path()).endsWith("/audits/" + paid[0]);
        scan(soda);
        assertThat(browser.find("#scanned").getText()).contains("Läsk");
        scan(soda);
        browser.clickAndWait("#complete");
        assertThat(browser.find("#audit-result").getDomAttribute("data-result")).isEqualTo("DISCREPANCY");
        assertThat(browser.find("#audit-result").getDomAttribute("data-next")).isEqualTo("FULL");
        assertThat(browser.find("#escalated").getText()).contains("skanna om hela kassen");
        browser.screenshot("console-04-audit-escalated");
        scan(milk);
        assertThat(browser.find("#full-mode").getText()).startsWith("Fullständig omskanning");
        browser.clickAndWait("#complete");
        assertThat(browser.find("#audit-result").getDomAttribute("data-result")).isEqualTo("DISCREPANCY");
        assertThat(browser.find("#audit-result .word").getText()).isEqualTo("AVVIKELSE");
        assertThat(browser.find("#extra").getText()).contains("1 × Läsk");
        assertThat(browser.findAll("#missing")).isEmpty();
        assertThat(browser.findAll("#complete"))
                .as("a completed audit takes no more scans")
                .isEmpty();
        browser.screenshot("console-05-audit-completed");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();

        browser.clickAndWait("#back");
        // A pass works once.
        browser.find("#token").sendKeys(pass);
        browser.clickAndWait("#verify");
        assertThat(browser.find("#verdict").getDomAttribute("data-result")).isEqualTo("INVALID");
        assertThat(browser.find("#verdict .word").getText()).isEqualTo("OGILTIG");
        assertThat(browser.find("#verdict .explain").getText()).isEqualTo("Passet är redan använt.");
        browser.screenshot("console-07-exit-pass-already-used");

        // Age check: approve the waiting shopper; the trip leaves the queue and may now be paid.
        browser.clickAndWait("#age-checks tr[data-trip-id='" + waiting[0] + "'] button");
        assertThat(browser.find("#approved").getText()).contains("köp " + se.skanna.trip.TripCodes.codeOf(waiting[0]));
        assertThat(browser.findAll("tr[data-trip-id='" + waiting[0] + "']")).isEmpty();
        browser.screenshot("console-08-age-approved");
        pay(waiting);

        assertThat(actions(staff))
                .containsExactly(
                        "EXIT_PASS_VERIFIED",
                        "AUDIT_ITEM_SCANNED",
                        "AUDIT_ITEM_SCANNED",
                        "AUDIT_ESCALATED",
                        "AUDIT_ITEM_SCANNED",
                        "AUDIT_COMPLETED",
                        "EXIT_PASS_VERIFIED",
                        "AGE_APPROVED");

        browser.clickAndWait("#logout");
        assertThat(browser.driver().getCurrentUrl()).contains("/stores");
        browser.open(url("/console/stores/" + store.id()));
        assertThat(browser.driver().getCurrentUrl()).as("signed out").endsWith("/login");
    }

    @Test
    void hq_declares_an_incident_for_a_region_after_a_preview_and_the_public_page_shows_it() {
        List<Store> stores = fixtures.region(3);
        String region = stores.getFirst().region();
        browser = browsers.start();
        browser.open(url("/console/hq"));
        browser.signIn(hq, TestFixtures.PASSWORD);
        assertThat(path()).endsWith("/console/hq");
        assertThat(browser.find("h1").getText()).isEqualTo("HK-konsol");

        browser.find("#incident-title").sendKeys("Kassasystemet nere");
        new Select(browser.find("#incident-region")).selectByVisibleText(region);
        new Select(browser.find("#incident-status")).selectByValue("APP_ONLY");
        browser.find("#incident-message").sendKeys("Kassorna är nere, handla med appen");
        browser.screenshot("console-10-hq-declare");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();
        browser.clickAndWait("#preview-incident");

        // The preview changes nothing yet and names every store that would switch.
        assertThat(browser.find("#confirm-summary").getText())
                .contains("Kassasystemet nere")
                .contains("3 butiker")
                .contains("Endast app");
        assertThat(browser.findAll("#affected-stores tbody tr").stream()
                        .map(row -> row.getDomAttribute("data-store-id"))
                        .toList())
                .containsExactlyInAnyOrderElementsOf(
                        stores.stream().map(Store::id).toList());
        assertThat(publicStatus(stores.getFirst())).isEqualTo("OPEN");
        browser.screenshot("console-11-hq-preview");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();
        browser.clickAndWait("#confirm-incident");

        assertThat(path()).endsWith("/console/hq");
        assertThat(browser.find("#declared").getText())
                .contains("Kassasystemet nere")
                .contains("3 butiker");
        assertThat(browser.find("#active-incidents").getText()).contains("Kassasystemet nere");
        browser.screenshot("console-12-hq-declared");

        browser.open(url("/stores?region=" + URLEncoder.encode(region, StandardCharsets.UTF_8)));
        for (Store store : stores) {
            assertThat(browser.find("tr[data-store-id='" + store.id() + "'] span.badge")
                            .getDomAttribute("data-status"))
                    .as(store.name())
                    .isEqualTo("APP_ONLY");
            assertThat(browser.find("tr[data-store-id='" + store.id() + "'] td.message")
                            .getText())
                    .isEqualTo("Kassorna är nere, handla med appen");
        }
        browser.screenshot("console-13-public-page-app-only");

        browser.open(url("/console/hq/audit-log"));
        assertThat(browser.find("#audit-log tbody tr[data-action=INCIDENT_DECLARED]")
                        .getText())
                .contains(hq)
                .contains("Kassasystemet nere");
        browser.screenshot("console-14-hq-audit-log");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();

        // Resolve it from the HQ console: every store gets back what it had before.
        browser.open(url("/console/hq"));
        String incidentId = jdbc.sql("select target from console_action where username = :user"
                        + " and action = 'INCIDENT_DECLARED'")
                .param("user", hq)
                .query(String.class)
                .single();
        browser.clickAndWait("#active-incidents tr[data-incident-id='" + incidentId + "'] button");
        assertThat(browser.find("#resolved").getText())
                .contains("Kassasystemet nere")
                .contains("3 butiker");
        assertThat(browser.findAll("tr[data-incident-id='" + incidentId + "']")).isEmpty();
        browser.screenshot("console-15-hq-resolved");
        for (Store store : stores) {
            assertThat(publicStatus(store)).as(store.name()).isEqualTo("OPEN");
        }

        // HQ may also use a store's manager view.
        browser.open(url("/console/stores/" + stores.getFirst().id() + "/manager"));
        new Select(browser.find("#status")).selectByValue("CLOSED");
        browser.find("#message").clear();
        browser.find("#message").sendKeys("Vattenläcka");
        browser.clickAndWait("#save-status");
        assertThat(browser.find("#close-heading").getText())
                .contains(stores.getFirst().name());
        browser.clickAndWait("#confirm-close");
        assertThat(browser.find("#store-status").getDomAttribute("data-status")).isEqualTo("CLOSED");
        assertThat(browser.find("#saved").getText()).startsWith("Statusen är sparad");
        browser.screenshot("console-16-manager-view");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();
        assertThat(publicStatus(stores.getFirst())).isEqualTo("CLOSED");
    }

    @Test
    void staff_get_the_403_page_for_another_store_and_for_hq_pages() {
        Store own = fixtures.store();
        Store other = fixtures.store();
        String staff = fixtures.account(Role.STAFF, own.id());
        browser = browsers.start();
        browser.open(url("/login"));
        browser.signIn(staff, TestFixtures.PASSWORD);

        for (String path : List.of(
                "/console/stores/" + other.id(),
                "/console/hq",
                "/console/hq/audit-log",
                "/console/stores/" + own.id() + "/manager")) {
            browser.open(url(path));
            assertThat(browser.find("#error-page").getDomAttribute("data-status"))
                    .as(path)
                    .isEqualTo("403");
            assertThat(browser.find("h1").getText()).isEqualTo("Åtkomst nekad");
            assertThat(browser.find("#error-text").getText()).startsWith("Ditt konto får inte öppna den här sidan.");
            assertNoInternals(browser.driver().getPageSource());
        }
        browser.screenshot("console-20-staff-403");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();

        browser.open(url("/console/no-such-page"));
        assertThat(browser.find("#error-page").getDomAttribute("data-status")).isEqualTo("404");
        assertThat(browser.find("h1").getText()).isEqualTo("Sidan finns inte");
        assertNoInternals(browser.driver().getPageSource());
        browser.screenshot("console-21-staff-404");
    }

    @Test
    void staff_read_the_exit_pass_qr_and_the_audited_items_with_the_camera_each_once() {
        Store store = fixtures.store();
        String staff = fixtures.account(Role.STAFF, store.id());
        String milk = TestFixtures.gtin();
        importProducts(List.of(TestFixtures.product(milk, "Mellanmjölk", 1795)));
        String[] paid = trip(store, milk);
        pay(paid);
        String pass = api.request("GET", "/api/v1/trips/" + paid[0] + "/exit-pass")
                .header("Authorization", "Bearer " + paid[1])
                .send()
                .json()
                .get("token")
                .asString();

        // The shopper holds up the exit pass: the verdict page follows by itself.
        browser = browsers.startWithCamera(FakeCamera.qr(pass));
        browser.open(url("/console/stores/" + store.id()));
        browser.signIn(staff, TestFixtures.PASSWORD);
        browser.find("#camera-start").click();
        browser.eventually(
                Duration.ofSeconds(30),
                "the camera never read the exit pass",
                () -> assertThat(browser.findAll("#verdict"))
                        .as("verdict; %s", browser.cameraReport())
                        .isNotEmpty());
        assertThat(browser.find("#verdict").getDomAttribute("data-result")).isEqualTo("PASS");
        // the camera is back on the verdict page with the same pass in view: it is not sent again (it would be
        // "already used" then)
        browser.eventually(
                Duration.ofSeconds(20),
                "the camera did not start again on the verdict page",
                () -> assertThat(browser.cameraReads()).isGreaterThan(3));
        assertThat(browser.find("#verdict").getDomAttribute("data-result")).isEqualTo("PASS");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();
        browser.screenshot("console-06-exit-pass-camera");
        browser.close();

        // Audit with the camera on the item: it is scanned once however long it stays in view.
        browser = browsers.startWithCamera(FakeCamera.ean13(milk));
        browser.open(url("/console/stores/" + store.id() + "/audits/" + paid[0]));
        browser.signIn(staff, TestFixtures.PASSWORD);
        browser.find("#camera-start").click();
        browser.eventually(
                Duration.ofSeconds(20),
                "the audited item was never scanned",
                () -> assertThat(browser.find("#scanned").getText())
                        .isEqualTo("Tillagd: Mellanmjölk (1 skannade hittills)"));
        long readsBefore = browser.cameraReads();
        browser.eventually(
                Duration.ofSeconds(20),
                "the camera stopped reading",
                () -> assertThat(browser.cameraReads()).isGreaterThan(readsBefore + 5));
        assertThat(browser.find("#scanned").getText()).isEqualTo("Tillagd: Mellanmjölk (1 skannade hittills)");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();
        browser.screenshot("console-04b-audit-camera");
        browser.clickAndWait("#complete");
        assertThat(browser.find("#audit-result").getDomAttribute("data-result")).isEqualTo("OK");
        assertThat(actions(staff)).containsExactly("EXIT_PASS_VERIFIED", "AUDIT_ITEM_SCANNED", "AUDIT_COMPLETED");
    }

    static void assertNoInternals(String page) {
        assertThat(page)
                .doesNotContain("Exception")
                .doesNotContain("at se.skanna")
                .doesNotContain("Whitelabel")
                .doesNotContain("\"code\":");
    }

    /** The current address without its query (the login sends back to a saved request with "?continue"). */
    private String path() {
        String url = browser.driver().getCurrentUrl();
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private void scan(String code) {
        browser.find("#code").sendKeys(code);
        browser.clickAndWait("#scan");
    }

    private String publicStatus(Store store) {
        return api.get("/api/v1/stores/" + store.id()).json().get("status").asString();
    }

    private List<String> actions(String username) {
        return jdbc.sql("select action from console_action where username = :user order by id")
                .param("user", username)
                .query(String.class)
                .list();
    }

    private void importProducts(List<Map<String, Object>> products) {
        fixtures.importCatalog(api, Map.of("products", products));
    }

    private String[] trip(Store store, String... codes) {
        JsonNode started = api.request("POST", "/api/v1/trips")
                .json(Map.of("storeId", store.id()))
                .send()
                .json();
        String[] trip = {started.get("tripId").asString(), started.get("token").asString()};
        for (String code : codes) {
            Api.Response scanned = api.request("POST", "/api/v1/trips/" + trip[0] + "/scans")
                    .header("Authorization", "Bearer " + trip[1])
                    .json(Map.of("scanId", UUID.randomUUID().toString(), "code", code))
                    .send();
            assertThat(scanned.status()).as(scanned.body()).isEqualTo(200);
        }
        return trip;
    }

    private void pay(String[] trip) {
        Api.Response paid = api.request("POST", "/api/v1/trips/" + trip[0] + "/checkout")
                .header("Authorization", "Bearer " + trip[1])
                .header("Idempotency-Key", "key-" + UUID.randomUUID())
                .json(Map.of("method", "test"))
                .send();
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        assertThat(paid.json().get("status").asString()).isEqualTo("PAID");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
