package se.skanna.payment;

import java.time.Instant;

/**
 * A refund has been confirmed by its provider. Published inside the transaction that marks it REFUNDED, so the
 * store's journal records it in that same transaction. {@code body} is the refund's canonical JSON as stored with
 * it; its SHA-256 is the journal entry's payload hash.
 */
public record RefundCompleted(
        String refundId, String paymentId, String storeId, long amount, String body, Instant at) {}
