package se.skanna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.store.StoreNetwork;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;
import tools.jackson.databind.JsonNode;

/** JSON is read as sent (no duplicate keys, no coercion) and free text holds no NUL, controls or bidi overrides. */
@SkannaTest
class StrictInputTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    StoreNetwork network;

    Api api;
    String hq;
    Store store;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        hq = fixtures.account(Role.HQ);
        store = fixtures.store();
    }

    Api.Response changeStatus(String json) {
        return api.request("PUT", "/api/v1/stores/" + store.id() + "/status")
                .as(hq, TestFixtures.PASSWORD)
                .json(json)
                .send();
    }

    @Test
    void a_key_given_twice_is_refused_and_changes_nothing() {
        Api.Response answer = changeStatus("{\"status\":\"APP_ONLY\",\"status\":\"CLOSED\",\"message\":\"Stängt\"}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.problemCode()).isEqualTo("malformed_request");
        assertThat(answer.json().get("detail").asString()).contains("twice");
        assertThat(network.get(store.id()).status().name()).isEqualTo("OPEN");
    }

    @Test
    void numbers_sent_as_text_and_text_sent_as_numbers_are_refused() {
        JsonNode trip = api.request("POST", "/api/v1/trips")
                .json(Map.of("storeId", store.id()))
                .send()
                .json();
        String tripId = trip.get("tripId").asString();

        Api.Response quantityAsText = api.request("POST", "/api/v1/trips/" + tripId + "/scans")
                .header("Authorization", "Bearer " + trip.get("token").asString())
                .json("{\"scanId\":\"s-1\",\"code\":\"7310865004703\",\"quantity\":\"2\"}")
                .send();
        Api.Response storeIdAsNumber =
                api.request("POST", "/api/v1/trips").json("{\"storeId\":123}").send();
        Api.Response statusAsIndex = changeStatus("{\"status\":1,\"message\":\"x\"}");

        assertThat(quantityAsText.status()).as(quantityAsText.body()).isEqualTo(400);
        assertThat(quantityAsText.problemCode()).isEqualTo("malformed_request");
        assertThat(quantityAsText.json().get("detail").asString()).contains("'quantity'");
        assertThat(storeIdAsNumber.status()).as(storeIdAsNumber.body()).isEqualTo(400);
        assertThat(storeIdAsNumber.json().get("detail").asString()).contains("'storeId'");
        assertThat(statusAsIndex.status()).as(statusAsIndex.body()).isEqualTo(400);
        assertThat(network.get(store.id()).status().name()).isEqualTo("OPEN");
    }

    @Test
    void nul_control_and_bidi_override_characters_in_free_text_are_refused_naming_the_field() {
        for (String bad : List.of("Stängt\u0000", "Stängt\u0007idag", "Öppet \u202Egnägts\u202C", "a\u2066b\u2069")) {
            Api.Response answer = changeStatus(Api.json(Map.of("status", "APP_ONLY", "message", bad)));

            assertThat(answer.status()).as(answer.body()).isEqualTo(422);
            assertThat(answer.problemCode()).isEqualTo("validation_failed");
            assertThat(answer.json().at("/errors/0/path").asString()).isEqualTo("message");
            assertThat(answer.json().get("detail").asString()).contains("'message'");
        }
        assertThat(network.get(store.id()).status().name()).isEqualTo("OPEN");

        Api.Response incident = api.request("POST", "/api/v1/incidents")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of(
                        "title", "Avbrott\u0000",
                        "status", "APP_ONLY",
                        "message", "x",
                        "storeIds", List.of(store.id())))
                .send();
        assertThat(incident.status()).as(incident.body()).isEqualTo(422);
        assertThat(incident.json().at("/errors/0/path").asString()).isEqualTo("title");
        assertThat(network.get(store.id()).status().name()).isEqualTo("OPEN");
    }

    @Test
    void a_scanned_gs1_element_string_keeps_its_gs_separator_through_checkout_but_no_other_control_character() {
        String gtin = TestFixtures.gtin();
        fixtures.importCatalog(api, Map.of("products", List.of(TestFixtures.product(gtin, "Lax", 5990))));
        JsonNode trip = api.request("POST", "/api/v1/trips")
                .json(Map.of("storeId", store.id()))
                .send()
                .json();
        String scans = "/api/v1/trips/" + trip.get("tripId").asString() + "/scans";
        String gtin14 = "0".repeat(14 - gtin.length()) + gtin;

        Api.Response withGs = api.request("POST", scans)
                .header("Authorization", "Bearer " + trip.get("token").asString())
                .json(Map.of("scanId", "s-gs", "code", "01" + gtin14 + "10LOT7\u001d17261231"))
                .send();
        Api.Response withNul = api.request("POST", scans)
                .header("Authorization", "Bearer " + trip.get("token").asString())
                .json(Map.of("scanId", "s-nul", "code", "01" + gtin14 + "\u0000"))
                .send();

        assertThat(withGs.status()).as(withGs.body()).isEqualTo(200);
        assertThat(withGs.json().at("/line/gtin").asString()).isEqualTo(gtin14);
        assertThat(withNul.status()).as(withNul.body()).isEqualTo(422);
        assertThat(withNul.json().at("/errors/0/path").asString()).isEqualTo("code");

        // the cart snapshot and the receipt, Skanna's own JSON, carry the code with its GS and read back fine
        Api.Response paid = api.request(
                        "POST", "/api/v1/trips/" + trip.get("tripId").asString() + "/checkout")
                .header("Authorization", "Bearer " + trip.get("token").asString())
                .header("Idempotency-Key", "gs-" + java.util.UUID.randomUUID())
                .json(Map.of("method", "test"))
                .send();
        assertThat(paid.status()).as(paid.body()).isIn(200, 201);
        assertThat(paid.json().get("status").asString()).isEqualTo("PAID");
        Api.Response receipt = api.request(
                        "GET", "/api/v1/trips/" + trip.get("tripId").asString() + "/receipt")
                .header("Authorization", "Bearer " + trip.get("token").asString())
                .send();
        assertThat(receipt.status()).as(receipt.body()).isEqualTo(200);
    }

    @Test
    void line_breaks_and_tabs_stay_allowed_in_free_text() {
        Api.Response answer =
                changeStatus(Api.json(Map.of("status", "APP_ONLY", "message", "Kassorna nere.\n\tHandla med appen.")));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(network.get(store.id()).message()).isEqualTo("Kassorna nere.\n\tHandla med appen.");
    }

    @Test
    void a_catalog_import_with_a_bidi_override_in_a_name_is_rejected_whole_naming_the_entry() {
        String good = TestFixtures.gtin();
        String bad = TestFixtures.gtin();

        Api.Response json = api.request("POST", "/api/v1/catalog/imports")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of(
                        "products",
                        List.of(
                                TestFixtures.product(good, "Mjölk", 1795),
                                TestFixtures.product(bad, "Ost \u202Ekr 9\u202C", 100))))
                .send();
        Api.Response csv = api.request("POST", "/api/v1/catalog/imports")
                .as(hq, TestFixtures.PASSWORD)
                .body(
                        "text/csv",
                        "gtin,name,brand,unit,vatRate,price,deposit,ageLimit\n" + good + ",Mjölk,,EACH,600,1795,0,\n"
                                + bad + ",Ost\u0000,,EACH,600,100,0,\n")
                .send();

        assertThat(json.status()).as(json.body()).isEqualTo(422);
        assertThat(json.problemCode()).isEqualTo("import_rejected");
        assertThat(json.json().at("/errors/0/path").asString()).isEqualTo("products[1].name");
        assertThat(csv.status()).as(csv.body()).isEqualTo(422);
        assertThat(csv.problemCode()).isEqualTo("import_rejected");
        assertThat(csv.json().at("/errors/0/line").asInt()).isEqualTo(3);
        assertThat(csv.json().at("/errors/0/field").asString()).isEqualTo("name");
        assertThat(api.get("/api/v1/stores/" + store.id() + "/products/" + good).status())
                .isEqualTo(404);
    }
}
