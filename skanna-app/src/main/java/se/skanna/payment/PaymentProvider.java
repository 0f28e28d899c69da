package se.skanna.payment;

/**
 * The port to a payment provider. Adapters start a payment for an amount and can be asked later how it went,
 * which is how a payment whose answer was lost (crash, timeout) is recovered.
 */
public interface PaymentProvider {

    /** The method name clients choose, e.g. "test" or "swish". */
    String method();

    /** Starts a payment; must be idempotent per {@code paymentId}. */
    Outcome start(PaymentRequest request);

    /** How a started payment stands now. */
    Outcome status(PaymentRequest request);

    /**
     * Pays {@code request.amount()} öre of a paid payment back; must be idempotent per {@code refundId}. The
     * outcome's PAID means the refund is confirmed, DECLINED that it failed, PENDING: ask again.
     */
    Outcome refund(RefundRequest request);

    /** How a started refund stands now. */
    Outcome refundStatus(RefundRequest request);

    /**
     * Calls a started, unpaid payment off at the provider, where its protocol allows: CANCELLED once it is off,
     * PAID when the payer was quicker, PENDING when the provider could not say. Empty: this provider cannot call
     * a payment off, so the payment waits for its answer (calling it off here alone could lose a payment made).
     */
    default java.util.Optional<Outcome> cancel(PaymentRequest request) {
        return java.util.Optional.empty();
    }

    record RefundRequest(String refundId, String paymentId, long amount, String currency) {}

    record PaymentRequest(String paymentId, String tripId, long amount, String currency, java.time.Instant createdAt) {}

    /** PENDING means: not known yet, ask again. */
    record Outcome(State state, String providerRef, String reason, String action) {
        public enum State {
            PENDING,
            PAID,
            DECLINED,
            /** The payer or the provider called the payment off before it was paid. */
            CANCELLED
        }

        public static Outcome paid(String ref) {
            return new Outcome(State.PAID, ref, null, null);
        }

        public static Outcome pending(String ref) {
            return new Outcome(State.PENDING, ref, null, null);
        }

        public static Outcome cancelled(String ref, String reason) {
            return new Outcome(State.CANCELLED, ref, reason, null);
        }

        public static Outcome declined(String ref, String reason) {
            return new Outcome(State.DECLINED, ref, reason, null);
        }
    }
}
