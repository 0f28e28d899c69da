package se.skanna.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.skanna.payment.PaymentRepository.Status;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/** A payment ends once: PENDING → PAID | FAILED | CANCELLED, and the database update checks it. */
@SkannaTest
class PaymentTransitionsTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    PaymentRepository payments;

    @Autowired
    JdbcClient jdbc;

    @Test
    void only_a_pending_payment_may_end_and_only_into_an_end_state() {
        for (Status from : Status.values()) {
            for (Status to : Status.values()) {
                assertThat(from.canBecome(to))
                        .as(from + " → " + to)
                        .isEqualTo(from == Status.PENDING && to != Status.PENDING);
            }
        }
    }

    @Test
    void a_paid_payment_cannot_be_failed_or_cancelled_afterwards_and_keeps_its_store() {
        Api api = new Api(port);
        Store store = fixtures.store();
        String milk = TestFixtures.gtin();
        fixtures.importCatalog(api, Map.of("products", List.of(TestFixtures.product(milk, "Mellanmjölk 1 l", 1795))));
        String[] trip = TestFixtures.tripWith(api, store.id(), milk);
        Api.Response paid = api.request("POST", "/api/v1/trips/" + trip[0] + "/checkout")
                .header("Authorization", "Bearer " + trip[1])
                .header("Idempotency-Key", "key-" + UUID.randomUUID())
                .json(Map.of("method", "test"))
                .send();
        String paymentId = paid.json().get("paymentId").asString();

        for (Status late : EnumSet.of(Status.FAILED, Status.CANCELLED, Status.PAID)) {
            assertThatThrownBy(() -> payments.finish(paymentId, late, "late", "a late answer", Instant.now()))
                    .isInstanceOfSatisfying(
                            ProblemException.class,
                            problem -> assertThat(problem.code()).isEqualTo(ErrorCode.PAYMENT_ALREADY_FINISHED));
        }
        assertThatThrownBy(() -> payments.finish(paymentId, Status.PENDING, null, null, Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);

        PaymentRepository.PaymentRow row = payments.byId(paymentId).orElseThrow();
        assertThat(row.status()).isEqualTo(Status.PAID);
        assertThat(row.failureReason()).isNull();
        assertThat(jdbc.sql("select store_id from payment where id = :id")
                        .param("id", paymentId)
                        .query(String.class)
                        .single())
                .isEqualTo(store.id());
    }
}
