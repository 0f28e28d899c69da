package se.skanna.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/** A shopper calls off a payment that never confirms (the test method's …14 öre never answers). */
@SkannaTest
class PaymentCancelTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    Api api;
    Store store;
    String neverAnswers;
    String paysAtOnce;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        store = fixtures.store();
        neverAnswers = TestFixtures.gtin();
        paysAtOnce = TestFixtures.gtin();
        fixtures.importCatalog(
                api,
                Map.of(
                        "products",
                        List.of(
                                TestFixtures.product(neverAnswers, "Kaffe", 5914),
                                TestFixtures.product(paysAtOnce, "Te", 3900))));
    }

    @Test
    void a_pending_payment_is_cancelled_and_the_trip_opens_again_for_a_new_attempt() {
        String[] trip = TestFixtures.tripWith(api, store.id(), neverAnswers);
        assertThat(checkout(trip).json().get("status").asString()).isEqualTo("PENDING");
        assertThat(trip(trip).get("status").asString()).isEqualTo("PAYING");

        Api.Response cancelled = cancel(trip, trip[1]);

        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(trip(trip).get("status").asString()).isEqualTo("OPEN");
        assertThat(checkout(trip).json().get("status").asString())
                .as("a new attempt")
                .isEqualTo("PENDING");
    }

    @Test
    void a_paid_payment_cannot_be_cancelled_and_nobody_else_may_cancel() {
        String[] trip = TestFixtures.tripWith(api, store.id(), paysAtOnce);
        assertThat(checkout(trip).json().get("status").asString()).isEqualTo("PAID");

        Api.Response paid = cancel(trip, trip[1]);
        assertThat(paid.status()).isEqualTo(409);
        assertThat(paid.problemCode()).isEqualTo("payment_not_cancellable");
        assertThat(trip(trip).get("status").asString()).isEqualTo("PAID");

        String[] other = TestFixtures.tripWith(api, store.id(), neverAnswers);
        checkout(other);
        Api.Response stranger = cancel(other, trip[1]);
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(trip(other).get("status").asString()).isEqualTo("PAYING");

        String[] unpaid = TestFixtures.tripWith(api, store.id(), paysAtOnce);
        Api.Response none = cancel(unpaid, unpaid[1]);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.problemCode()).isEqualTo("payment_not_found");
    }

    private Api.Response checkout(String[] trip) {
        return api.request("POST", "/api/v1/trips/" + trip[0] + "/checkout")
                .header("Authorization", "Bearer " + trip[1])
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .json(Map.of("method", "test"))
                .send();
    }

    private Api.Response cancel(String[] trip, String token) {
        return api.request("POST", "/api/v1/trips/" + trip[0] + "/payment/cancel")
                .header("Authorization", "Bearer " + token)
                .send();
    }

    private tools.jackson.databind.JsonNode trip(String[] trip) {
        return api.request("GET", "/api/v1/trips/" + trip[0])
                .header("Authorization", "Bearer " + trip[1])
                .send()
                .json();
    }
}
