package se.skanna.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.skanna.staff.Role;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;
import tools.jackson.databind.JsonNode;

@SkannaTest
class StoreApiTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    Api api() {
        return new Api(port);
    }

    @Test
    void anyone_lists_stores_filtered_by_region_status_and_text() {
        List<Store> stores = fixtures.region(3);
        String region = stores.getFirst().region();
        String hq = fixtures.account(Role.HQ);
        api().request("PUT", "/api/v1/stores/" + stores.get(1).id() + "/status")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("status", "CLOSED", "message", "Vattenläcka"))
                .send();

        JsonNode inRegion = api().get("/api/v1/stores?region=" + encode(region)).json();
        JsonNode closed = api().get("/api/v1/stores?status=CLOSED&region=" + encode(region))
                .json();
        JsonNode byText = api().get("/api/v1/stores?q=" + encode(stores.get(2).name()) + "&region=" + encode(region))
                .json();

        assertThat(inRegion.get("stores").size()).isEqualTo(3);
        assertThat(closed.get("stores").size()).isEqualTo(1);
        assertThat(closed.get("stores").get(0).get("id").asString())
                .isEqualTo(stores.get(1).id());
        assertThat(closed.get("stores").get(0).get("message").asString()).isEqualTo("Vattenläcka");
        assertThat(byText.get("stores").size()).isEqualTo(1);
    }

    @Test
    void one_store_has_the_documented_fields() {
        Store store = fixtures.store();

        JsonNode json = api().get("/api/v1/stores/" + store.id()).json();

        assertThat(json.propertyNames())
                .containsExactlyInAnyOrder(
                        "id",
                        "name",
                        "city",
                        "region",
                        "status",
                        "message",
                        "updatedAt",
                        "messages",
                        "street",
                        "postcode",
                        "lat",
                        "lon",
                        "openingHours");
        assertThat(json.get("status").asString()).isEqualTo("OPEN");
    }

    @Test
    void an_unknown_store_is_404_problem_json() {
        Api.Response response = api().get("/api/v1/stores/no-such-store");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.problemCode()).isEqualTo("store_not_found");
    }

    @Test
    void a_bad_status_filter_is_422() {
        Api.Response response = api().get("/api/v1/stores?status=SOMETIMES");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.problemCode()).isEqualTo("invalid_status");
    }

    @Test
    void the_list_revalidates_with_its_etag() {
        fixtures.store();
        Api.Response first = api().get("/api/v1/stores");

        Api.Response again = api().request("GET", "/api/v1/stores")
                .header("If-None-Match", first.header("ETag"))
                .send();

        assertThat(first.header("ETag")).isNotBlank();
        assertThat(again.status()).isEqualTo(304);
    }

    @Test
    void hq_and_the_stores_manager_change_its_status() {
        Store store = fixtures.store();
        String manager = fixtures.account(Role.MANAGER, store.id());
        String hq = fixtures.account(Role.HQ);

        Api.Response byManager =
                changeStatus(store.id(), manager, Map.of("status", "APP_ONLY", "message", "Kassorna är nere"));
        Api.Response byHq = changeStatus(store.id(), hq, Map.of("status", "CLOSED"));

        assertThat(byManager.status()).isEqualTo(200);
        assertThat(byManager.json().get("status").asString()).isEqualTo("APP_ONLY");
        assertThat(byManager.json().get("message").asString()).isEqualTo("Kassorna är nere");
        assertThat(byHq.status()).isEqualTo(200);
        assertThat(api().get("/api/v1/stores/" + store.id())
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("CLOSED");
    }

    @Test
    void staff_and_managers_of_other_stores_may_not_change_status() {
        Store store = fixtures.store();
        Store other = fixtures.store();
        String staff = fixtures.account(Role.STAFF, store.id());
        String otherManager = fixtures.account(Role.MANAGER, other.id());

        Api.Response byStaff = changeStatus(store.id(), staff, Map.of("status", "CLOSED"));
        Api.Response byOtherManager = changeStatus(store.id(), otherManager, Map.of("status", "CLOSED"));

        assertThat(byStaff.status()).isEqualTo(403);
        assertThat(byStaff.problemCode()).isEqualTo("forbidden");
        assertThat(byOtherManager.status()).isEqualTo(403);
        assertThat(statusOf(store)).isEqualTo("OPEN");
    }

    @Test
    void without_credentials_a_change_is_401_and_wrong_password_too() {
        Store store = fixtures.store();
        String hq = fixtures.account(Role.HQ);

        Api.Response anonymous = api().request("PUT", "/api/v1/stores/" + store.id() + "/status")
                .json(Map.of("status", "CLOSED"))
                .send();
        Api.Response wrongPassword = api().request("PUT", "/api/v1/stores/" + store.id() + "/status")
                .as(hq, "not-the-password")
                .json(Map.of("status", "CLOSED"))
                .send();

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.problemCode()).isEqualTo("unauthorized");
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(statusOf(store)).isEqualTo("OPEN");
    }

    @Test
    void bad_change_requests_are_refused_and_change_nothing() {
        Store store = fixtures.store();
        String hq = fixtures.account(Role.HQ);

        Api.Response badStatus = changeStatus(store.id(), hq, Map.of("status", "HALF_OPEN"));
        Api.Response unknownField = changeStatus(store.id(), hq, Map.of("status", "CLOSED", "reason", "x"));
        Api.Response malformed = api().request("PUT", "/api/v1/stores/" + store.id() + "/status")
                .as(hq, TestFixtures.PASSWORD)
                .json("{\"status\": ")
                .send();
        Api.Response longMessage = changeStatus(store.id(), hq, Map.of("status", "CLOSED", "message", "x".repeat(501)));
        Api.Response tooLarge = changeStatus(store.id(), hq, Map.of("status", "CLOSED", "message", "x".repeat(70_000)));
        Api.Response unknownStore = changeStatus("no-such-store", hq, Map.of("status", "CLOSED"));

        assertThat(badStatus.status()).isEqualTo(422);
        assertThat(badStatus.problemCode()).isEqualTo("invalid_status");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.problemCode()).isEqualTo("malformed_request");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(longMessage.status()).isEqualTo(422);
        assertThat(longMessage.problemCode()).isEqualTo("validation_failed");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.problemCode()).isEqualTo("payload_too_large");
        assertThat(unknownStore.status()).isEqualTo(404);
        assertThat(statusOf(store)).isEqualTo("OPEN");
    }

    @Test
    void unknown_api_paths_and_methods_answer_problem_json() {
        String hq = fixtures.account(Role.HQ);

        Api.Response anonymous = api().get("/api/v1/stores/x/nothing-here");
        Api.Response unknownPath = api().request("GET", "/api/v1/stores/x/nothing-here")
                .as(hq, TestFixtures.PASSWORD)
                .send();
        Api.Response wrongMethod = api().request("DELETE", "/api/v1/stores")
                .as(hq, TestFixtures.PASSWORD)
                .send();

        assertThat(anonymous.status())
                .as("unknown paths reveal nothing to strangers")
                .isEqualTo(401);
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.problemCode()).isEqualTo("not_found");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.problemCode()).isEqualTo("method_not_allowed");
    }

    private Api.Response changeStatus(String storeId, String username, Map<String, ?> body) {
        return api().request("PUT", "/api/v1/stores/" + storeId + "/status")
                .as(username, TestFixtures.PASSWORD)
                .json(body)
                .send();
    }

    private String statusOf(Store store) {
        return api().get("/api/v1/stores/" + store.id()).json().get("status").asString();
    }

    static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
