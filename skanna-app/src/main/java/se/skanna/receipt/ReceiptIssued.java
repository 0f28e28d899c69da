package se.skanna.receipt;

import java.time.Instant;

/**
 * A receipt has been issued and journalled. Published in the transaction of the sale; after-commit listeners
 * ({@code @ApplicationModuleListener}) receive it through the event publication registry, so a crash between the
 * commit and their handling does not lose it. Webhooks and a message broker will be fed from it.
 */
public record ReceiptIssued(
        String receiptId,
        String storeId,
        long number,
        String tripId,
        String paymentId,
        long total,
        String currency,
        Instant issuedAt) {}
