package se.skanna.payment;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import se.skanna.payment.PaymentProvider.Outcome;
import se.skanna.payment.PaymentProvider.RefundRequest;
import se.skanna.payment.PaymentRepository.PaymentRow;
import se.skanna.payment.RefundRepository.RefundRow;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.IdempotencyKey;
import se.skanna.shared.Money;
import se.skanna.shared.ProblemException;
import se.skanna.shared.Sha256;
import se.skanna.staff.ActionLog;
import se.skanna.staff.StaffPrincipal;
import se.skanna.trip.Trips;
import tools.jackson.databind.ObjectMapper;

/**
 * Refunds of paid payments: PENDING → REFUNDED | FAILED. An idempotency key per payment makes a retried request
 * return the same refund; the refunds of a payment (all but failed ones) never add up to more than it. A refund
 * confirmed by the provider is marked REFUNDED and journalled in the payment's store in one transaction.
 */
@Service
public class Refunds {

    private static final Logger log = LoggerFactory.getLogger(Refunds.class);

    private final PaymentRepository payments;
    private final RefundRepository refunds;
    private final Map<String, PaymentProvider> providers;
    private final Trips trips;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final ActionLog actions;
    private final Clock clock;

    Refunds(
            PaymentRepository payments,
            RefundRepository refunds,
            List<PaymentProvider> providers,
            Trips trips,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            ObjectMapper json,
            ActionLog actions,
            Clock clock) {
        this.payments = payments;
        this.refunds = refunds;
        this.providers = providers.stream().collect(Collectors.toMap(PaymentProvider::method, Function.identity()));
        this.trips = trips;
        this.events = events;
        this.transactions = transactions;
        this.json = json;
        this.actions = actions;
        this.clock = clock;
    }

    public record RefundView(
            String refundId,
            String paymentId,
            String storeId,
            long amount,
            String currency,
            String reason,
            String requestedBy,
            String status,
            String providerRef,
            String failureReason,
            Instant createdAt) {}

    /** The store a payment was made in (for the caller's access check). */
    public String storeOfPayment(String paymentId) {
        PaymentRow payment = payments.byId(paymentId)
                .orElseThrow(() ->
                        new ProblemException(ErrorCode.PAYMENT_NOT_FOUND, "There is no payment " + paymentId + "."));
        return trips.storeOf(payment.tripId());
    }

    /**
     * Whether a trip's payment is refunded in full: its refunds, confirmed or still pending (all but failed
     * ones), add up to the whole payment. Such a trip gets no exit pass, and its pass no longer passes.
     */
    public boolean fullyRefunded(String tripId) {
        return refunds.tripFullyRefunded(tripId);
    }

    static final String AMOUNT_RULE = "Give the amount to refund in öre, at least 1.";
    static final String REASON_RULE = "Give a reason of 1–200 characters.";

    public RefundView refund(String paymentId, String key, Long amount, String reason, StaffPrincipal requestedBy) {
        IdempotencyKey.of(key);
        if (amount == null || amount < 1) {
            throw ProblemException.invalidField("amount", AMOUNT_RULE);
        }
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            throw ProblemException.invalidField("reason", REASON_RULE);
        }
        String storeId = storeOfPayment(paymentId);
        RefundRow refund =
                transactions.execute(status -> begin(paymentId, storeId, key, amount, reason.strip(), requestedBy));
        if (refund.status() != RefundRepository.Status.PENDING) {
            return view(refund);
        }
        PaymentProvider provider =
                providers.get(payments.byId(paymentId).orElseThrow().method());
        if (provider == null) {
            log.warn("Refund {} waits: payment method of {} is not offered on this node", refund.id(), paymentId);
            return view(refund);
        }
        Outcome outcome;
        try {
            outcome = provider.refund(request(refund));
        } catch (RuntimeException e) {
            log.warn("Refund {} could not be started; it stays PENDING and is asked about again", refund.id(), e);
            return view(refund);
        }
        return view(complete(refund.id(), outcome));
    }

    private RefundRow begin(
            String paymentId, String storeId, String key, long amount, String reason, StaffPrincipal by) {
        PaymentRow payment = payments.lock(paymentId).orElseThrow();
        String requestHash = sha256(amount + "|" + reason);
        var earlier = refunds.byKey(paymentId, key);
        if (earlier.isPresent()) {
            if (!earlier.get().requestHash().equals(requestHash)) {
                throw new ProblemException(
                        ErrorCode.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was used for a different refund of this payment.");
            }
            return earlier.get();
        }
        if (payment.status() != PaymentRepository.Status.PAID) {
            throw new ProblemException(
                    ErrorCode.NOT_PAID,
                    "Only a paid payment can be refunded; this one is " + payment.status() + ".",
                    Map.of("paymentStatus", payment.status().name()));
        }
        Money paid = new Money(payment.amount(), payment.currency());
        Money refundable = paid.minus(new Money(refunds.committed(paymentId), payment.currency()));
        if (new Money(amount, payment.currency()).exceeds(refundable)) {
            throw new ProblemException(
                    ErrorCode.REFUND_EXCEEDS_PAYMENT,
                    "Refunds may not exceed the payment: " + refundable.amount() + " öre are left.",
                    Map.of("paymentAmount", paid.amount(), "refundable", refundable.amount()));
        }
        RefundRow refund = new RefundRow(
                "rf-" + UUID.randomUUID(),
                paymentId,
                storeId,
                key,
                requestHash,
                amount,
                payment.currency(),
                reason,
                by.getUsername(),
                RefundRepository.Status.PENDING,
                null,
                null,
                clock.instant());
        refunds.insert(refund);
        actions.record(by, "REFUND_REQUESTED", storeId, paymentId, refund.id() + " " + amount + " öre: " + reason);
        return refund;
    }

    /** Applies a provider's answer once; a confirmed refund is marked and journalled in one transaction. */
    RefundRow complete(String refundId, Outcome outcome) {
        return transactions.execute(status -> {
            RefundRow refund = refunds.lock(refundId).orElseThrow();
            if (refund.status() != RefundRepository.Status.PENDING || outcome.state() == Outcome.State.PENDING) {
                return refund;
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            if (outcome.state() != Outcome.State.PAID) {
                refunds.fail(refundId, outcome.providerRef(), outcome.reason(), now);
            } else {
                String body = json.writeValueAsString(canonical(refund, outcome.providerRef(), now));
                refunds.refunded(refundId, outcome.providerRef(), body, now);
                events.publishEvent(new RefundCompleted(
                        refundId, refund.paymentId(), refund.storeId(), refund.amount(), body, now));
            }
            return refunds.lock(refundId).orElseThrow();
        });
    }

    /**
     * The refund as journalled: its JSON, stored with the refund, is what the journal entry's payload hash covers.
     * The order of the components fixes those bytes; do not reorder them.
     */
    @JsonPropertyOrder({
        "refundId",
        "paymentId",
        "storeId",
        "amount",
        "currency",
        "reason",
        "requestedBy",
        "providerRef",
        "refundedAt"
    })
    record Journalled(
            String refundId,
            String paymentId,
            String storeId,
            long amount,
            String currency,
            String reason,
            String requestedBy,
            String providerRef,
            String refundedAt) {}

    static Journalled canonical(RefundRow refund, String providerRef, Instant refundedAt) {
        return new Journalled(
                refund.id(),
                refund.paymentId(),
                refund.storeId(),
                refund.amount(),
                refund.currency(),
                refund.reason(),
                refund.requestedBy(),
                providerRef,
                refundedAt.toString());
    }

    public List<RefundView> list(String paymentId) {
        storeOfPayment(paymentId);
        return refunds.forPayment(paymentId).stream()
                .map(r -> r.status() == RefundRepository.Status.PENDING ? recoverQuietly(r) : r)
                .map(Refunds::view)
                .toList();
    }

    /**
     * Asks the provider again about every refund whose answer was lost, in batches, with the payments' backoff
     * (2, 4, 8, 16 s, then every 30 s); nodes split the work with SKIP LOCKED. A refund is never given up: the
     * money is owed to the shopper until the provider says it was paid back or refused.
     */
    @Scheduled(
            fixedDelayString = "${skanna.payment.recovery-interval:5s}",
            initialDelayString = "${skanna.payment.recovery-delay:2s}")
    void recoverPending() {
        for (int batch = 0; batch < Checkout.RECOVERY_BATCHES_PER_RUN; batch++) {
            List<RefundRow> claimed = transactions.execute(
                    status -> refunds.claimDue(clock.instant(), Checkout.RECOVERY_BATCH, Checkout::backoff));
            if (claimed == null || claimed.isEmpty()) {
                return;
            }
            claimed.forEach(this::recoverQuietly);
            if (claimed.size() < Checkout.RECOVERY_BATCH) {
                return;
            }
        }
    }

    private RefundRow recoverQuietly(RefundRow refund) {
        try {
            PaymentProvider provider = providers.get(
                    payments.byId(refund.paymentId()).orElseThrow().method());
            if (provider == null) {
                return refund;
            }
            return complete(refund.id(), provider.refundStatus(request(refund)));
        } catch (RuntimeException e) {
            log.warn("Could not ask about refund {}", refund.id(), e);
            return refund;
        }
    }

    private static RefundRequest request(RefundRow refund) {
        return new RefundRequest(refund.id(), refund.paymentId(), refund.amount(), refund.currency());
    }

    private static RefundView view(RefundRow refund) {
        return new RefundView(
                refund.id(),
                refund.paymentId(),
                refund.storeId(),
                refund.amount(),
                refund.currency(),
                refund.reason(),
                refund.requestedBy(),
                refund.status().name(),
                refund.providerRef(),
                refund.failureReason(),
                refund.createdAt());
    }

    private static String sha256(String text) {
        return Sha256.hex(text);
    }
}
