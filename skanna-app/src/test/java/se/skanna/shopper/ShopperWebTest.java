package se.skanna.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;
import tools.jackson.databind.JsonNode;

/** The shopper app's pages and the exit pass QR code, over plain HTTP. */
@SkannaTest
class ShopperWebTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    Api api;
    Store store;
    String hq;
    String milk;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        store = fixtures.store();
        hq = fixtures.account(Role.HQ);
        milk = TestFixtures.gtin();
        fixtures.importCatalog(api, Map.of("products", List.of(TestFixtures.product(milk, "Mellanmjölk", 1795))));
    }

    @Test
    void the_exit_pass_svg_needs_the_trip_token_and_a_paid_trip() {
        JsonNode started = api.request("POST", "/api/v1/trips")
                .json(Map.of("storeId", store.id()))
                .send()
                .json();
        String tripId = started.get("tripId").asString();
        String token = started.get("token").asString();
        String path = "/api/v1/trips/" + tripId + "/exit-pass.svg";

        Api.Response anonymous = api.get(path);
        assertThat(anonymous.status()).isEqualTo(401);

        Api.Response unpaid = api.request("GET", path)
                .header("Authorization", "Bearer " + token)
                .send();
        assertThat(unpaid.status()).as(unpaid.body()).isEqualTo(409);
        assertThat(unpaid.problemCode()).isEqualTo("not_paid");

        Api.Response scanned = api.request("POST", "/api/v1/trips/" + tripId + "/scans")
                .header("Authorization", "Bearer " + token)
                .json(Map.of("scanId", UUID.randomUUID().toString(), "code", milk))
                .send();
        assertThat(scanned.status()).as(scanned.body()).isEqualTo(200);
        Api.Response paid = api.request("POST", "/api/v1/trips/" + tripId + "/checkout")
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", "key-" + UUID.randomUUID())
                .json(Map.of("method", "test"))
                .send();
        assertThat(paid.json().get("status").asString()).as(paid.body()).isEqualTo("PAID");

        Api.Response svg = api.request("GET", path)
                .header("Authorization", "Bearer " + token)
                .send();
        assertThat(svg.status()).as(svg.body()).isEqualTo(200);
        assertThat(svg.contentType()).startsWith("image/svg+xml");
        assertThat(svg.header("Cache-Control")).contains("no-store");
        assertThat(svg.body()).startsWith("<svg").endsWith("</svg>");
        assertThat(svg.body().split("<rect", -1).length).isGreaterThan(50);
        String passToken = svg.header("X-Exit-Pass-Token");
        assertThat(passToken).contains(".");

        String staff = fixtures.account(Role.STAFF, store.id());
        Api.Response verified = api.request("POST", "/api/v1/exit/verify")
                .as(staff, TestFixtures.PASSWORD)
                .json(Map.of("token", passToken))
                .send();
        assertThat(verified.json().get("result").asString()).as(verified.body()).isEqualTo("PASS");

        Api.Response otherTrip = api.request("GET", path)
                .header("Authorization", "Bearer " + "x".repeat(43))
                .send();
        assertThat(otherTrip.status()).isEqualTo(403);
    }

    @Test
    void the_entrance_poster_is_public_and_carries_the_app_url_as_a_qr_code() {
        Api.Response poster = api.get("/stores/" + store.id() + "/poster");

        assertThat(poster.status()).as(poster.body()).isEqualTo(200);
        assertThat(poster.contentType()).startsWith("text/html");
        assertThat(poster.body())
                .contains("<svg", "<rect", store.name(), "http://localhost:" + port + "/s/" + store.id())
                .contains("Skanna och betala med mobilen", "Scan and pay with your phone");
        assertThat(poster.header("Content-Security-Policy")).contains("default-src 'self'");
    }

    @Test
    void the_poster_of_an_unknown_store_is_a_page_saying_so_not_an_api_error() {
        String id = "no-such-store-" + UUID.randomUUID();
        Api.Response poster = api.request("GET", "/stores/" + id + "/poster")
                .header("Accept-Language", "sv")
                .send();

        assertThat(poster.status()).isEqualTo(404);
        assertThat(poster.contentType()).startsWith("text/html");
        assertThat(poster.body())
                .contains("data-store-status=\"UNKNOWN\"", "href=\"/stores\"")
                .doesNotContain("<svg");
    }

    @Test
    void the_camera_decoder_is_served_to_anyone_as_a_worker_and_its_zxing_module() {
        Api.Response worker = api.get("/decoder/worker.js");
        Api.Response module = api.get("/decoder/zxing.js");

        assertThat(worker.status()).isEqualTo(200);
        assertThat(worker.contentType()).contains("javascript");
        assertThat(worker.body()).contains("import { decode } from './zxing.js'");
        assertThat(module.status()).isEqualTo(200);
        assertThat(module.contentType()).contains("javascript");
        assertThat(module.body()).contains("as decode}");
        assertThat(api.get("/webjars/html5-qrcode/third_party/zxing-js.umd.min.js")
                        .status())
                .as("the old zxing-js WebJar is gone")
                .isEqualTo(404);
    }

    @Test
    void the_app_page_is_public_and_a_closed_or_unknown_store_explains_itself() {
        Api.Response open = api.request("GET", "/s/" + store.id())
                .header("Accept-Language", "sv")
                .send();
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.body()).contains("/js/shopper/app.js", "manifest.webmanifest", store.name());

        Api.Response manifest = api.get("/s/" + store.id() + "/manifest.webmanifest");
        assertThat(manifest.status()).isEqualTo(200);
        assertThat(manifest.json().get("start_url").asString()).isEqualTo("/s/" + store.id());
        assertThat(api.get("/shopper-sw.js").status()).isEqualTo(200);

        Api.Response closing = api.request("PUT", "/api/v1/stores/" + store.id() + "/status")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("status", "CLOSED", "message", "Stängt för inventering"))
                .send();
        assertThat(closing.status()).as(closing.body()).isEqualTo(200);
        Api.Response closed = api.request("GET", "/s/" + store.id())
                .header("Accept-Language", "sv")
                .send();
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.body())
                .contains("är stängd", "Stängt för inventering", "href=\"/stores\"")
                .doesNotContain("app.js");

        Api.Response unknown = api.request("GET", "/s/no-such-store-" + UUID.randomUUID())
                .header("Accept-Language", "en")
                .send();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("Unknown store", "href=\"/stores\"");
    }
}
