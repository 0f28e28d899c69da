package se.skanna.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.Browser;
import se.skanna.support.Browsers;
import se.skanna.support.CameraCases;
import se.skanna.support.FakeCamera;
import se.skanna.support.FakeCamera.Shot;
import se.skanna.support.PackPhoto;
import se.skanna.support.PackPhoto.Kind;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/**
 * The shopper app's camera decoder (Java ZXing compiled by TeaVM, in a Web Worker) against photo-like pictures
 * of packs ({@link PackPhoto}) in a phone-sized Chromium whose fake camera plays them: each picture must land in
 * the cart as exactly its product, once, and a one-frame misread must land as nothing.
 */
@SkannaTest
class CameraDecoderBrowserTest {

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    Api api;
    Store store;
    Browser browser;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        store = fixtures.store();
    }

    @Test
    void a_upc_a_can_and_a_databar_expanded_deli_label_are_read_through_the_camera_at_full_resolution() {
        String upcA = se.skanna.gs1.CheckDigits.append("03401700002"); // the same every run: the same picture
        String deli = TestFixtures.gtin();
        importProducts(Map.of(upcA, "Majs 340 g"), deli);
        Path video = FakeCamera.photos(
                "upca-deli",
                1280,
                720,
                3,
                List.of(
                        new Shot(
                                PackPhoto.of(Kind.UPC_A, upcA)
                                        .curved(1.2)
                                        .rotated(-6)
                                        .glare(0.4)
                                        .noise(6)
                                        .widthInFrame(0.45),
                                9),
                        Shot.nothing(3),
                        new Shot(
                                PackPhoto.of(Kind.DATABAR_EXPANDED, CameraCases.deliLabel(deli))
                                        .tilted(0.15)
                                        .rotated(4)
                                        .blurred(1)
                                        .noise(6)
                                        .widthInFrame(0.6),
                                9),
                        Shot.nothing(12)));
        browser = browsers.phoneWithCamera(video);
        openAppAndStartCamera();

        browser.eventually(
                Duration.ofSeconds(30),
                "the camera did not read both packs",
                () -> assertThat(lines())
                        .as(browser.cameraReport())
                        .containsExactly(
                                "Majs 340 g · 12,50 kr · 1 × 12,50 kr",
                                "Ostbricka · 217,88 kr · 0,875 kg × 249,00 kr/kg"));
        browser.find("#camera-stop").click();
        browser.screenshot("shopper-0c-camera-upca-deli");
    }

    @Test
    void every_format_in_hard_photo_like_pictures_lands_as_its_exact_product_and_a_one_frame_misread_as_nothing() {
        // a heavy test (a minute of video, ten pictures): browser tests need nothing of the database, so it runs
        // in the H2 pass of the suite only, not again on PostgreSQL
        Assumptions.assumeFalse(
                String.valueOf(System.getenv("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql"),
                "the image matrix runs once, in the H2 pass");
        CameraCases.Products products = CameraCases.Products.fixed();
        List<CameraCases.Case> cases = CameraCases.all(products);
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            if (!cases.get(i).gtin().equals(products.weighed())) {
                names.put(cases.get(i).gtin(), "Fall " + i);
            }
        }
        String misread = TestFixtures.gtin();
        names.put(misread, "Felläsning");
        importProducts(names, products.weighed());

        List<Shot> shots = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            shots.add(new Shot(cases.get(i).photo(), 9));
            shots.add(Shot.nothing(2));
            if (i == cases.size() / 2) {
                // one frame only, clean and check-digit valid: what a misread looks like to the app
                shots.add(new Shot(PackPhoto.of(Kind.EAN_13, misread), 1));
                shots.add(Shot.nothing(5));
            }
        }
        shots.add(Shot.nothing(12));
        browser = browsers.phoneWithCamera(FakeCamera.photos("matrix", 640, 480, 3, shots));
        openAppAndStartCamera();

        List<String> expected = new ArrayList<>();
        for (CameraCases.Case shot : cases) {
            expected.add(shot.gtin().equals(products.weighed()) ? "Ostbricka" : names.get(shot.gtin()));
        }
        List<String> read = new ArrayList<>();
        try {
            browser.eventually(Duration.ofSeconds(50), "the camera did not read every picture", () -> {
                read.clear();
                read.addAll(lineNames());
                assertThat(read).containsAll(expected);
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            List<String> missed = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                if (!read.contains(expected.get(i))) {
                    missed.add(cases.get(i).name());
                }
            }
            throw new AssertionError("not read: " + missed + "; " + browser.cameraReport(), e);
        }
        browser.find("#camera-stop").click();
        assertThat(lineNames()).containsExactlyElementsOf(expected);
        for (String name : expected) {
            assertThat(lineQuantity(name)).as(name).isEqualTo("1");
        }
        assertThat(lines()).contains("Ostbricka · 217,88 kr · 0,875 kg × 249,00 kr/kg");
    }

    private void importProducts(Map<String, String> products, String deli) {
        List<Map<String, Object>> catalog = new ArrayList<>();
        products.forEach((gtin, name) -> catalog.add(TestFixtures.product(gtin, name, 1250)));
        Map<String, Object> cheese = TestFixtures.product(deli, "Ostbricka", CameraCases.DELI_KILO_PRICE);
        cheese.put("unit", "KG");
        catalog.add(cheese);
        fixtures.importCatalog(api, Map.of("products", catalog));
    }

    private void openAppAndStartCamera() {
        browser.open("http://localhost:" + port + "/s/" + store.id());
        browser.waitUntil(
                Duration.ofSeconds(10),
                "the app never got ready",
                d -> "ready".equals(browser.find("#app").getDomAttribute("data-state")));
        browser.find("#camera-start").click();
    }

    @SuppressWarnings("unchecked")
    private List<String> lineNames() {
        return (List<String>)
                browser.script("return [...document.querySelectorAll('#lines li .name')].map(e => e.textContent);");
    }

    /** Each cart line as "name · amount · detail". */
    @SuppressWarnings("unchecked")
    private List<String> lines() {
        return (List<String>) browser.script("return [...document.querySelectorAll('#lines li')].map(li =>"
                + " ['.name', '.amount', '.detail'].map(s => li.querySelector(s)?.textContent ?? '').join(' · '));");
    }

    private String lineQuantity(String name) {
        return (String) browser.script(
                "const li = [...document.querySelectorAll('#lines li')]"
                        + ".find(li => li.querySelector('.name').textContent === arguments[0]);"
                        + " return li ? li.dataset.quantity : null;",
                name);
    }
}
