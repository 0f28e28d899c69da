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
class RefundRepository {

    private final JdbcClient jdbc;

    RefundRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    enum Status {
        PENDING,
        REFUNDED,
        FAILED
    }

    record RefundRow(
            String id,
            String paymentId,
            String storeId,
            String idempotencyKey,
            String requestHash,
            long amount,
            String currency,
            String reason,
            String requestedBy,
            Status status,
            String providerRef,
            String failureReason,
            Instant createdAt) {}

    void insert(RefundRow refund) {
        jdbc.sql("insert into refund (id, payment_id, store_id, idempotency_key, request_hash, amount, currency,"
                        + " reason, requested_by, status, created_at, updated_at, next_check_at) values (:id, :payment,"
                        + " :store, :key, :hash, :amount, :currency, :reason, :by, :status, :at, :at, :at)")
                .param("id", refund.id())
                .param("payment", refund.paymentId())
                .param("store", refund.storeId())
                .param("key", refund.idempotencyKey())
                .param("hash", refund.requestHash())
                .param("amount", refund.amount())
                .param("currency", refund.currency())
                .param("reason", refund.reason())
                .param("by", refund.requestedBy())
                .param("status", refund.status().name())
                .param("at", utc(refund.createdAt()))
                .update();
    }

    Optional<RefundRow> byKey(String paymentId, String key) {
        return jdbc.sql("select * from refund where payment_id = :payment and idempotency_key = :key")
                .param("payment", paymentId)
                .param("key", key)
                .query((rs, n) -> row(rs))
                .optional();
    }

    Optional<RefundRow> lock(String id) {
        return jdbc.sql("select * from refund where id = :id for update")
                .param("id", id)
                .query((rs, n) -> row(rs))
                .optional();
    }

    List<RefundRow> forPayment(String paymentId) {
        return jdbc.sql("select * from refund where payment_id = :payment order by created_at, id")
                .param("payment", paymentId)
                .query((rs, n) -> row(rs))
                .list();
    }

    /** Claims due PENDING refunds for this node's recovery ({@link RecoveryClaims}). Call in a transaction. */
    List<RefundRow> claimDue(Instant now, int limit, java.util.function.IntFunction<java.time.Duration> backoff) {
        return RecoveryClaims.claimDue(jdbc, "refund", RefundRepository::row, RefundRow::id, now, limit, backoff);
    }

    /** What is refunded or on its way back: everything but failed refunds. */
    long committed(String paymentId) {
        return jdbc.sql("select coalesce(sum(amount), 0) from refund where payment_id = :payment"
                        + " and status <> 'FAILED'")
                .param("payment", paymentId)
                .query(Long.class)
                .single();
    }

    /** Whether the trip's paid payment is refunded (or on its way back) in full. */
    boolean tripFullyRefunded(String tripId) {
        return jdbc.sql("select count(*) from payment p where p.trip_id = :trip and p.status = 'PAID'"
                                + " and p.amount <= (select coalesce(sum(r.amount), 0) from refund r"
                                + " where r.payment_id = p.id and r.status <> 'FAILED')")
                        .param("trip", tripId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    void fail(String id, String providerRef, String reason, Instant at) {
        finished(
                id,
                Status.FAILED,
                jdbc.sql("update refund set status = 'FAILED', provider_ref = :ref, failure_reason = :reason,"
                                + " updated_at = :at where id = :id and status = 'PENDING'")
                        .param("ref", providerRef)
                        .param("reason", reason)
                        .param("at", utc(at))
                        .param("id", id)
                        .update());
    }

    /** Marks a refund confirmed and stores its canonical JSON, the journal entry's payload. */
    void refunded(String id, String providerRef, String body, Instant at) {
        finished(
                id,
                Status.REFUNDED,
                jdbc.sql("update refund set status = 'REFUNDED', provider_ref = :ref, body = :body, updated_at = :at"
                                + " where id = :id and status = 'PENDING'")
                        .param("ref", providerRef)
                        .param("body", body)
                        .param("at", utc(at))
                        .param("id", id)
                        .update());
    }

    /** A refund ends once: PENDING → REFUNDED | FAILED. An update that found it no longer PENDING is refused. */
    private static void finished(String id, Status to, int updated) {
        if (updated != 1) {
            throw new se.skanna.shared.ProblemException(
                    se.skanna.shared.ErrorCode.PAYMENT_ALREADY_FINISHED,
                    "Refund " + id + " is no longer pending; it cannot become " + to + ".",
                    java.util.Map.of("to", to.name()));
        }
    }

    private static RefundRow row(ResultSet rs) throws SQLException {
        return new RefundRow(
                rs.getString("id"),
                rs.getString("payment_id"),
                rs.getString("store_id"),
                rs.getString("idempotency_key"),
                rs.getString("request_hash"),
                rs.getLong("amount"),
                rs.getString("currency"),
                rs.getString("reason"),
                rs.getString("requested_by"),
                Status.valueOf(rs.getString("status")),
                rs.getString("provider_ref"),
                rs.getString("failure_reason"),
                instant(rs, "created_at"));
    }
}
