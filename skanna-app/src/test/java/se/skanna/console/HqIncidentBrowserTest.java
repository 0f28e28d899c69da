package se.skanna.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
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

/**
 * The HQ console during an incident, in a real (headless) Chromium: the reopening curve of a scripted incident
 * hour by hour, the store table in pages that keep the filter, and a preview with an unknown store id that keeps
 * everything else that was filled in. Screenshots land in target/screenshots/.
 */
@SkannaTest
class HqIncidentBrowserTest {

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
    void the_reopening_curve_shows_a_closing_incident_and_its_stores_reopening_hour_by_hour() {
        List<Store> region = fixtures.region(4);
        String regionName = region.getFirst().region();
        Api.Response declared = api.request("POST", "/api/v1/incidents")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("title", "Strömavbrott", "status", "CLOSED", "region", regionName, "message", "Stängt"))
                .send();
        assertThat(declared.status()).isEqualTo(201);
        String incident = declared.json().get("id").asString();
        setStatus(region.get(0), "OPEN");
        setStatus(region.get(1), "OPEN");
        // the script's clock: the incident 5 h before this hour began (+10 min), one store back 3 h and one 1 h before
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant closedAt = hour.minus(Duration.ofHours(5)).plus(Duration.ofMinutes(10));
        jdbc.sql("update incident set declared_at = :at where id = :id")
                .param("at", closedAt.atOffset(ZoneOffset.UTC))
                .param("id", incident)
                .update();
        jdbc.sql("update store_status_change set changed_at = :at where incident_id = :id")
                .param("at", closedAt.atOffset(ZoneOffset.UTC))
                .param("id", incident)
                .update();
        moveManualChange(region.get(0), hour.minus(Duration.ofHours(3)).plus(Duration.ofMinutes(10)));
        moveManualChange(region.get(1), hour.minus(Duration.ofHours(1)).plus(Duration.ofMinutes(10)));

        browser = browsers.start();
        browser.open(url("/console/hq?region=" + encode(regionName)));
        browser.signIn(hq, TestFixtures.PASSWORD);

        assertThat(browser.find("#glance-heading").getText()).contains(regionName);
        List<int[]> expected = new ArrayList<>();
        for (int i = 0; i < ChainOverview.HOURS; i++) {
            int open = i < 18 ? 4 : i < 20 ? 0 : i < 22 ? 1 : 2;
            expected.add(new int[] {open, 0, 4 - open});
        }
        for (int i = 0; i < ChainOverview.HOURS; i++) {
            int[] counts = expected.get(i);
            assertThat(barValue("status-chart", i, "OPEN"))
                    .as("open stores, hour " + i)
                    .isEqualTo(counts[0]);
            assertThat(barValue("status-chart", i, "APP_ONLY"))
                    .as("app only, hour " + i)
                    .isEqualTo(counts[1]);
            assertThat(barValue("status-chart", i, "CLOSED"))
                    .as("closed stores, hour " + i)
                    .isEqualTo(counts[2]);
        }
        // the bars are drawn to scale: the open bar of the last hour is half the height of the first hour's
        double first = barHeight("status-chart", 0, "OPEN");
        double last = barHeight("status-chart", ChainOverview.HOURS - 1, "OPEN");
        assertThat(last).isCloseTo(first / 2, org.assertj.core.data.Offset.offset(2.0));
        assertThat(browser.find("#status-chart title").getAttribute("textContent"))
                .isEqualTo("Butiker per status, timme för timme");
        browser.find("#chain-glance details summary").click();
        List<WebElement> rows = browser.findAll("#status-table tbody tr");
        assertThat(rows).hasSize(ChainOverview.HOURS);
        assertThat(rows.get(19).getText()).endsWith("0 0 4");
        assertThat(rows.get(23).getText()).endsWith("2 0 2");

        WebElement progress = browser.find("#incident-progress tr[data-incident='" + incident + "']");
        assertThat(progress.getText())
                .contains("Strömavbrott")
                .contains("Stängd")
                .contains("2 av 4 (50 %)");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();
        browser.screenshot("hq-incident-01-reopening-curve");
    }

    @Test
    void app_trips_and_sales_per_hour_count_the_trips_and_paid_payments_of_the_county_in_their_hour() {
        List<Store> region = fixtures.region(2);
        Store other = fixtures.store();
        String milk = TestFixtures.gtin();
        fixtures.importCatalog(api, Map.of("products", List.of(TestFixtures.product(milk, "Mjölk", 1500))));
        String[] early = paid(region.get(0), milk, 2);
        paid(region.get(1), milk, 1);
        TestFixtures.tripWith(api, region.get(1).id(), milk);
        paid(other, milk, 5);
        Instant earlier = Instant.now().minus(Duration.ofHours(2));
        jdbc.sql("update trip set created_at = :at where id = :id")
                .param("at", earlier.atOffset(ZoneOffset.UTC))
                .param("id", early[0])
                .update();
        jdbc.sql("update payment set updated_at = :at where trip_id = :id")
                .param("at", earlier.atOffset(ZoneOffset.UTC))
                .param("id", early[0])
                .update();

        browser = browsers.start();
        browser.open(url("/console/hq?region=" + encode(region.getFirst().region())));
        browser.signIn(hq, TestFixtures.PASSWORD);
        Instant shown = Instant.now().truncatedTo(ChronoUnit.HOURS);
        int earlyHour = ChainOverview.HOURS
                - 1
                - (int) Duration.between(earlier.truncatedTo(ChronoUnit.HOURS), shown)
                        .toHours();

        assertThat(barValue("trips-chart", ChainOverview.HOURS - 1))
                .as("this hour")
                .isEqualTo(2);
        assertThat(barValue("trips-chart", earlyHour)).as("two hours ago").isEqualTo(1);
        assertThat(barValue("sales-chart", ChainOverview.HOURS - 1)).isEqualTo(1500);
        assertThat(barValue("sales-chart", earlyHour)).isEqualTo(3000);
        assertThat(browser.findAll("#trips-chart rect")).hasSize(2);
        assertThat(browser.find("#sales-chart desc").getAttribute("textContent"))
                .isEqualTo("Totalt 45,00 kr i 2 betalningar det senaste dygnet.");
        browser.findAll("#chain-glance details summary").getLast().click();
        assertThat(browser.find("#trips-sales-table tbody tr[data-hour='" + (ChainOverview.HOURS - 1) + "']")
                        .getText())
                .endsWith("2 1 15,00 kr");
    }

    @Test
    void the_journal_check_and_the_audit_log_speak_in_words_and_local_time_and_name_the_signing_key() {
        Store store = fixtures.store();
        String milk = TestFixtures.gtin();
        fixtures.importCatalog(api, Map.of("products", List.of(TestFixtures.product(milk, "Mjölk", 1500))));
        paid(store, milk, 1);
        String keyId = jdbc.sql("select key_id from journal_entry where store_id = :store")
                .param("store", store.id())
                .query(String.class)
                .single();
        Api.Response closed = api.request("PUT", "/api/v1/stores/" + store.id() + "/status")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("status", "CLOSED", "message", "Stängt för inventering"))
                .send();
        assertThat(closed.status()).isEqualTo(200);

        browser = browsers.start();
        browser.open(url("/console/hq?journalStore=" + store.id()));
        browser.signIn(hq, TestFixtures.PASSWORD);
        assertThat(browser.find("#journal-result").getText())
                .contains("OBRUTEN")
                .contains("Den enda posten är kontrollerad")
                .contains("Signerade med: nyckel " + keyId + " (post 1).");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();

        browser.find("#journal-store").clear();
        browser.find("#journal-store").sendKeys("nosuchstore42");
        browser.clickAndWait("#verify-journal");
        assertThat(browser.find("#journal-unknown").getText()).contains("nosuchstore42");
        assertThat(browser.findAll("#journal-result")).isEmpty();

        browser.open(url("/console/hq/audit-log?store=" + store.id()));
        WebElement row = browser.find("#audit-log tr[data-action='STORE_STATUS_CHANGED']");
        List<WebElement> cells = row.findElements(org.openqa.selenium.By.cssSelector("td"));
        assertThat(cells.get(0).getText()).as("Swedish local time").matches("\\d{2}:\\d{2}|i går \\d{2}:\\d{2}");
        assertThat(cells.get(2).getText()).isEqualTo("Butikens status ändrad");
        assertThat(cells.get(5).getText()).isEqualTo("Stängd: \"Stängt för inventering\"");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();
        browser.screenshot("hq-incident-04-audit-log");
    }

    @Test
    void on_a_phone_the_hq_console_fits_the_screen_and_its_controls_are_44_px_targets() {
        List<Store> region = fixtures.region(3);
        String regionName = region.getFirst().region();
        Api.Response declared = api.request("POST", "/api/v1/incidents")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("title", "Kassasystemet nere", "status", "APP_ONLY", "region", regionName))
                .send();
        assertThat(declared.status()).isEqualTo(201);
        browser = browsers.start();
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        browser.open(url("/console/hq?region=" + encode(regionName)));
        browser.signIn(hq, TestFixtures.PASSWORD);

        assertThat(((Number) browser.script("return document.documentElement.scrollWidth - window.innerWidth;"))
                        .intValue())
                .as(
                        () -> "no sideways scrolling; too wide: "
                                + browser.script(
                                        "return [...document.querySelectorAll("
                                                + "'body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1"
                                                + " && getComputedStyle(e.closest('table') || e).overflowX !== 'auto')"
                                                + ".concat([document.body, document.querySelector('main')])"
                                                + ".concat([...document.querySelectorAll('main > *, section > *')]"
                                                + ".filter(e => e.scrollWidth > window.innerWidth))"
                                                + ".slice(0, 12).map(e => e.tagName + '#' + e.id + '.' + e.className"
                                                + " + ' ' + Math.round(e.getBoundingClientRect().right) + '/' + e.scrollWidth).join(', ')"
                                                + " + ' inner ' + window.innerWidth + ' client ' + document.documentElement.clientWidth;"))
                .isLessThanOrEqualTo(0);
        WebElement chart = browser.find("#status-chart");
        assertThat(chart.getSize().getWidth()).isLessThanOrEqualTo(390).isGreaterThan(250);
        for (String css : List.of(
                "#hq-stores label.tick", "#store-filter button", "#store-filter select", "#q", "#preview-incident")) {
            WebElement target = browser.find(css);
            assertThat(target.getSize().getHeight()).as(css).isGreaterThanOrEqualTo(44);
            assertThat(target.getSize().getWidth()).as(css).isGreaterThanOrEqualTo(44);
        }
        browser.find("#hq-stores label[for='select-" + region.getFirst().id() + "']")
                .click();
        assertThat(browser.find("#select-" + region.getFirst().id()).isSelected())
                .as("tapping the cell ticks the store")
                .isTrue();
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();
        browser.screenshot("hq-incident-05-phone");
    }

    @Test
    void the_store_table_shows_100_stores_a_page_and_page_2_keeps_the_filter() {
        List<Store> region = fixtures.region(130);
        String regionName = region.getFirst().region();
        setStatus(region.get(5), "CLOSED");
        browser = browsers.startWithoutJavaScript();
        browser.open(url("/console/hq"));
        browser.signIn(hq, TestFixtures.PASSWORD);

        assertThat(new Select(browser.find("#region")).getFirstSelectedOption().getText())
                .isEqualTo("Alla län");
        assertThat(new Select(browser.find("#incident-region"))
                        .getFirstSelectedOption()
                        .getDomAttribute("value"))
                .as("the incident form does not pick a county by itself")
                .isEmpty();
        assertThat(browser.findAll("#hq-stores tbody tr").size()).isLessThanOrEqualTo(100);

        new Select(browser.find("#region")).selectByValue(regionName);
        browser.clickAndWait("#store-filter button[type=submit]");
        assertThat(browser.findAll("#hq-stores tbody tr")).hasSize(100);
        assertThat(browser.find("#result-count").getText()).startsWith("Visar 1–100 av 130 butiker som matchar");
        assertThat(browser.find("#matching-counts").getText())
                .contains("129 öppna")
                .contains("1 stängd.");
        for (String status : List.of("OPEN", "APP_ONLY", "CLOSED")) {
            assertThat(browser.find("#count-" + status).isDisplayed())
                    .as("the chain-wide count of " + status + " stays in view")
                    .isTrue();
        }
        assertThat(Integer.parseInt(browser.find("#count-OPEN").getText().replaceAll("\\D", "")))
                .as("chain-wide, not the page's")
                .isGreaterThanOrEqualTo(129);
        browser.screenshot("hq-incident-02-page-1");

        browser.clickAndWait("#pager a[rel=next]");
        assertThat(browser.driver().getCurrentUrl()).contains("page=2");
        assertThat(new Select(browser.find("#region")).getFirstSelectedOption().getDomAttribute("value"))
                .isEqualTo(regionName);
        assertThat(browser.findAll("#hq-stores tbody tr")).hasSize(30);
        assertThat(browser.find("#result-count").getText()).startsWith("Visar 101–130 av 130");
        assertThat(browser.find("#pager [aria-current=page]").getText()).isEqualTo("2");
        assertThat(browser.findAll("#hq-stores tbody tr").stream()
                        .map(row -> row.findElement(org.openqa.selenium.By.cssSelector("td:nth-child(4)"))
                                .getText()))
                .containsOnly(regionName);

        WebElement step = browser.find("#pager a[rel=prev]");
        assertThat(step.getSize().getHeight()).as("tap target").isGreaterThanOrEqualTo(44);
        assertThat(step.getSize().getWidth()).as("tap target").isGreaterThanOrEqualTo(44);

        new Select(browser.find("#status")).selectByValue("CLOSED");
        browser.clickAndWait("#store-filter button[type=submit]");
        assertThat(browser.findAll("#hq-stores tbody tr")).hasSize(1);
        assertThat(browser.findAll("#pager")).isEmpty();

        // words match the start of words, in any case (a store's whole name alone would find just that store)
        browser.open(url("/console/hq?q=" + encode("test 12") + "&region=" + encode(regionName)));
        assertThat(browser.findAll("#hq-stores tbody tr").stream()
                        .map(row -> row.findElement(org.openqa.selenium.By.cssSelector(".name"))
                                .getText()))
                .as("search by name within the county")
                .containsOnly(
                        "Matboden Test 12",
                        "Matboden Test 120",
                        "Matboden Test 121",
                        "Matboden Test 122",
                        "Matboden Test 123",
                        "Matboden Test 124",
                        "Matboden Test 125",
                        "Matboden Test 126",
                        "Matboden Test 127",
                        "Matboden Test 128",
                        "Matboden Test 129")
                .hasSize(11);
        assertThat(browser.find("#q").getDomProperty("value")).isEqualTo("test 12");
    }

    @Test
    void a_preview_with_an_unknown_id_keeps_the_valid_picks_and_everything_typed_and_can_then_be_confirmed() {
        List<Store> region = fixtures.region(3);
        browser = browsers.start();
        browser.open(url("/console/hq?region=" + encode(region.getFirst().region())));
        browser.signIn(hq, TestFixtures.PASSWORD);

        browser.find("#select-" + region.get(0).id()).click();
        browser.find("#selection-ids").sendKeys(region.get(2).id() + ", nosuchstore42");
        browser.find("#selection-title").sendKeys("Kassorna nere");
        new Select(browser.find("#selection-status")).selectByValue("APP_ONLY");
        browser.find("#selection-message").sendKeys("Handla med appen");
        browser.clickAndWait("#preview-selection");

        assertThat(browser.find("#unknown-stores").getText())
                .contains("nosuchstore42")
                .contains("2 andra");
        assertThat(browser.findAll("#confirm-incident")).isEmpty();
        assertThat(browser.findAll("#affected-stores tbody tr").stream()
                        .map(row -> row.getDomAttribute("data-store-id")))
                .containsExactly(region.get(0).id(), region.get(2).id());
        assertThat(browser.find("#fix-title").getDomProperty("value")).isEqualTo("Kassorna nere");
        assertThat(browser.find("#fix-message").getDomProperty("value")).isEqualTo("Handla med appen");
        assertThat(new Select(browser.find("#fix-status"))
                        .getFirstSelectedOption()
                        .getDomAttribute("value"))
                .isEqualTo("APP_ONLY");
        assertThat(browser.find("#fix-ids").getDomProperty("value"))
                .contains(region.get(0).id())
                .contains(region.get(2).id())
                .contains("nosuchstore42");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();
        browser.screenshot("hq-incident-03-preview-unknown-id");

        // fix only the error: the typo'd id goes, the rest stays as it was
        WebElement ids = browser.find("#fix-ids");
        String fixed = ids.getDomProperty("value").replace("nosuchstore42", "").strip();
        ids.clear();
        ids.sendKeys(fixed);
        browser.clickAndWait("#preview-again");
        assertThat(browser.find("#confirm-summary").getText())
                .contains("Kassorna nere")
                .contains("2 valda butiker")
                .contains("Endast app");
        browser.clickAndWait("#confirm-incident");
        assertThat(browser.find("#declared").getText())
                .contains("Kassorna nere")
                .contains("2 butiker");
        assertThat(status(region.get(0))).isEqualTo("APP_ONLY");
        assertThat(status(region.get(1))).isEqualTo("OPEN");
        assertThat(status(region.get(2))).isEqualTo("APP_ONLY");
    }

    @Test
    void a_preview_without_a_title_keeps_the_county_status_and_message() {
        List<Store> region = fixtures.region(2);
        String regionName = region.getFirst().region();
        browser = browsers.startWithoutJavaScript();
        browser.open(url("/console/hq?region=" + encode(regionName)));
        browser.signIn(hq, TestFixtures.PASSWORD);
        assertThat(new Select(browser.find("#incident-region"))
                        .getFirstSelectedOption()
                        .getDomAttribute("value"))
                .as("the declaration form starts at the county the table shows")
                .isEqualTo(regionName);
        new Select(browser.find("#incident-status")).selectByValue("CLOSED");
        browser.find("#incident-message").sendKeys("Vattenläcka");
        // the browser would stop an empty title itself; a hand-made request may not
        browser.script("document.getElementById('incident-title').removeAttribute('required');");
        browser.clickAndWait("#preview-incident");

        assertThat(browser.find("#preview-errors").getText()).contains("Ge incidenten en rubrik.");
        assertThat(new Select(browser.find("#fix-region"))
                        .getFirstSelectedOption()
                        .getDomAttribute("value"))
                .isEqualTo(regionName);
        assertThat(new Select(browser.find("#fix-status"))
                        .getFirstSelectedOption()
                        .getDomAttribute("value"))
                .isEqualTo("CLOSED");
        assertThat(browser.find("#fix-message").getDomProperty("value")).isEqualTo("Vattenläcka");
        assertThat(browser.findAll("#affected-stores tbody tr")).hasSize(2);
        browser.find("#fix-title").sendKeys("Vattenläcka i lagret");
        browser.clickAndWait("#preview-again");
        assertThat(browser.find("#confirm-summary").getText())
                .contains("Vattenläcka i lagret")
                .contains("2 butiker");
    }

    private double barValue(String chart, int hour, String status) {
        List<WebElement> bars =
                browser.findAll("#" + chart + " rect[data-hour='" + hour + "'][data-status='" + status + "']");
        return bars.isEmpty() ? 0 : Double.parseDouble(bars.getFirst().getDomAttribute("data-value"));
    }

    private double barValue(String chart, int hour) {
        List<WebElement> bars = browser.findAll("#" + chart + " rect[data-hour='" + hour + "']");
        return bars.isEmpty() ? 0 : Double.parseDouble(bars.getFirst().getDomAttribute("data-value"));
    }

    /** A trip of {@code store} with {@code count} of {@code gtin}, paid with the test method: {tripId, token}. */
    private String[] paid(Store store, String gtin, int count) {
        String[] codes = new String[count];
        java.util.Arrays.fill(codes, gtin);
        String[] trip = TestFixtures.tripWith(api, store.id(), codes);
        Api.Response payment = api.request("POST", "/api/v1/trips/" + trip[0] + "/checkout")
                .header("Authorization", "Bearer " + trip[1])
                .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .json(Map.of("method", "test"))
                .send();
        assertThat(payment.json().get("status").asString()).isEqualTo("PAID");
        return trip;
    }

    private double barHeight(String chart, int hour, String status) {
        return ((Number) browser.script(
                        "return document.querySelector(arguments[0]).getBoundingClientRect().height;",
                        "#" + chart + " rect[data-hour='" + hour + "'][data-status='" + status + "']"))
                .doubleValue();
    }

    private void moveManualChange(Store store, Instant at) {
        int moved = jdbc.sql("update store_status_change set changed_at = :at where store_id = :store"
                        + " and incident_id is null")
                .param("at", at.atOffset(ZoneOffset.UTC))
                .param("store", store.id())
                .update();
        assertThat(moved).isEqualTo(1);
    }

    private void setStatus(Store store, String status) {
        Api.Response response = api.request("PUT", "/api/v1/stores/" + store.id() + "/status")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("status", status))
                .send();
        assertThat(response.status()).isEqualTo(200);
    }

    private String status(Store store) {
        return api.get("/api/v1/stores/" + store.id()).json().get("status").asString();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
