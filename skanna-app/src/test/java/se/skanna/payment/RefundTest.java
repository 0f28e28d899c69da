package se.skanna.payment;

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
class RefundTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Store store;
    String hq;
    String manager;
    String milk;
    String declined;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        store = fixtures.store();
        hq = fixtures.account(Role.HQ);
        manager = fixtures.account(Role.MANAGER, store.id());
        milk = TestFixtures.gtin();
        declined = TestFixtures.gtin();
        fixtures.importCatalog(
                api,
                Map.of(
                        "products",
                        List.of(
                                TestFixtures.product(milk, "Mellanmjölk", 1795),
                                TestFixtures.product(declined, "Nekas alltid", 1013))));
    }

    /** Starts a trip, scans the codes and checks out with the test provider; answers the payment. */
    JsonNode pay(String... codes) {
        JsonNode started = api.request("POST", "/api/v1/trips")
                .json(Map.of("storeId", store.id()))
                .send()
                .json();
        String tripId = started.get("tripId").asString();
        String token = started.get("token").asString();
        for (String code : codes) {
            Api.Response scanned = api.request("POST", "/api/v1/trips/" + tripId + "/scans")
                    .header("Authorization", "Bearer " + token)
                    .json(Map.of("scanId", UUID.randomUUID().toString(), "code", code))
                    .send();
            assertThat(scanned.status()).as(scanned.body()).isEqualTo(200);
        }
        Api.Response paid = api.request("POST", "/api/v1/trips/" + tripId + "/checkout")
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", "key-" + UUID.randomUUID())
                .json(Map.of("method", "test"))
                .send();
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        return paid.json();
    }

    Api.Response refund(String user, String paymentId, String key, Object body) {
        Api.Request request = api.request("POST", "/api/v1/payments/" + paymentId + "/refunds");
        if (user != null) {
            request = request.as(user, TestFixtures.PASSWORD);
        }
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.json(body).send();
    }

    Api.Response refund(String paymentId, String key, long amount) {
        return refund(manager, paymentId, key, Map.of("amount", amount, "reason", "Trasig förpackning"));
    }

    static String key() {
        return "refund-" + UUID.randomUUID();
    }

    long journalEntries(String reference) {
        return jdbc.sql("select count(*) from journal_entry where reference = :r")
                .param("r", reference)
                .query(Long.class)
                .single();
    }

    long lastReceiptNumber() {
        return jdbc.sql("select last_receipt_number from store_ledger where store_id = :s")
                .param("s", store.id())
                .query(Long.class)
                .single();
    }

    JsonNode verifyJournal() {
        return verifyJournal("");
    }

    JsonNode verifyJournal(String query) {
        Api.Response verified = api.request("GET", "/api/v1/stores/" + store.id() + "/journal/verification" + query)
                .as(manager, TestFixtures.PASSWORD)
                .send();
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        return verified.json();
    }

    @Test
    void a_payment_is_refunded_in_parts_but_never_beyond_its_amount() {
        String paymentId = pay(milk).get("paymentId").asString();

        Api.Response part = refund(paymentId, key(), 1000);
        Api.Response rest = refund(paymentId, key(), 795);
        Api.Response more = refund(paymentId, key(), 1);

        assertThat(part.status()).as(part.body()).isEqualTo(200);
        assertThat(part.json().get("status").asString()).isEqualTo("REFUNDED");
        assertThat(part.json().get("requestedBy").asString()).isEqualTo(manager);
        assertThat(rest.status()).as(rest.body()).isEqualTo(200);
        assertThat(rest.json().get("status").asString()).isEqualTo("REFUNDED");
        assertThat(more.status()).as(more.body()).isEqualTo(422);
        assertThat(more.problemCode()).isEqualTo("refund_exceeds_payment");
        Api.Response listed = api.request("GET", "/api/v1/payments/" + paymentId + "/refunds")
                .as(hq, TestFixtures.PASSWORD)
                .send();
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().size()).isEqualTo(2);
    }

    @Test
    void the_same_key_gives_the_same_refund_and_another_request_with_it_is_refused() {
        String paymentId = pay(milk).get("paymentId").asString();
        String key = key();

        Api.Response first = refund(paymentId, key, 500);
        Api.Response again = refund(paymentId, key, 500);
        Api.Response other = refund(paymentId, key, 600);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("refundId").asString())
                .isEqualTo(first.json().get("refundId").asString());
        assertThat(other.status()).as(other.body()).isEqualTo(422);
        assertThat(other.problemCode()).isEqualTo("idempotency_key_reused");
        assertThat(jdbc.sql("select count(*) from refund where payment_id = :p")
                        .param("p", paymentId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(journalEntries(first.json().get("refundId").asString())).isEqualTo(1);
    }

    @Test
    void only_the_stores_managers_and_hq_may_refund() {
        String paymentId = pay(milk).get("paymentId").asString();
        String staff = fixtures.account(Role.STAFF, store.id());
        String otherManager = fixtures.account(Role.MANAGER, fixtures.store().id());
        Map<String, Object> body = Map.of("amount", 100, "reason", "Fel pris");

        assertThat(refund(staff, paymentId, key(), body).status()).isEqualTo(403);
        assertThat(refund(otherManager, paymentId, key(), body).status()).isEqualTo(403);
        assertThat(refund(null, paymentId, key(), body).status()).isEqualTo(401);
        assertThat(api.request("GET", "/api/v1/payments/" + paymentId + "/refunds")
                        .as(otherManager, TestFixtures.PASSWORD)
                        .send()
                        .status())
                .isEqualTo(403);
        assertThat(refund(hq, paymentId, key(), body).status()).isEqualTo(200);
    }

    @Test
    void bad_requests_are_refused() {
        String paymentId = pay(milk).get("paymentId").asString();

        assertThat(refund(paymentId, key(), 0).problemCode()).isEqualTo("validation_failed");
        assertThat(refund(manager, paymentId, null, Map.of("amount", 100, "reason", "x"))
                        .problemCode())
                .isEqualTo("validation_failed");
        assertThat(refund(manager, paymentId, key(), Map.of("amount", 100, "reason", "x", "extra", 1))
                        .status())
                .isEqualTo(400);
        assertThat(refund(manager, "p-" + UUID.randomUUID(), key(), Map.of("amount", 100, "reason", "x"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void an_unpaid_payment_cannot_be_refunded() {
        JsonNode failed = pay(declined);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");

        Api.Response refused = refund(failed.get("paymentId").asString(), key(), 100);

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.problemCode()).isEqualTo("not_paid");
    }

    @Test
    void a_declined_refund_fails_and_is_not_journalled() {
        String paymentId = pay(milk).get("paymentId").asString();

        Api.Response refused = refund(paymentId, key(), 113);

        assertThat(refused.status()).as(refused.body()).isEqualTo(200);
        assertThat(refused.json().get("status").asString()).isEqualTo("FAILED");
        assertThat(journalEntries(refused.json().get("refundId").asString())).isZero();
        // a failed refund does not count against the payment
        assertThat(refund(paymentId, key(), 1795).json().get("status").asString())
                .isEqualTo("REFUNDED");
    }

    @Test
    void refunds_are_journalled_without_using_receipt_numbers_and_verified_against_their_json() {
        String first = pay(milk).get("paymentId").asString();
        long numberBefore = lastReceiptNumber();

        String refundId = refund(first, key(), 300).json().get("refundId").asString();

        assertThat(lastReceiptNumber()).isEqualTo(numberBefore);
        pay(milk);
        assertThat(lastReceiptNumber()).isEqualTo(numberBefore + 1);
        JsonNode valid = verifyJournal();
        assertThat(valid.get("valid").asBoolean()).as(valid.toString()).isTrue();
        assertThat(valid.get("entries").asLong()).isEqualTo(3);
        long seq = jdbc.sql("select seq from journal_entry where reference = :r and entry_type = 'REFUND'")
                .param("r", refundId)
                .query(Long.class)
                .single();

        // the journal keeps the refund's JSON it hashed with its entry (the refund row is the payment module's)
        assertThat(jdbc.sql("select body from journal_entry where reference = :r")
                        .param("r", refundId)
                        .query(String.class)
                        .single())
                .isEqualTo(jdbc.sql("select body from refund where id = :id")
                        .param("id", refundId)
                        .query(String.class)
                        .single());
        jdbc.sql("update journal_entry set body = replace(body, '300', '30') where reference = :id")
                .param("id", refundId)
                .update();

        // the first check left a checkpoint after the refund's entry: only a full walk reads it again
        JsonNode broken = verifyJournal("?full=true");
        assertThat(broken.get("valid").asBoolean()).isFalse();
        assertThat(broken.get("firstBrokenEntry").asLong()).isEqualTo(seq);
    }

    @Test
    void a_refund_body_that_breaks_a_field_rule_is_refused_naming_the_field_and_nothing_is_refunded() {
        String paymentId = pay(milk).get("paymentId").asString();
        Map<String, Object> noAmount = new java.util.HashMap<>();
        noAmount.put("reason", "Trasig");
        Map<String, Object> nullReason = new java.util.HashMap<>();
        nullReason.put("amount", 100);
        nullReason.put("reason", null);
        List<Object[]> cases = List.of(
                new Object[] {noAmount, "amount", "Give the amount to refund in öre, at least 1."},
                new Object[] {
                    Map.of("amount", 0, "reason", "Trasig"), "amount", "Give the amount to refund in öre, at least 1."
                },
                new Object[] {
                    Map.of("amount", -5, "reason", "Trasig"), "amount", "Give the amount to refund in öre, at least 1."
                },
                new Object[] {nullReason, "reason", "Give a reason of 1–200 characters."},
                new Object[] {Map.of("amount", 100, "reason", "   "), "reason", "Give a reason of 1–200 characters."},
                new Object[] {
                    Map.of("amount", 100, "reason", "x".repeat(201)), "reason", "Give a reason of 1–200 characters."
                });

        for (Object[] bad : cases) {
            Api.Response refused = refund(manager, paymentId, key(), bad[0]);

            assertThat(refused.status()).as(refused.body()).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.problemCode()).isEqualTo("validation_failed");
            assertThat(refused.json().get("detail").asString()).isEqualTo(bad[2]);
            assertThat(refused.json().at("/errors/0/path").asString()).isEqualTo(bad[1]);
            assertThat(refused.json().at("/errors/0/reason").asString()).isEqualTo(bad[2]);
            assertThat(refused.json().get("errors").size()).isEqualTo(1);
        }
        Api.Response both = refund(manager, paymentId, key(), Map.of("amount", 0, "reason", ""));
        assertThat(both.json()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("path").asString()))
                .containsExactly("amount", "reason");
        assertThat(jdbc.sql("select count(*) from refund where payment_id = :p")
                        .param("p", paymentId)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(refund(paymentId, key(), 100).status()).isEqualTo(200);
    }
}
