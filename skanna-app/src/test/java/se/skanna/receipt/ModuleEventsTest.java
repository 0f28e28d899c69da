package se.skanna.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.modulith.events.IncompleteEventPublications;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/**
 * A payment reaches the receipt module as an event in the payment's own transaction, and the receipt goes on as
 * {@link ReceiptIssued} through the event publication registry: an after-commit listener that fails keeps its
 * publication in {@code event_publication} until it is handed on again, and a handled one leaves nothing behind.
 */
@SkannaTest
@Import(ModuleEventsTest.Listeners.class)
class ModuleEventsTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Listeners listeners;

    @Autowired
    IncompleteEventPublications incomplete;

    @Test
    void a_sale_is_announced_once_committed_and_a_failed_listener_gets_it_again() {
        Api api = new Api(port);
        Store store = fixtures.store();
        String milk = TestFixtures.gtin();
        fixtures.importCatalog(api, Map.of("products", List.of(TestFixtures.product(milk, "Mellanmjölk 1 l", 1795))));
        String[] trip = TestFixtures.tripWith(api, store.id(), milk, milk);
        listeners.failNextOnce();

        Api.Response paid = api.request("POST", "/api/v1/trips/" + trip[0] + "/checkout")
                .header("Authorization", "Bearer " + trip[1])
                .header("Idempotency-Key", "key-" + UUID.randomUUID())
                .json(Map.of("method", "test"))
                .send();

        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        String receiptId = jdbc.sql("select id from receipt where trip_id = :trip")
                .param("trip", trip[0])
                .query(String.class)
                .single();
        within(FIVE_SECONDS, () -> listeners.failed(receiptId));
        assertThat(listeners.received(receiptId)).isNull();
        within(FIVE_SECONDS, () -> publicationsFor(receiptId) == 1);

        incomplete.resubmitIncompletePublications(publication -> publication.getEvent() instanceof ReceiptIssued issued
                && issued.receiptId().equals(receiptId));

        within(FIVE_SECONDS, () -> listeners.received(receiptId) != null);
        ReceiptIssued issued = listeners.received(receiptId);
        assertThat(issued.storeId()).isEqualTo(store.id());
        assertThat(issued.tripId()).isEqualTo(trip[0]);
        assertThat(issued.total()).isEqualTo(3590);
        assertThat(issued.currency()).isEqualTo("SEK");
        assertThat(issued.number()).isEqualTo(1);
        within(FIVE_SECONDS, () -> publicationsFor(receiptId) == 0);
    }

    @Test
    void a_payment_that_is_not_paid_issues_no_receipt_and_announces_nothing() {
        Api api = new Api(port);
        Store store = fixtures.store();
        String declined = TestFixtures.gtin();
        // the test method declines a total ending in 13 öre (docs/checkout.md)
        fixtures.importCatalog(api, Map.of("products", List.of(TestFixtures.product(declined, "Nekas alltid", 1013))));
        String[] trip = TestFixtures.tripWith(api, store.id(), declined);

        Api.Response failed = api.request("POST", "/api/v1/trips/" + trip[0] + "/checkout")
                .header("Authorization", "Bearer " + trip[1])
                .header("Idempotency-Key", "key-" + UUID.randomUUID())
                .json(Map.of("method", "test"))
                .send();

        assertThat(failed.json().get("status").asString()).isEqualTo("FAILED");
        assertThat(jdbc.sql("select count(*) from receipt where trip_id = :trip")
                        .param("trip", trip[0])
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(listeners.receivedForTrip(trip[0])).isFalse();
    }

    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

    private static void within(Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("still not so after " + timeout).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private long publicationsFor(String receiptId) {
        return jdbc.sql("select count(*) from event_publication where serialized_event like :id")
                .param("id", "%" + receiptId + "%")
                .query(Long.class)
                .single();
    }

    /** An after-commit listener of {@link ReceiptIssued}, as the webhooks will be; imported as a plain bean. */
    static class Listeners {

        // the bean is a proxy (asynchronous, transactional listener): the test reads these through methods
        private final AtomicBoolean failOnce = new AtomicBoolean();
        private final Set<String> failures = ConcurrentHashMap.newKeySet();
        private final Map<String, ReceiptIssued> received = new ConcurrentHashMap<>();

        void failNextOnce() {
            failOnce.set(true);
        }

        boolean failed(String receiptId) {
            return failures.contains(receiptId);
        }

        ReceiptIssued received(String receiptId) {
            return received.get(receiptId);
        }

        @ApplicationModuleListener
        void on(ReceiptIssued issued) {
            if (failOnce.compareAndSet(true, false)) {
                failures.add(issued.receiptId());
                throw new IllegalStateException("a listener that is down this once");
            }
            received.put(issued.receiptId(), issued);
        }

        boolean receivedForTrip(String tripId) {
            return received.values().stream().anyMatch(issued -> issued.tripId().equals(tripId));
        }
    }
}
