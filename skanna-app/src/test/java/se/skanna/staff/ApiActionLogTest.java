package se.skanna.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.ProductEntry;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/**
 * Staff actions through the JSON API land in the same action log as the console's: store status, incidents,
 * age approvals and refunds, with who, what and where; refused calls leave no entry.
 */
@SkannaTest
class ApiActionLogTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Store store;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        store = fixtures.store();
    }

    @Test
    void a_managers_status_change_is_logged_and_a_refused_one_is_not() {
        String manager = fixtures.account(Role.MANAGER, store.id());
        String outsider = fixtures.account(Role.MANAGER, fixtures.store().id());

        Api.Response refused = api.request("PUT", "/api/v1/stores/" + store.id() + "/status")
                .as(outsider, TestFixtures.PASSWORD)
                .json(Map.of("status", "CLOSED"))
                .send();
        Api.Response changed = api.request("PUT", "/api/v1/stores/" + store.id() + "/status")
                .as(manager, TestFixtures.PASSWORD)
                .json(Map.of("status", "APP_ONLY", "message", "Kassorna är nere"))
                .send();

        assertThat(refused.status()).isEqualTo(403);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(entries(outsider)).isEmpty();
        assertThat(entries(manager))
                .containsExactly(List.of("STORE_STATUS_CHANGED", store.id(), "-", "APP_ONLY: Kassorna är nere"));
    }

    @Test
    void incidents_declared_and_resolved_through_the_api_are_logged() {
        String hq = fixtures.account(Role.HQ);
        Store other = fixtures.store();

        Api.Response declared = api.request("POST", "/api/v1/incidents")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of(
                        "title",
                        "Kassasystemet nere",
                        "status",
                        "APP_ONLY",
                        "storeIds",
                        List.of(store.id(), other.id())))
                .send();
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        String incident = declared.json().get("id").asString();
        Api.Response resolved = api.request("POST", "/api/v1/incidents/" + incident + "/resolve")
                .as(hq, TestFixtures.PASSWORD)
                .send();
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);

        assertThat(entries(hq))
                .containsExactly(
                        List.of(
                                "INCIDENT_DECLARED",
                                "-",
                                incident,
                                "Kassasystemet nere — APP_ONLY in selected stores "
                                        + String.join(
                                                ", ",
                                                java.util.stream.Stream.of(store.id(), other.id())
                                                        .sorted()
                                                        .toList())
                                        + " (2 stores)"),
                        List.of("INCIDENT_RESOLVED", "-", incident, "Kassasystemet nere — restored 2 of 2 stores"));
    }

    @Test
    void an_age_approval_and_a_refund_through_the_api_are_logged_in_the_trips_store() {
        String staff = fixtures.account(Role.STAFF, store.id());
        String manager = fixtures.account(Role.MANAGER, store.id());
        String snus = TestFixtures.gtin();
        Map<String, Object> product =
                ProductEntry.of(snus, "Snus", 6200).ageLimit(18).map();
        fixtures.importCatalog(api, Map.of("products", List.of(product)));
        String[] trip = TestFixtures.tripWith(api, store.id(), snus);

        Api.Response approved = api.request("POST", "/api/v1/trips/" + trip[0] + "/age-approvals")
                .as(staff, TestFixtures.PASSWORD)
                .send();
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        Api.Response paid = api.request("POST", "/api/v1/trips/" + trip[0] + "/checkout")
                .header("Authorization", "Bearer " + trip[1])
                .header("Idempotency-Key", "key-" + UUID.randomUUID())
                .json(Map.of("method", "test"))
                .send();
        assertThat(paid.json().get("status").asString()).isEqualTo("PAID");
        String payment = paid.json().get("paymentId").asString();
        Api.Response tooMuch = api.request("POST", "/api/v1/payments/" + payment + "/refunds")
                .as(manager, TestFixtures.PASSWORD)
                .header("Idempotency-Key", "refund-" + UUID.randomUUID())
                .json(Map.of("amount", 999_999, "reason", "Fel vara"))
                .send();
        Api.Response refunded = api.request("POST", "/api/v1/payments/" + payment + "/refunds")
                .as(manager, TestFixtures.PASSWORD)
                .header("Idempotency-Key", "refund-" + UUID.randomUUID())
                .json(Map.of("amount", 1000, "reason", "Fel vara"))
                .send();

        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(refunded.status()).as(refunded.body()).isEqualTo(200);
        String refund = refunded.json().get("refundId").asString();
        assertThat(entries(staff)).containsExactly(List.of("AGE_APPROVED", store.id(), trip[0], "-"));
        assertThat(entries(manager))
                .containsExactly(List.of("REFUND_REQUESTED", store.id(), payment, refund + " 1000 öre: Fel vara"));
    }

    /** The user's log entries, oldest first: action, store, target, detail ("-" for none). */
    private List<List<String>> entries(String username) {
        return jdbc.sql(
                        "select action, store_id, target, detail from console_action where username = :user order by id")
                .param("user", username)
                .query((rs, n) -> List.of(
                        rs.getString("action"),
                        dash(rs.getString("store_id")),
                        dash(rs.getString("target")),
                        dash(rs.getString("detail"))))
                .list();
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }
}
