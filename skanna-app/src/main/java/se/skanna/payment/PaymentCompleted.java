package se.skanna.payment;

import java.time.Instant;
import se.skanna.trip.Cart;

/**
 * A payment has been confirmed by its provider. Published inside the transaction that marks the payment PAID
 * and the trip paid, so a listener that must be consistent with it (the receipt and its journal entry) reacts
 * in that same transaction with {@code @EventListener}; a failure there rolls the payment back to PENDING, to
 * be finished by recovery. {@code cart} is the cart exactly as it was paid for.
 */
public record PaymentCompleted(
        String paymentId,
        String tripId,
        String storeId,
        String method,
        String providerRef,
        long amount,
        String currency,
        Cart cart,
        Instant paidAt) {}
