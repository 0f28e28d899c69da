package se.skanna.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/**
 * Payment recovery looks at every PENDING payment: a payment the provider has confirmed settles within seconds
 * even behind more stuck payments than one batch holds (it used to look only at the 100 oldest).
 */
@SkannaTest
class PaymentRecoveryTest {

    private static final int STUCK = 120;

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_confirmed_payment_settles_within_seconds_behind_many_that_never_answer() throws Exception {
        Api api = new Api(port);
        Store store = fixtures.store();
        String neverAnswers = TestFixtures.gtin();
        String late = TestFixtures.gtin();
        fixtures.importCatalog(
                api,
                Map.of(
                        "products",
                        List.of(
                                TestFixtures.product(neverAnswers, "Svarar aldrig", 1014),
                                TestFixtures.product(late, "Sen betalning", 1015))));
        List<String> stuck = new ArrayList<>();
        try (ExecutorService shoppers = Executors.newFixedThreadPool(8)) {
            List<Future<String>> started = new ArrayList<>();
            for (int i = 0; i < STUCK; i++) {
                started.add(shoppers.submit(() -> pay(api, TestFixtures.tripWith(api, store.id(), neverAnswers))));
            }
            for (Future<String> trip : started) {
                stuck.add(trip.get());
            }
        }
        assertThat(stuck).allSatisfy(trip -> assertThat(status(trip)).isEqualTo("PENDING"));

        String confirmed = pay(api, TestFixtures.tripWith(api, store.id(), late));

        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!"PAID".equals(status(confirmed)) && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        assertThat(status(confirmed))
                .as("the provider said PAID after 2 s; nobody asked but recovery")
                .isEqualTo("PAID");
        assertThat(checks(stuck.getFirst()))
                .as("the stuck ones are looked at too, with backoff")
                .isBetween(1, 6);
    }

    private static String pay(Api api, String[] trip) {
        Api.Response paying = api.request("POST", "/api/v1/trips/" + trip[0] + "/checkout")
                .header("Authorization", "Bearer " + trip[1])
                .header("Idempotency-Key", "key-" + UUID.randomUUID())
                .json(Map.of("method", "test"))
                .send();
        assertThat(paying.status()).as(paying.body()).isIn(200, 202);
        assertThat(paying.json().get("status").asString()).isEqualTo("PENDING");
        return trip[0];
    }

    /** Straight from the database: asking the API would make this node look at the payment itself. */
    private String status(String tripId) {
        return jdbc.sql("select status from payment where trip_id = :trip")
                .param("trip", tripId)
                .query(String.class)
                .single();
    }

    private int checks(String tripId) {
        return jdbc.sql("select checks from payment where trip_id = :trip")
                .param("trip", tripId)
                .query(Integer.class)
                .single();
    }
}
