package se.skanna.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.PrintsPage;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;
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
 * The HQ console's newer parts in a real (headless) Chromium, in Swedish: an incident for two ticked stores
 * (with JavaScript off: plain forms), a rejected catalog upload listing its bad rows, and the poster document
 * printed to PDF with one A4 page per store. Screenshots land in target/screenshots/.
 */
@SkannaTest
class HqConsoleBrowserTest {

    @RegisterExtension
    final Browsers browsers = new Browsers();

    private static final Pattern PDF_PAGE = Pattern.compile("/Type\\s*/Page(?![a-zA-Z])");

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
    void hq_ticks_two_stores_previews_and_confirms_and_just_those_stores_show_the_incident() {
        List<Store> region = fixtures.region(3);
        Store first = region.get(0);
        Store second = region.get(2);
        Store untouched = region.get(1);
        browser = browsers.startWithoutJavaScript();
        browser.open(url("/console/hq?region=" + encode(first.region())));
        browser.signIn(hq, TestFixtures.PASSWORD);

        assertThat(browser.find("#result-count").getText()).startsWith("Visar 1–3 av 3 butiker");
        browser.find("#select-" + first.id()).click();
        browser.find("#select-" + second.id()).click();
        browser.find("#selection-title").sendKeys("Larm i lagret");
        new Select(browser.find("#selection-status")).selectByValue("CLOSED");
        browser.find("#selection-message").sendKeys("Stängt en stund");
        browser.screenshot("hq-console-01-selection");
        browser.clickAndWait("#preview-selection");

        assertThat(browser.find("#confirm-summary").getText())
                .contains("Larm i lagret")
                .contains("2 valda butiker")
                .contains("Stängd");
        assertThat(browser.findAll("#affected-stores tbody tr").stream()
                        .map(row -> row.getDomAttribute("data-store-id"))
                        .toList())
                .containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(status(first)).as("the preview changes nothing").isEqualTo("OPEN");
        browser.screenshot("hq-console-02-selection-preview");
        browser.clickAndWait("#confirm-incident");

        assertThat(browser.find("#declared").getText())
                .contains("Larm i lagret")
                .contains("2 butiker");
        browser.open(url("/stores?region=" + encode(first.region())));
        assertThat(publicBadge(first)).isEqualTo("CLOSED");
        assertThat(publicBadge(second)).isEqualTo("CLOSED");
        assertThat(publicBadge(untouched)).isEqualTo("OPEN");
        browser.screenshot("hq-console-03-public-page-two-closed");

        browser.open(url("/console/hq"));
        String incidentId = jdbc.sql("select target from console_action where username = :user"
                        + " and action = 'INCIDENT_DECLARED'")
                .param("user", hq)
                .query(String.class)
                .single();
        browser.clickAndWait("#active-incidents tr[data-incident-id='" + incidentId + "'] button");
        assertThat(browser.find("#resolved").getText()).contains("2 butiker");
        for (Store store : region) {
            assertThat(status(store)).as(store.id()).isEqualTo("OPEN");
        }
    }

    @Test
    void hq_uploads_a_bad_csv_and_sees_every_bad_row_and_nothing_is_imported() throws IOException {
        Store store = fixtures.store();
        String good = TestFixtures.gtin();
        Path file = Files.createTempFile("skanna-katalog-", ".csv");
        Files.writeString(
                file,
                HqConsoleTest.CSV_HEADER
                        + good + ",Bra vara,B,EACH,600,100,0,\n"
                        + TestFixtures.gtin() + ",Fel enhet,B,LITER,600,100,0,\n"
                        + TestFixtures.gtin() + ",\"Fel, pris\",B,EACH,600,12.50,0,\n"
                        + TestFixtures.gtin() + ",Oquotad, komma,B,EACH,600,100,0,\n");
        browser = browsers.start();
        browser.open(url("/console/hq"));
        browser.signIn(hq, TestFixtures.PASSWORD);
        browser.clickAndWait("nav a[href='/console/hq/catalog']");
        assertThat(browser.find("h1").getText()).isEqualTo("Katalogimport");

        browser.find("#catalog-file").sendKeys(file.toString());
        browser.clickAndWait("#import-catalog");

        assertThat(browser.find("#rejected-heading").getText()).contains("3 felaktiga poster");
        List<String> rows = browser.findAll("#import-errors tbody tr").stream()
                .map(WebElement::getText)
                .toList();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).startsWith("rad 3 unit").contains("Enheten 'LITER' finns inte. Skriv EACH");
        assertThat(rows.get(1))
                .startsWith("rad 4 price")
                .contains("'12.50' är inte ett heltal")
                .contains("1250");
        assertThat(rows.get(2))
                .startsWith("rad 5")
                .contains("Raden har 9 fält men rubrikraden har 8")
                .contains("citattecken");
        browser.screenshot("hq-console-04-catalog-rejected");
        assertThat(api.get("/api/v1/stores/" + store.id() + "/products/" + good).status())
                .isEqualTo(404);
        Files.delete(file);
    }

    @Test
    void in_english_a_rejected_upload_explains_each_row_for_the_person_fixing_the_file() throws IOException {
        Path file = Files.createTempFile("skanna-catalog-", ".csv");
        Files.writeString(
                file,
                HqConsoleTest.CSV_HEADER
                        + "7310865004704,Bad check digit,B,EACH,600,100,0,\n"
                        + "73108650,Short,B,EACH,600,100,0,\n"
                        + TestFixtures.gtin() + ",No unit,B,,600,100,0,\n");
        browser = browsers.startInEnglish();
        browser.open(url("/console/hq/catalog"));
        browser.signIn(hq, TestFixtures.PASSWORD);
        browser.find("#catalog-file").sendKeys(file.toString());
        browser.clickAndWait("#import-catalog");

        List<String> rows = browser.findAll("#import-errors tbody tr").stream()
                .map(WebElement::getText)
                .toList();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0))
                .contains("The check digit (the last digit) is")
                .contains("probably mistyped")
                .doesNotContain("Scan it again");
        assertThat(rows.get(1)).contains("check digit");
        assertThat(rows.get(2)).contains("The unit is missing. Write EACH (sold by the piece) or KG (weighed).");
        assertThat(browser.find("#rejected-heading").getText()).isNotBlank();
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();
        browser.screenshot("hq-console-06-catalog-rejected-english");
        Files.delete(file);
    }

    @Test
    void the_poster_document_prints_one_a4_page_with_a_qr_code_per_store_of_the_region() throws IOException {
        List<Store> region = fixtures.region(3);
        browser = browsers.start();
        browser.open(url("/console/hq?region=" + encode(region.getFirst().region())));
        browser.signIn(hq, TestFixtures.PASSWORD);

        assertThat(browser.find("#posters-filter").getText()).contains("3 butiker");
        browser.clickAndWait("#posters-filter");

        List<WebElement> posters = browser.findAll("main.poster-page");
        assertThat(posters.stream().map(p -> p.getDomAttribute("data-store-id")))
                .containsExactlyInAnyOrderElementsOf(
                        region.stream().map(Store::id).toList());
        for (WebElement poster : posters) {
            assertThat(poster.findElements(By.cssSelector(".qr svg"))).hasSize(1);
            assertThat(poster.findElement(By.cssSelector(".url")).getText())
                    .isEqualTo(url("/s/" + poster.getDomAttribute("data-store-id")));
        }
        browser.screenshot("hq-console-05-poster-document");

        PrintOptions a4 = new PrintOptions();
        a4.setPageSize(new PageSize(29.7, 21.0));
        byte[] pdf = Base64.getDecoder()
                .decode(((PrintsPage) browser.driver()).print(a4).getContent());
        assertThat(PDF_PAGE.matcher(new String(pdf, StandardCharsets.ISO_8859_1))
                        .results())
                .as("one A4 page per store")
                .hasSize(3);
    }

    private String publicBadge(Store store) {
        return browser.find("tr[data-store-id='" + store.id() + "'] span.badge").getDomAttribute("data-status");
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
