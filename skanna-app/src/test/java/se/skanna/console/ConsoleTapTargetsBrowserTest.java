package se.skanna.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.Browser;
import se.skanna.support.Browsers;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/**
 * The staff, manager and HQ staff pages on a phone (390 × 844) in headless Chromium, with something in every
 * list: every link, button and field a finger can hit is at least 44 × 44 CSS px, nothing is wider than the
 * screen, the verdict word ("OGILTIG", "INVALID", "AVVIKELSE") stays inside its box, and axe-core finds nothing.
 */
@SkannaTest
class ConsoleTapTargetsBrowserTest {

    @RegisterExtension
    final Browsers browsers = new Browsers();

    /** Every visible target smaller than 44 × 44 px, as "selector-ish w×h"; and the page's horizontal overflow. */
    private static final String SMALL_TARGETS = "return [...document.querySelectorAll("
            + "'a[href], button, input:not([type=hidden]), select, textarea, summary')]"
            + ".filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')"
            + ".map(e => [e, e.getBoundingClientRect()])"
            + ".filter(([e, r]) => r.width < 44 || r.height < 44)"
            + ".map(([e, r]) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + e.className + ' \"'"
            + " + (e.textContent || e.value || '').trim().slice(0, 30) + '\" ' + Math.round(r.width) + '×' + Math.round(r.height));";

    private static final String OVERFLOW = "return document.documentElement.scrollWidth - window.innerWidth;";

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    Api api;
    Browser browser;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void every_target_is_44_px_and_nothing_overflows_on_a_phone_in_swedish() {
        Store store = fixtures.store();
        String[] paid = filledStore(store);
        browser = browsers.start();
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        browser.open(url("/console/stores/" + store.id()));
        browser.signIn(fixtures.account(Role.MANAGER, store.id()), TestFixtures.PASSWORD);
        check("store page");
        assertThat(browser.findAll("#age-checks tbody tr")).isNotEmpty();
        assertThat(browser.findAll("#assistance tbody tr")).isNotEmpty();

        browser.find("#token").sendKeys("bm90LmEucGFzcw.c2lnbmF0dXJl");
        browser.clickAndWait("#verify");
        assertThat(browser.find("#verdict .word").getText()).isEqualTo("OGILTIG");
        assertThat(browser.find("#verdict .explain").getText())
                .isEqualTo("Inte ett av våra utgångspass, eller så har det ändrats.");
        AuditConsoleBrowserTest.assertInsideItsBox(browser.find("#verdict .word"), browser.find("#verdict"));
        browser.screenshot("console-70-invalid-phone");
        check("verdict");

        browser.open(url("/console/stores/" + store.id() + "/trips"));
        check("open trips");
        browser.open(url("/console/stores/" + store.id() + "/audits/" + paid[0]));
        browser.find("#code").sendKeys(paid[2]);
        browser.clickAndWait("#scan");
        browser.find("#code").sendKeys(paid[2]);
        browser.clickAndWait("#scan");
        check("audit with scans");
        browser.clickAndWait("#complete");
        assertThat(browser.find("#audit-result .word").getText()).isEqualTo("AVVIKELSE");
        AuditConsoleBrowserTest.assertInsideItsBox(browser.find("#audit-result .word"), browser.find("#audit-result"));
        check("audit result");

        browser.open(url("/console/stores/" + store.id() + "/manager"));
        assertThat(browser.findAll("#audits tbody tr")).isNotEmpty();
        assertThat(browser.find("#audits tbody tr td[data-mode]").getText()).isEqualTo("Fullständig omskanning");
        check("manager");
        new Select(browser.find("#status")).selectByValue("CLOSED");
        browser.clickAndWait("#save-status");
        check("close confirmation");
    }

    @Test
    void the_hq_staff_page_and_the_english_verdict_fit_a_phone_too() {
        Store store = fixtures.store();
        fixtures.account(Role.STAFF, store.id());
        browser = browsers.startInEnglish();
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        browser.open(url("/console/hq/staff"));
        browser.signIn(fixtures.account(Role.HQ), TestFixtures.PASSWORD);
        check("hq staff");
        browser.clickAndWait("#staff-accounts tbody tr a.delete");
        check("delete confirmation");

        browser.open(url("/console/stores/" + store.id()));
        browser.find("#token").sendKeys("x");
        browser.clickAndWait("#verify");
        assertThat(browser.find("#verdict .word").getText()).isEqualTo("INVALID");
        AuditConsoleBrowserTest.assertInsideItsBox(browser.find("#verdict .word"), browser.find("#verdict"));
        check("english verdict");
    }

    private void check(String page) {
        onPhone(browser, page);
    }

    /** Targets of at least 44 × 44 px, no horizontal overflow and no axe-core finding on the page as it is now. */
    @SuppressWarnings("unchecked")
    static void onPhone(Browser browser, String page) {
        assertThat((List<String>) browser.script(SMALL_TARGETS))
                .as("targets under 44 × 44 px on the %s", page)
                .isEmpty();
        assertThat(((Number) browser.script(OVERFLOW)).longValue())
                .as("horizontal overflow on the %s", page)
                .isLessThanOrEqualTo(0);
        assertThat(browser.accessibilityViolations())
                .as("WCAG A/AA on the %s", page)
                .isEmpty();
    }

    /** An age check and a call waiting, and a paid trip {id, token, gtin} with an audit done today. */
    private String[] filledStore(Store store) {
        String snus = TestFixtures.gtin();
        String milk = TestFixtures.gtin();
        Map<String, Object> snusProduct = TestFixtures.product(snus, "Snus 24 g", 6200);
        snusProduct.put("ageLimit", 18);
        snusProduct.put("vatClass", "STANDARD");
        fixtures.importCatalog(
                api, Map.of("products", List.of(snusProduct, TestFixtures.product(milk, "Mellanmjölk", 1795))));
        String[] waiting = TestFixtures.tripWith(api, store.id(), snus);
        api.request("POST", "/api/v1/trips/" + waiting[0] + "/assistance")
                .header("Authorization", "Bearer " + waiting[1])
                .json(Map.of("message", "Legitimation?"))
                .send();
        String[] trip = TestFixtures.tripWith(api, store.id(), milk);
        Api.Response paid = api.request("POST", "/api/v1/trips/" + trip[0] + "/checkout")
                .header("Authorization", "Bearer " + trip[1])
                .header("Idempotency-Key", "key-" + UUID.randomUUID())
                .json(Map.of("method", "test"))
                .send();
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        return new String[] {trip[0], trip[1], milk};
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
