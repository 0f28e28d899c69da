package se.skanna.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.Browser;
import se.skanna.support.Browsers;
import se.skanna.support.FakeCamera;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/**
 * The shopper's journey in a real (headless) Chromium, in Swedish: entrance URL, typed-in codes, cart, payment,
 * receipt and exit pass; a closed store; the camera; English (offline, the age check and a store closing: see
 * {@link ShopperOfflineBrowserTest}). Screenshots of each step land in
 * target/screenshots/shopper-*.png (the shopper guide in docs/ names them).
 */
@SkannaTest
class ShopperAppBrowserTest {

    @RegisterExtension
    final Browsers browsers = new Browsers();

    private static final Duration WAIT = Duration.ofSeconds(10);

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
    String unknown;
    Browser browser;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        store = fixtures.store();
        hq = fixtures.account(Role.HQ);
        milk = TestFixtures.gtin();
        soda = TestFixtures.gtin();
        snus = TestFixtures.gtin();
        unknown = TestFixtures.gtin();
        Map<String, Object> sodaProduct = TestFixtures.product(soda, "Läsk 33 cl", 1500);
        sodaProduct.put("deposit", 100);
        sodaProduct.put("vatClass", "FOOD");
        Map<String, Object> snusProduct = TestFixtures.product(snus, "Snus 24 g", 6200);
        snusProduct.put("ageLimit", 18);
        snusProduct.put("vatClass", "STANDARD");
        fixtures.importCatalog(
                api,
                Map.of(
                        "products",
                        List.of(TestFixtures.product(milk, "Mellanmjölk", 1795), sodaProduct, snusProduct),
                        "offers",
                        List.of(Map.of(
                                "id",
                                TestFixtures.unique("o-"),
                                "description",
                                "2 för 30 kr",
                                "type",
                                "N_FOR_PRICE",
                                "gtins",
                                List.of(milk),
                                "n",
                                2,
                                "price",
                                3000,
                                "storeIds",
                                List.of(store.id())))));
    }

    @Test
    void a_shopper_scans_by_hand_changes_a_quantity_pays_and_gets_a_receipt_and_an_exit_pass_that_passes() {
        browser = browsers.phone();
        openApp();
        assertThat(browser.find("html").getDomAttribute("lang")).isEqualTo("sv");
        assertThat(browser.find("#checkout").isEnabled()).isFalse();
        browser.screenshot("shopper-1-start");

        enter(milk);
        browser.eventually(WAIT, "the milk never showed up in the cart", () -> {
            assertThat(lineNames()).containsExactly("Mellanmjölk");
            assertThat(browser.find("#total").getText()).isEqualTo("17,95 kr");
            assertThat(browser.find("#announcer").getText()).isEqualTo("Tillagd: Mellanmjölk");
        });
        enter(soda);
        browser.eventually(WAIT, "the soda never showed up in the cart", () -> {
            assertThat(lineNames()).containsExactly("Mellanmjölk", "Läsk 33 cl");
            assertThat(browser.find("#total").getText()).isEqualTo("33,95 kr");
            assertThat(browser.find("#deposit-total").getText()).isEqualTo("1,00 kr");
        });

        enter(unknown);
        browser.eventually(WAIT, "an unknown product gave no message", () -> {
            assertThat(browser.find("#scan-error").isDisplayed()).isTrue();
            assertThat(browser.find("#scan-error").getText())
                    .isEqualTo("Varan finns inte i den här butikens sortiment. Fråga personalen.");
        });
        enter("12345");
        browser.eventually(WAIT, "a bad barcode gave no message", () -> {
            assertThat(browser.find("#scan-error").getText())
                    .isEqualTo("Koden gick inte att läsa. Kontrollera siffrorna och försök igen.");
            // the refused code stays in the field, so "check the digits" points at the digits
            assertThat(browser.find("#code").getDomProperty("value")).isEqualTo("12345");
        });
        assertThat(lineNames()).hasSize(2);
        browser.screenshot("shopper-3-bad-code");

        line("Mellanmjölk").findElement(By.cssSelector("button.increase")).click();
        browser.eventually(WAIT, "the quantity never changed", () -> {
            assertThat(quantity("Mellanmjölk")).isEqualTo("2");
            assertThat(browser.find("#total").getText()).isEqualTo("46,00 kr");
            assertThat(browser.find("#checkout").getText()).isEqualTo("Betala 46,00 kr (testbetalning)");
            assertThat(browser.find("#discounts").getText()).isEqualTo("2 för 30 kr\n-5,90 kr");
        });
        assertThat(browser.findAll("#vat tr")).isNotEmpty();
        assertThat(browser.find("#deposit-row").isDisplayed()).isTrue();
        browser.screenshot("shopper-2-cart");
        assertThat(browser.accessibilityViolations())
                .as("WCAG A/AA on the cart")
                .isEmpty();

        // a reload resumes the same trip
        browser.driver().navigate().refresh();
        waitReady();
        browser.eventually(WAIT, "the cart was lost on reload", () -> {
            assertThat(lineNames()).containsExactly("Mellanmjölk", "Läsk 33 cl");
            assertThat(browser.find("#total").getText()).isEqualTo("46,00 kr");
        });

        browser.find("#checkout").click();
        browser.eventually(WAIT, "no receipt after paying", () -> {
            assertThat(browser.find("#receipt").isDisplayed()).isTrue();
            assertThat(browser.find("#receipt-total").getText()).isEqualTo("46,00 kr");
            assertThat(browser.find("#receipt-number").getText()).startsWith("Kvitto nr 1");
            assertThat(browser.findAll("#exit-qr svg rect").size()).isGreaterThan(50);
        });
        assertThat(browser.find("#shopping").isDisplayed()).isFalse();
        browser.screenshot("shopper-4-receipt");
        assertThat(browser.accessibilityViolations())
                .as("WCAG A/AA on the receipt")
                .isEmpty();
        browser.script("document.getElementById('exit-pass').scrollIntoView();");
        browser.screenshot("shopper-5-exit-pass");

        String passToken = browser.find("#exit-qr").getDomAttribute("data-token");
        String staff = fixtures.account(Role.STAFF, store.id());
        Api.Response verified = api.request("POST", "/api/v1/exit/verify")
                .as(staff, TestFixtures.PASSWORD)
                .json(Map.of("token", passToken))
                .send();
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().get("result").asString()).isEqualTo("PASS");
    }

    @Test
    void a_closed_store_explains_itself_and_links_to_the_status_page() {
        Api.Response closed = api.request("PUT", "/api/v1/stores/" + store.id() + "/status")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("status", "CLOSED", "message", "Vattenläcka, stängt i dag"))
                .send();
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        browser = browsers.phone();

        browser.open("http://localhost:" + port + "/s/" + store.id());

        assertThat(browser.find("h1").getText()).isEqualTo(store.name() + " är stängd");
        assertThat(browser.find("#closed .explanation").getText()).isEqualTo("Du kan inte handla här just nu.");
        assertThat(browser.find("#closed .store-message").getText()).isEqualTo("Vattenläcka, stängt i dag");
        assertThat(browser.find("#stores-link").getDomAttribute("href")).isEqualTo("/stores");
        assertThat(browser.findAll("#code")).isEmpty();
        browser.screenshot("shopper-0-closed-store");
        assertThat(browser.accessibilityViolations())
                .as("WCAG A/AA on the closed store page")
                .isEmpty();
    }

    @Test
    void the_entrance_poster_shows_the_store_and_a_qr_code_of_the_app_url() {
        browser = browsers.start();
        browser.driver().manage().window().setSize(new Dimension(900, 1270));

        browser.open("http://localhost:" + port + "/stores/" + store.id() + "/poster");

        assertThat(browser.find("h1").getText()).isEqualTo(store.name());
        assertThat(browser.find(".url").getText()).isEqualTo("http://localhost:" + port + "/s/" + store.id());
        assertThat(browser.findAll(".qr svg rect").size()).isGreaterThan(50);
        assertThat(browser.find(".qr svg").getRect().getWidth()).isGreaterThan(300);
        browser.screenshot("shopper-9-entrance-poster");
        assertThat(browser.accessibilityViolations())
                .as("WCAG A/AA on the poster")
                .isEmpty();

        // on a phone the whole QR code fits the screen
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        browser.eventually(WAIT, "the poster's QR code does not fit a phone", () -> {
            int width = ((Number) browser.script("return document.documentElement.clientWidth;")).intValue();
            var qr = browser.find(".qr svg").getRect();
            assertThat(qr.getX()).isGreaterThanOrEqualTo(0);
            assertThat(qr.getX() + qr.getWidth()).isLessThanOrEqualTo(width);
            assertThat(qr.getWidth()).isGreaterThan(250);
        });
    }

    @Test
    void the_camera_reads_an_ean_13_barcode_into_the_cart_once_however_long_it_stays_in_view() {
        browser = browsers.phoneWithCamera(FakeCamera.ean13(milk));
        openApp();
        assertThat(browser.find("#camera-view").isDisplayed()).isFalse();
        // count the buzzes (headless Chromium has no vibration motor to ask)
        browser.script("window.buzzes = 0; navigator.vibrate = () => { window.buzzes++; return true; };");
        browser.find("#camera-start").click();
        browser.eventually(Duration.ofSeconds(30), "the camera never read the milk's barcode", () -> {
            assertThat(lineNames())
                    .as(
                            "%s / %s",
                            browser.cameraReport(), browser.find("#scan-error").getText())
                    .containsExactly("Mellanmjölk");
            assertThat(browser.find("#camera-state").getText()).isEqualTo("Läst: " + milk);
            assertThat(browser.find("#announcer").getText()).isEqualTo("Tillagd: Mellanmjölk");
        });
        assertThat(browser.find("#camera-view").isDisplayed()).isTrue();
        assertThat(browser.find("#camera-stop").isDisplayed()).isTrue();
        browser.screenshot("shopper-0-camera");
        assertThat(browser.accessibilityViolations())
                .as("WCAG A/AA with the camera on")
                .isEmpty();

        // the fake camera keeps showing the same barcode, several reads a second: it still counts once
        long readsBefore = browser.cameraReads();
        browser.eventually(
                Duration.ofSeconds(20),
                "the decoder stopped reading the barcode in view",
                () -> assertThat(browser.cameraReads()).isGreaterThan(readsBefore + 5));
        assertThat(quantity("Mellanmjölk")).isEqualTo("1");
        assertThat(browser.findAll("#pending li.pending")).isEmpty();
        assertThat(((Number) browser.script("return window.buzzes;")).intValue())
                .as("one buzz for the one pack, however often it was read")
                .isEqualTo(1);

        // after a reload the camera comes back by itself (the permission is remembered), and the pack still in
        // view is not added again
        browser.driver().navigate().refresh();
        waitReady();
        browser.eventually(
                Duration.ofSeconds(20),
                "the camera did not start again after a reload",
                () -> assertThat(browser.find("#camera").getDomAttribute("data-state"))
                        .isEqualTo("scanning"));
        browser.eventually(
                Duration.ofSeconds(20),
                "the camera did not read the barcode after the reload",
                () -> assertThat(browser.cameraReads()).isGreaterThan(5));
        assertThat(lineNames()).containsExactly("Mellanmjölk");
        assertThat(quantity("Mellanmjölk")).isEqualTo("1");

        browser.find("#camera-stop").click();
        browser.eventually(WAIT, "the camera did not stop", () -> {
            assertThat(browser.find("#camera-view").isDisplayed()).isFalse();
            assertThat(browser.find("#camera-start").isDisplayed()).isTrue();
            assertThat((Boolean) browser.script("return document.getElementById('camera-video').srcObject === null"))
                    .isTrue();
        });
        assertThat(quantity("Mellanmjölk")).isEqualTo("1");
    }

    @Test
    void the_camera_reads_a_gs1_databar_symbol_as_on_loose_fruit() {
        browser = browsers.phoneWithCamera(FakeCamera.dataBar(soda));
        openApp();
        browser.find("#camera-start").click();
        browser.eventually(Duration.ofSeconds(30), "the camera never read the DataBar symbol", () -> {
            assertThat(lineNames())
                    .as(
                            "%s / %s",
                            browser.cameraReport(), browser.find("#scan-error").getText())
                    .containsExactly("Läsk 33 cl");
            assertThat(browser.find("#camera-state").getText()).isEqualTo("Läst: 0" + soda);
        });
        assertThat(quantity("Läsk 33 cl")).isEqualTo("1");
        browser.screenshot("shopper-0b-camera-databar");
    }

    @Test
    void a_barcode_taken_out_of_view_and_shown_again_is_one_more_pack() {
        browser = browsers.phoneWithCamera(FakeCamera.ean13ShownAgainAndAgain(soda, 2, 3));
        openApp();
        browser.find("#camera-start").click();
        browser.eventually(Duration.ofSeconds(30), "the second showing of the soda was not added", () -> {
            assertThat(lineNames())
                    .as(
                            "%s / %s",
                            browser.cameraReport(), browser.find("#scan-error").getText())
                    .containsExactly("Läsk 33 cl");
            assertThat(Integer.parseInt(quantity("Läsk 33 cl"))).isGreaterThanOrEqualTo(2);
        });
        browser.find("#camera-stop").click();
        long packs = Long.parseLong(quantity("Läsk 33 cl"));
        // each showing lasts two seconds, many frames: one pack per showing, so never more than the showings
        assertThat(packs).isLessThanOrEqualTo(browser.cameraReads() / 5 + 1);
    }

    @Test
    void the_app_speaks_english_to_an_english_phone_all_the_way_to_the_receipt() {
        browser = browsers.phoneInEnglish();
        openApp();
        assertThat(browser.find("html").getDomAttribute("lang")).isEqualTo("en");
        assertThat(browser.find("#camera-start").getText()).isEqualTo("Scan with the camera");
        enter(milk);
        browser.eventually(WAIT, "the milk never showed up in the cart", () -> {
            assertThat(lineNames()).containsExactly("Mellanmjölk");
            assertThat(browser.find("#announcer").getText()).isEqualTo("Added: Mellanmjölk");
            assertThat(browser.find("#checkout").getText()).isEqualTo("Pay 17,95 kr (test payment)");
        });
        enter(unknown);
        browser.eventually(
                WAIT,
                "an unknown product gave no English message",
                () -> assertThat(browser.find("#scan-error").getText())
                        .isEqualTo("We do not know this product in this store. Ask a staff member."));
        browser.screenshot("shopper-en-cart");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA in English").isEmpty();
        browser.find("#checkout").click();
        browser.eventually(WAIT, "no receipt after paying", () -> {
            assertThat(browser.find("#receipt").isDisplayed()).isTrue();
            assertThat(browser.find("#receipt-heading").getText()).isEqualTo("Receipt");
            assertThat(browser.find("#pass-heading").getText()).isEqualTo("Exit pass");
        });
        browser.screenshot("shopper-en-receipt");
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

    /** Read in one script call: the cart is re-rendered after every answer, so elements go stale quickly. */
    @SuppressWarnings("unchecked")
    private List<String> lineNames() {
        return (List<String>)
                browser.script("return [...document.querySelectorAll('#lines li .name')].map(e => e.textContent);");
    }

    private WebElement line(String name) {
        return (WebElement) browser.script(
                "return [...document.querySelectorAll('#lines li')]"
                        + ".find(li => li.querySelector('.name').textContent === arguments[0]);",
                name);
    }

    private String quantity(String name) {
        return (String) browser.script(
                "const li = [...document.querySelectorAll('#lines li')]"
                        + ".find(li => li.querySelector('.name').textContent === arguments[0]);"
                        + " return li ? li.dataset.quantity : null;",
                name);
    }
}
