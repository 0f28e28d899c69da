package se.skanna.payment;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The embedded default provider: pays at once, except for amounts whose last two öre digits trigger another
 * path, so every path can be exercised end to end (docs/payments.md):
 * <ul>
 *   <li>{@code …13} declined;
 *   <li>{@code …14} timeout: never answers, the payment stays PENDING until it is given up;
 *   <li>{@code …15} late success: PENDING at first, PAID when asked again after two seconds.
 * </ul>
 * Refunds are confirmed at once, except amounts ending in {@code …13} öre, which are declined.
 * The answer depends only on the request, so it is the same after a restart. For crash tests,
 * {@code skanna.payment.test.halt-after-success=true} stops the whole process the moment the provider has
 * said PAID and before Skanna has recorded it, the worst moment for a crash.
 */
@Component
@Conditional(TestPaymentsSwitch.class)
class TestPaymentProvider implements PaymentProvider {

    private static final Logger log = LoggerFactory.getLogger(TestPaymentProvider.class);

    static final Duration LATE_SUCCESS_AFTER = Duration.ofSeconds(2);

    private final Clock clock;
    private final boolean haltAfterSuccess;

    TestPaymentProvider(
            Clock clock,
            @org.springframework.beans.factory.annotation.Value("${skanna.payment.test.halt-after-success:false}")
                    boolean haltAfterSuccess) {
        this.clock = clock;
        this.haltAfterSuccess = haltAfterSuccess;
        String bar = "*".repeat(TestPaymentsInfo.WARNING.length());
        log.warn("\n{}\n{}\n{}", bar, TestPaymentsInfo.WARNING, bar);
    }

    @Override
    public String method() {
        return "test";
    }

    @Override
    public Outcome start(PaymentRequest request) {
        Outcome outcome = decide(request);
        if (haltAfterSuccess && outcome.state() == Outcome.State.PAID) {
            Runtime.getRuntime().halt(137);
        }
        return outcome;
    }

    @Override
    public Outcome status(PaymentRequest request) {
        return decide(request);
    }

    @Override
    public Outcome refund(RefundRequest request) {
        return decideRefund(request);
    }

    @Override
    public Outcome refundStatus(RefundRequest request) {
        return decideRefund(request);
    }

    private static Outcome decideRefund(RefundRequest request) {
        String ref = "test-" + request.refundId();
        return request.amount() % 100 == 13
                ? Outcome.declined(ref, "Refund declined by the test provider (amount ends in 13 öre).")
                : Outcome.paid(ref);
    }

    private Outcome decide(PaymentRequest request) {
        String ref = "test-" + request.paymentId();
        return switch ((int) (request.amount() % 100)) {
            case 13 -> Outcome.declined(ref, "Declined by the test provider (amount ends in 13 öre).");
            case 14 -> Outcome.pending(ref);
            case 15 ->
                clock.instant().isBefore(request.createdAt().plus(LATE_SUCCESS_AFTER))
                        ? Outcome.pending(ref)
                        : Outcome.paid(ref);
            default -> Outcome.paid(ref);
        };
    }
}
