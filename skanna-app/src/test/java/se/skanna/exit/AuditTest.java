package se.skanna.exit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;
import tools.jackson.databind.JsonNode;

@SkannaTest
class AuditTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    final Map<String, String> tokens = new java.util.HashMap<>();

    Api api;
    Store store;
    String staff;
    String milk;
    String soda;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        store = fixtures.store();
        staff = fixtures.account(Role.STAFF, store.id());
        milk = TestFixtures.gtin();
        soda = TestFixtures.gtin();
        fixtures.importCatalog(
                api,
                Map.of(
                        "products",
                        List.of(TestFixtures.product(milk, "Mjölk", 1500), TestFixtures.product(soda, "Läsk", 1500))));
    }

    String paidTrip(String... codes) {
        JsonNode started = api.request("POST", "/api/v1/trips")
                .json(Map.of("storeId", store.id()))
                .send()
                .json();
        String tripId = started.get("tripId").asString();
        String token = started.get("token").asString();
        tokens.put(tripId, token);
        for (String code : codes) {
            api.request("POST", "/api/v1/trips/" + tripId + "/scans")
                    .header("Authorization", "Bearer " + token)
                    .json(Map.of("scanId", UUID.randomUUID().toString(), "code", code))
                    .send();
        }
        Api.Response paid = api.request("POST", "/api/v1/trips/" + tripId + "/checkout")
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", "key-" + UUID.randomUUID())
                .json(Map.of("method", "test"))
                .send();
        assertThat(paid.json().get("status").asString()).isEqualTo("PAID");
        return tripId;
    }

    Api.Response rescan(String tripId, String code) {
        return api.request("POST", "/api/v1/audits/" + tripId + "/scans")
                .as(staff, TestFixtures.PASSWORD)
                .json(Map.of("code", code))
                .send();
    }

    JsonNode complete(String tripId) {
        return api.request("POST", "/api/v1/audits/" + tripId + "/complete")
                .as(staff, TestFixtures.PASSWORD)
                .send()
                .json();
    }

    @Test
    void an_item_scanned_by_mistake_is_taken_back_until_the_audit_is_completed() {
        String trip = paidTrip(milk);
        rescan(trip, milk);
        rescan(trip, soda);
        Api.Response progress = api.request("GET", "/api/v1/audits/" + trip)
                .as(staff, TestFixtures.PASSWORD)
                .send();
        assertThat(progress.status()).as(progress.body()).isEqualTo(200);
        assertThat(progress.json().get("mode").asString()).isEqualTo("PARTIAL");
        assertThat(progress.json().at("/scans/1/name").asString())
                .as("named from the catalog")
                .isEqualTo("Läsk");
        int sodaSeq = progress.json().at("/scans/1/seq").asInt();

        Api.Response stranger = api.request("DELETE", "/api/v1/audits/" + trip + "/scans/" + sodaSeq)
                .as(fixtures.account(Role.STAFF, fixtures.store().id()), TestFixtures.PASSWORD)
                .send();
        assertThat(stranger.status()).isEqualTo(403);
        Api.Response removed = api.request("DELETE", "/api/v1/audits/" + trip + "/scans/" + sodaSeq)
                .as(staff, TestFixtures.PASSWORD)
                .send();
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().get("name").asString()).isEqualTo("Läsk");
        assertThat(api.request("DELETE", "/api/v1/audits/" + trip + "/scans/" + sodaSeq)
                        .as(staff, TestFixtures.PASSWORD)
                        .send()
                        .problemCode())
                .isEqualTo("not_found");
        assertThat(api.request("DELETE", "/api/v1/audits/" + trip + "/scans/x")
                        .as(staff, TestFixtures.PASSWORD)
                        .send()
                        .status())
                .isEqualTo(400);

        assertThat(complete(trip).get("result").asString())
                .as("the soda no longer counts")
                .isEqualTo("OK");
        assertThat(api.request("DELETE", "/api/v1/audits/" + trip + "/scans/1")
                        .as(staff, TestFixtures.PASSWORD)
                        .send()
                        .problemCode())
                .isEqualTo("trip_not_open");
        assertThat(jdbc.sql("select count(*) from console_action where username = :u and action = 'AUDIT_ITEM_REMOVED'")
                        .param("u", staff)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void a_partial_rescan_of_paid_items_is_ok() {
        String trip = paidTrip(milk, milk, soda);
        rescan(trip, milk);

        JsonNode result = complete(trip);

        assertThat(result.get("result").asString()).isEqualTo("OK");
        assertThat(result.get("mode").asString()).isEqualTo("PARTIAL");
    }

    @Test
    void an_unpaid_item_in_a_partial_rescan_escalates_to_a_full_rescan_that_finds_both_ways() {
        String trip = paidTrip(milk, soda);
        rescan(trip, milk);
        rescan(trip, milk);

        JsonNode partial = complete(trip);
        JsonNode full = complete(trip);

        assertThat(partial.get("result").asString()).isEqualTo("DISCREPANCY");
        assertThat(partial.get("next").asString()).isEqualTo("FULL");
        assertThat(partial.at("/extra/0/quantity").asInt()).isEqualTo(1);
        assertThat(full.get("mode").asString()).isEqualTo("FULL");
        assertThat(full.get("result").asString()).isEqualTo("DISCREPANCY");
        assertThat(full.at("/extra/0/gtin").asString()).isEqualTo("0" + milk);
        assertThat(full.at("/missing/0/name").asString()).isEqualTo("Läsk");
    }

    @Test
    void the_manager_sees_the_audit_and_other_stores_staff_cannot_audit() {
        String trip = paidTrip(milk);
        String otherStaff = fixtures.account(Role.STAFF, fixtures.store().id());
        String manager = fixtures.account(Role.MANAGER, store.id());
        rescan(trip, milk);
        complete(trip);

        Api.Response elsewhere = api.request("POST", "/api/v1/audits/" + trip + "/scans")
                .as(otherStaff, TestFixtures.PASSWORD)
                .json(Map.of("code", milk))
                .send();
        JsonNode audits = api.request("GET", "/api/v1/stores/" + store.id() + "/audits")
                .as(manager, TestFixtures.PASSWORD)
                .send()
                .json();
        Api.Response again = rescan(trip, milk);

        assertThat(elsewhere.status()).isEqualTo(403);
        assertThat(audits.get("audits").size()).isEqualTo(1);
        assertThat(audits.at("/audits/0/result").asString()).isEqualTo("OK");
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void an_unpaid_trip_cannot_be_audited() {
        JsonNode started = api.request("POST", "/api/v1/trips")
                .json(Map.of("storeId", store.id()))
                .send()
                .json();

        Api.Response response = rescan(started.get("tripId").asString(), milk);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.problemCode()).isEqualTo("not_paid");
    }

    @Test
    void exit_checks_and_audits_made_through_the_api_are_in_the_action_log_and_refusals_are_not() {
        String trip = paidTrip(milk, soda);
        String pass = api.request("GET", "/api/v1/trips/" + trip + "/exit-pass")
                .header("Authorization", "Bearer " + tokens.get(trip))
                .send()
                .json()
                .get("token")
                .asString();
        String otherStaff = fixtures.account(Role.STAFF, fixtures.store().id());

        Api.Response verified = api.request("POST", "/api/v1/exit/verify")
                .as(staff, TestFixtures.PASSWORD)
                .json(Map.of("token", pass))
                .send();
        Api.Response refusedElsewhere = api.request("POST", "/api/v1/audits/" + trip + "/scans")
                .as(otherStaff, TestFixtures.PASSWORD)
                .json(Map.of("code", milk))
                .send();
        Api.Response unknownCode = rescan(trip, TestFixtures.gtin());
        rescan(trip, milk);
        rescan(trip, milk);
        complete(trip);
        complete(trip);

        assertThat(verified.status()).isEqualTo(200);
        assertThat(refusedElsewhere.status()).isEqualTo(403);
        assertThat(unknownCode.status()).isEqualTo(404);
        assertThat(jdbc.sql("select action || ' ' || store_id || ' ' || target || ' ' || role from console_action"
                                + " where username = :u order by id")
                        .param("u", staff)
                        .query(String.class)
                        .list())
                .containsExactly(
                        "EXIT_PASS_VERIFIED " + store.id() + " " + trip + " STAFF",
                        "AUDIT_ITEM_SCANNED " + store.id() + " " + trip + " STAFF",
                        "AUDIT_ITEM_SCANNED " + store.id() + " " + trip + " STAFF",
                        "AUDIT_ESCALATED " + store.id() + " " + trip + " STAFF",
                        "AUDIT_COMPLETED " + store.id() + " " + trip + " STAFF");
        assertThat(jdbc.sql("select detail from console_action where username = :u and action = :a")
                        .param("u", staff)
                        .param("a", "AUDIT_COMPLETED")
                        .query(String.class)
                        .single())
                .isEqualTo("FULL DISCREPANCY missing=1 extra=1");
        assertThat(jdbc.sql("select count(*) from console_action where username = :u")
                        .param("u", otherStaff)
                        .query(Long.class)
                        .single())
                .as("a refused audit scan leaves no entry")
                .isZero();
    }
}
