package se.skanna.payment;

import static se.skanna.shared.Times.instant;
import static se.skanna.shared.Times.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PaymentRepository {

    private final JdbcClient jdbc;

    PaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** PENDING → PAID | FAILED | CANCELLED; a finished payment never changes again. */
    enum Status {
        PENDING,
        PAID,
        FAILED,
        CANCELLED;

        boolean canBecome(Status next) {
            return this == PENDING && next != PENDING;
        }
    }

    record PaymentRow(
            String id,
            String tripId,
            String idempotencyKey,
            String requestHash,
            String method,
            Status status,
            long amount,
            String currency,
            String providerRef,
            String failureReason,
            Instant createdAt,
            String action) {}

    /** The cart exactly as it was paid for: the receipt is made from it, whatever changes later. */
    String cartSnapshot(String paymentId) {
        return jdbc.sql("select cart_snapshot from payment where id = :id")
                .param("id", paymentId)
                .query(String.class)
                .single();
    }

    void insert(PaymentRow payment, String storeId, String cartSnapshot) {
        jdbc.sql("insert into payment (id, trip_id, store_id, idempotency_key, request_hash, method, status, amount,"
                        + " currency, cart_snapshot, created_at, updated_at, next_check_at) values (:id, :trip, :store,"
                        + " :key, :hash, :method, :status, :amount, :currency, :cart, :at, :at, :at)")
                .param("cart", cartSnapshot)
                .param("store", storeId)
                .param("id", payment.id())
                .param("trip", payment.tripId())
                .param("key", payment.idempotencyKey())
                .param("hash", payment.requestHash())
                .param("method", payment.method())
                .param("status", payment.status().name())
                .param("amount", payment.amount())
                .param("currency", payment.currency())
                .param("at", utc(payment.createdAt()))
                .update();
    }

    Optional<PaymentRow> byId(String id) {
        return jdbc.sql("select * from payment where id = :id")
                .param("id", id)
                .query((rs, n) -> row(rs))
                .optional();
    }

    Optional<PaymentRow> byKey(String tripId, String key) {
        return jdbc.sql("select * from payment where trip_id = :trip and idempotency_key = :key")
                .param("trip", tripId)
                .param("key", key)
                .query((rs, n) -> row(rs))
                .optional();
    }

    Optional<PaymentRow> lock(String id) {
        return jdbc.sql("select * from payment where id = :id for update")
                .param("id", id)
                .query((rs, n) -> row(rs))
                .optional();
    }

    Optional<PaymentRow> latestForTrip(String tripId) {
        return jdbc.sql("select * from payment where trip_id = :trip order by created_at desc, id desc limit 1")
                .param("trip", tripId)
                .query((rs, n) -> row(rs))
                .optional();
    }

    /** Claims due PENDING payments for this node's recovery ({@link RecoveryClaims}). Call in a transaction. */
    List<PaymentRow> claimDue(Instant now, int limit, java.util.function.IntFunction<java.time.Duration> backoff) {
        return RecoveryClaims.claimDue(jdbc, "payment", PaymentRepository::row, PaymentRow::id, now, limit, backoff);
    }

    /** What the shopper's app must do next (the provider's {@code action}); kept while the payment runs. */
    void recordAction(String id, String action) {
        jdbc.sql("update payment set action = :action where id = :id")
                .param("action", action)
                .param("id", id)
                .update();
    }

    /**
     * Ends a PENDING payment. The update checks the state it expects, so a payment finished meanwhile (by another
     * node, a callback, a late provider answer) is never overwritten: that is refused as PAYMENT_ALREADY_FINISHED.
     */
    void finish(String id, Status status, String providerRef, String reason, Instant at) {
        if (!Status.PENDING.canBecome(status)) {
            throw new IllegalArgumentException("A payment cannot become " + status);
        }
        int updated = jdbc.sql("update payment set status = :status, provider_ref = :ref, failure_reason = :reason,"
                        + " updated_at = :at where id = :id and status = 'PENDING'")
                .param("status", status.name())
                .param("ref", providerRef)
                .param("reason", reason)
                .param("at", utc(at))
                .param("id", id)
                .update();
        if (updated != 1) {
            throw new se.skanna.shared.ProblemException(
                    se.skanna.shared.ErrorCode.PAYMENT_ALREADY_FINISHED,
                    "Payment " + id + " is no longer pending; it cannot become " + status + ".",
                    java.util.Map.of("to", status.name()));
        }
    }

    private static PaymentRow row(ResultSet rs) throws SQLException {
        return new PaymentRow(
                rs.getString("id"),
                rs.getString("trip_id"),
                rs.getString("idempotency_key"),
                rs.getString("request_hash"),
                rs.getString("method"),
                Status.valueOf(rs.getString("status")),
                rs.getLong("amount"),
                rs.getString("currency"),
                rs.getString("provider_ref"),
                rs.getString("failure_reason"),
                instant(rs, "created_at"),
                rs.getString("action"));
    }
}
