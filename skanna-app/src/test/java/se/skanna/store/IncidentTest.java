package se.skanna.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.skanna.staff.Role;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;
import tools.jackson.databind.JsonNode;

@SkannaTest
class IncidentTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    Api api;
    String hq;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        hq = fixtures.account(Role.HQ);
    }

    @Test
    void an_incident_on_a_region_switches_every_store_in_it_and_no_other() {
        List<Store> region = fixtures.region(5);
        Store elsewhere = fixtures.store();

        Api.Response declared = declare(Map.of(
                "title", "Kassasystemet utslaget",
                "status", "APP_ONLY",
                "message", "Handla med appen",
                "region", region.getFirst().region()));

        assertThat(declared.status()).isEqualTo(201);
        assertThat(declared.json().get("id").asString()).isNotBlank();
        assertThat(ids(declared.json().get("storeIds")))
                .containsExactlyInAnyOrderElementsOf(
                        region.stream().map(Store::id).toList());
        for (Store store : region) {
            JsonNode now = store(store.id());
            assertThat(now.get("status").asString()).isEqualTo("APP_ONLY");
            assertThat(now.get("message").asString()).isEqualTo("Handla med appen");
        }
        assertThat(store(elsewhere.id()).get("status").asString()).isEqualTo("OPEN");
    }

    @Test
    void resolving_restores_each_stores_own_previous_status_and_message() {
        List<Store> stores = fixtures.region(3);
        setStatus(stores.get(1).id(), "CLOSED", "Renovering");
        setStatus(stores.get(2).id(), "APP_ONLY", "Bara app i kväll");
        String incident = declare(Map.of("title", "Attack", "status", "CLOSED", "storeIds", ids(stores)))
                .json()
                .get("id")
                .asString();

        Api.Response resolved = api.request("POST", "/api/v1/incidents/" + incident + "/resolve")
                .as(hq, TestFixtures.PASSWORD)
                .send();

        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.json().get("state").asString()).isEqualTo("RESOLVED");
        assertThat(store(stores.get(0).id()).get("status").asString()).isEqualTo("OPEN");
        assertThat(store(stores.get(0).id()).get("message").isNull()).isTrue();
        assertThat(store(stores.get(1).id()).get("status").asString()).isEqualTo("CLOSED");
        assertThat(store(stores.get(1).id()).get("message").asString()).isEqualTo("Renovering");
        assertThat(store(stores.get(2).id()).get("status").asString()).isEqualTo("APP_ONLY");
        assertThat(store(stores.get(2).id()).get("message").asString()).isEqualTo("Bara app i kväll");
    }

    @Test
    void resolving_twice_is_a_conflict() {
        Store store = fixtures.store();
        String incident = declare(Map.of("title", "Test", "status", "CLOSED", "storeIds", List.of(store.id())))
                .json()
                .get("id")
                .asString();
        resolve(incident);

        Api.Response again = resolve(incident);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problemCode()).isEqualTo("incident_already_resolved");
    }

    @Test
    void a_store_changed_by_hand_during_the_incident_keeps_that_change() {
        List<Store> stores = fixtures.region(2);
        String incident = declare(Map.of("title", "Test", "status", "CLOSED", "storeIds", ids(stores)))
                .json()
                .get("id")
                .asString();
        setStatus(stores.get(0).id(), "APP_ONLY", "Öppnat igen med appen");

        JsonNode resolved = resolve(incident).json();

        assertThat(ids(resolved.get("restoredStoreIds")))
                .containsExactly(stores.get(1).id());
        assertThat(store(stores.get(0).id()).get("status").asString()).isEqualTo("APP_ONLY");
        assertThat(store(stores.get(1).id()).get("status").asString()).isEqualTo("OPEN");
    }

    @Test
    void overlapping_incidents_resolved_in_any_order_end_where_the_store_began() {
        Store store = fixtures.store();
        setStatus(store.id(), "APP_ONLY", "Start");
        String first = declare(Map.of("title", "A", "status", "CLOSED", "storeIds", List.of(store.id())))
                .json()
                .get("id")
                .asString();
        String second = declare(Map.of("title", "B", "status", "OPEN", "storeIds", List.of(store.id())))
                .json()
                .get("id")
                .asString();

        resolve(first);
        assertThat(store(store.id()).get("status").asString()).isEqualTo("OPEN");
        resolve(second);

        assertThat(store(store.id()).get("status").asString()).isEqualTo("APP_ONLY");
        assertThat(store(store.id()).get("message").asString()).isEqualTo("Start");
    }

    @Test
    void unknown_store_ids_reject_the_whole_incident() {
        List<Store> stores = fixtures.region(2);

        Api.Response response = declare(Map.of(
                "title",
                "Test",
                "status",
                "CLOSED",
                "storeIds",
                List.of(stores.get(0).id(), "nope", stores.get(1).id())));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.problemCode()).isEqualTo("unknown_stores");
        assertThat(ids(response.json().get("unknownStoreIds"))).containsExactly("nope");
        assertThat(store(stores.get(0).id()).get("status").asString()).isEqualTo("OPEN");
        assertThat(store(stores.get(1).id()).get("status").asString()).isEqualTo("OPEN");
    }

    @Test
    void invalid_declarations_are_refused() {
        Store store = fixtures.store();

        Api.Response both = declare(
                Map.of("title", "T", "status", "CLOSED", "storeIds", List.of(store.id()), "region", store.region()));
        Api.Response neither = declare(Map.of("title", "T", "status", "CLOSED"));
        Api.Response badStatus = declare(Map.of("title", "T", "status", "MAYBE", "storeIds", List.of(store.id())));
        Api.Response noTitle = declare(Map.of("title", " ", "status", "CLOSED", "storeIds", List.of(store.id())));
        Api.Response unknownRegion = declare(Map.of("title", "T", "status", "CLOSED", "region", "Atlantis län"));
        Api.Response unknownField = declare(Map.of("title", "T", "status", "CLOSED", "region", store.region(), "x", 1));

        assertThat(both.status()).isEqualTo(422);
        assertThat(neither.status()).isEqualTo(422);
        assertThat(badStatus.problemCode()).isEqualTo("invalid_status");
        assertThat(noTitle.problemCode()).isEqualTo("validation_failed");
        assertThat(unknownRegion.problemCode()).isEqualTo("unknown_region");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(store(store.id()).get("status").asString()).isEqualTo("OPEN");
    }

    @Test
    void only_hq_declares_and_resolves_incidents() {
        Store store = fixtures.store();
        String manager = fixtures.account(Role.MANAGER, store.id());
        String staff = fixtures.account(Role.STAFF, store.id());
        Map<String, Object> body = Map.of("title", "T", "status", "CLOSED", "storeIds", List.of(store.id()));
        String incident = declare(body).json().get("id").asString();

        Api.Response byManager = api.request("POST", "/api/v1/incidents")
                .as(manager, TestFixtures.PASSWORD)
                .json(body)
                .send();
        Api.Response byStaff = api.request("POST", "/api/v1/incidents/" + incident + "/resolve")
                .as(staff, TestFixtures.PASSWORD)
                .send();
        Api.Response anonymous = api.request("POST", "/api/v1/incidents/" + incident + "/resolve")
                .send();

        assertThat(byManager.status()).isEqualTo(403);
        assertThat(byManager.problemCode()).isEqualTo("forbidden");
        assertThat(byStaff.status()).isEqualTo(403);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(api.request("GET", "/api/v1/incidents/" + incident)
                        .as(hq, TestFixtures.PASSWORD)
                        .send()
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("ACTIVE");
    }

    @Test
    void an_unknown_incident_is_404() {
        Api.Response response = resolve("inc-does-not-exist");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.problemCode()).isEqualTo("incident_not_found");
    }

    private Api.Response declare(Map<String, ?> body) {
        return api.request("POST", "/api/v1/incidents")
                .as(hq, TestFixtures.PASSWORD)
                .json(body)
                .send();
    }

    private Api.Response resolve(String incidentId) {
        return api.request("POST", "/api/v1/incidents/" + incidentId + "/resolve")
                .as(hq, TestFixtures.PASSWORD)
                .send();
    }

    private void setStatus(String storeId, String status, String message) {
        Api.Response response = api.request("PUT", "/api/v1/stores/" + storeId + "/status")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("status", status, "message", message))
                .send();
        assertThat(response.status()).isEqualTo(200);
    }

    private JsonNode store(String id) {
        return api.get("/api/v1/stores/" + id).json();
    }

    private static List<String> ids(List<Store> stores) {
        return stores.stream().map(Store::id).toList();
    }

    static List<String> ids(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
