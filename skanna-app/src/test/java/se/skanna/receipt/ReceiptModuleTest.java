package se.skanna.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import se.skanna.payment.PaymentCompleted;
import se.skanna.staff.AccessPolicy;
import se.skanna.store.Store;
import se.skanna.store.StoreNetwork;
import se.skanna.store.StoreStatus;
import se.skanna.trip.Cart;
import se.skanna.trip.Trips;

/**
 * The receipt module on its own (Spring Modulith's module test: only its beans, the shared kernel and the signing
 * key; the other modules it uses are stand-ins). A {@link PaymentCompleted} becomes a signed receipt with the
 * store's next number and a journal entry, and {@link ReceiptIssued} follows; no web server is started.
 */
// A database of its own: a module's context lacks other modules' Java migrations (trip's V28 is a bean), so on a
// database the whole application migrated, Flyway would find V28 applied but unknown and refuse to validate.
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.STANDALONE, extraIncludes = "signing")
@TestPropertySource(
        properties = "spring.datasource.url=jdbc:h2:mem:receipt-module;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
@ActiveProfiles("test")
class ReceiptModuleTest {

    @Autowired
    JdbcClient jdbc;

    @MockitoBean
    StoreNetwork stores;

    @MockitoBean
    Trips trips;

    @MockitoBean
    AccessPolicy access;

    @Test
    void a_completed_payment_becomes_a_numbered_receipt_and_a_journal_entry(Scenario scenario) {
        String storeId = "s-rm-" + UUID.randomUUID().toString().substring(0, 8);
        String tripId = "t-" + UUID.randomUUID();
        String paymentId = "p-" + UUID.randomUUID();
        rows(storeId, tripId, paymentId);
        when(stores.get(anyString()))
                .thenReturn(new Store(
                        storeId, "Skanna Test", "Umeå", "Västerbotten", StoreStatus.OPEN, null, Instant.now()));
        Cart cart = new Cart("SEK", List.of(), List.of(), 1795, 0, 0, 1795, List.of(), 1);

        scenario.publish(new PaymentCompleted(
                        paymentId, tripId, storeId, "test", "ref-1", 1795, "SEK", cart, Instant.now()))
                .andWaitForEventOfType(ReceiptIssued.class)
                .matching(issued -> issued.tripId().equals(tripId))
                .toArriveAndVerify(issued -> {
                    assertThat(issued.storeId()).isEqualTo(storeId);
                    assertThat(issued.number()).isEqualTo(1);
                    assertThat(issued.total()).isEqualTo(1795);
                    assertThat(jdbc.sql("select count(*) from journal_entry where store_id = :store"
                                            + " and entry_type = 'RECEIPT' and reference = :receipt")
                                    .param("store", storeId)
                                    .param("receipt", issued.receiptId())
                                    .query(Long.class)
                                    .single())
                            .isEqualTo(1);
                });
    }

    private void rows(String storeId, String tripId, String paymentId) {
        jdbc.sql("insert into store (id, name, city, region, status, updated_at) values"
                        + " (:id, 'Skanna Test', 'Umeå', 'Västerbotten', 'OPEN', current_timestamp)")
                .param("id", storeId)
                .update();
        jdbc.sql("insert into trip (id, store_id, token_hash, status, created_at, last_activity_at, next_line)"
                        + " values (:id, :store, 'x', 'PAID', current_timestamp, current_timestamp, 1)")
                .param("id", tripId)
                .param("store", storeId)
                .update();
        jdbc.sql("insert into payment (id, trip_id, store_id, idempotency_key, request_hash, method, status, amount,"
                        + " currency, cart_snapshot, created_at, updated_at) values (:id, :trip, :store, 'key-module',"
                        + " 'h', 'test', 'PAID', 1795, 'SEK', '{}', current_timestamp, current_timestamp)")
                .param("id", paymentId)
                .param("trip", tripId)
                .param("store", storeId)
                .update();
    }
}
