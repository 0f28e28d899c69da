package se.skanna.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import se.skanna.support.TestFixtures;
import se.skanna.trip.TripCodes;

/**
 * Staff look up a receipt of their store by its number or by the trip code on the shopper's phone, on a phone
 * (390 × 844) in headless Chromium: the receipt's lines and total, its check (genuine), and the exit pass's state
 * before and after it is used at the exit.
 */
@SkannaTest
class ReceiptLookupBrowserTest {

    @RegisterExtension
    final Browsers browsers = new Browsers();

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
    void staff_find_a_receipt_by_trip_code_or_number_with_its_check_and_exit_pass_state() {
        Store store = fixtures.store();
        String milk = TestFixtures.gtin();
        fixtures.importCatalog(api, Map.of("products", List.of(TestFixtures.product(milk, "Mellanmjölk", 1795))));
        String[] trip = TestFixtures.tripWith(api, store.id(), milk, milk);
        Api.Response paid = api.request("POST", "/api/v1/trips/" + trip[0] + "/checkout")
                .header("Authorization", "Bearer " + trip[1])
                .header("Idempotency-Key", "key-" + UUID.randomUUID())
                .json(Map.of("method", "test"))
                .send();
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        long number = api.request("GET", "/api/v1/trips/" + trip[0] + "/receipt")
                .header("Authorization", "Bearer " + trip[1])
                .send()
                .json()
                .get("number")
                .asLong();
        String pass = api.request("GET", "/api/v1/trips/" + trip[0] + "/exit-pass")
                .header("Authorization", "Bearer " + trip[1])
                .send()
                .json()
                .get("token")
                .asString();
        String code = TripCodes.codeOf(trip[0]);

        browser = browsers.start();
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        browser.open("http://localhost:" + port + "/console/stores/" + store.id());
        browser.signIn(fixtures.account(Role.STAFF, store.id()), TestFixtures.PASSWORD);
        browser.clickAndWait("#receipts-link");
        browser.find("#q").sendKeys(code.toLowerCase());
        browser.clickAndWait("#look-up");
        String found = browser.find("section.receipt-found[data-trip-id='" + trip[0] + "']")
                .getText();
        assertThat(found)
                .contains("Kvitto " + number + " · Köp " + code)
                .contains("Äkta: signaturen och butikens journal stämmer.")
                .contains("Utgångspasset är inte använt än; gäller till")
                .contains("Mellanmjölk")
                .contains("35,90 kr")
                .contains("testbetalning");
        browser.screenshot("console-80-receipt-lookup");
        ConsoleTapTargetsBrowserTest.onPhone(browser, "receipt look-up");

        // the shopper leaves through the exit: the look-up by number shows the pass used
        browser.open("http://localhost:" + port + "/console/stores/" + store.id());
        browser.find("#token").sendKeys(pass);
        browser.clickAndWait("#verify");
        browser.open("http://localhost:" + port + "/console/stores/" + store.id() + "/receipts?q=" + number);
        assertThat(browser.find("section.receipt-found .receipt-pass").getText())
                .startsWith("Utgångspasset användes")
                .endsWith(": GODKÄND.");

        browser.open("http://localhost:" + port + "/console/stores/" + store.id() + "/receipts?q=Z%3Cscript%3E");
        assertThat(browser.find("#receipt-none").getText()).isEqualTo("Inget kvitto i butiken matchar \"Z<script>\".");
    }

    @Test
    void another_stores_staff_cannot_look_up_the_receipts() {
        Store store = fixtures.store();
        Store other = fixtures.store();
        ConsoleSession session = new ConsoleSession(port);
        session.signIn(fixtures.account(Role.STAFF, other.id()), TestFixtures.PASSWORD);
        assertThat(session.get("/console/stores/" + store.id() + "/receipts?q=1")
                        .statusCode())
                .isEqualTo(403);
        assertThat(session.get("/console/stores/" + other.id() + "/receipts?q=999999")
                        .body())
                .contains("Inget kvitto i butiken matchar");
    }
}
