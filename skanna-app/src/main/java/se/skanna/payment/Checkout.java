package se.skanna.payment;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import se.skanna.payment.PaymentProvider.Outcome;
import se.skanna.payment.PaymentProvider.PaymentRequest;
import se.skanna.payment.PaymentRepository.PaymentRow;
import se.skanna.payment.PaymentRepository.Status;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.IdempotencyKey;
import se.skanna.shared.ProblemException;
import se.skanna.shared.Sha256;
import se.skanna.trip.Cart;
import se.skanna.trip.Trips;
import tools.jackson.databind.ObjectMapper;

/**
 * Pays for a trip. The state machine is PENDING → PAID | FAILED | CANCELLED; an idempotency key makes a
 * retried or double-clicked checkout return the same payment, never a second charge. Marking a payment PAID,
 * publishing {@link PaymentCompleted} (upon which the receipt is issued and journalled) happen in one transaction; a payment whose
 * answer was lost is finished by asking the provider again (on a schedule and after restarts).
 */
@Service
public class Checkout {

    private static final Logger log = LoggerFactory.getLogger(Checkout.class);

    private final Trips trips;
    private final PaymentRepository payments;
    private final Map<String, PaymentProvider> providers;
    private final ApplicationEventPublisher events;
    private final AuditPolicy audits;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration pendingTimeout;

    Checkout(
            Trips trips,
            PaymentRepository payments,
            List<PaymentProvider> providers,
            ApplicationEventPublisher events,
            AuditPolicy audits,
            TransactionTemplate transactions,
            ObjectMapper json,
            Clock clock,
            @Value("${skanna.payment.pending-timeout:10m}") Duration pendingTimeout) {
        this.trips = trips;
        this.payments = payments;
        this.providers = providers.stream().collect(Collectors.toMap(PaymentProvider::method, Function.identity()));
        this.events = events;
        this.audits = audits;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.pendingTimeout = pendingTimeout;
    }

    /** The payment methods shoppers can choose here, real ones first ("test" last, when it is on at all). */
    public List<String> methods() {
        return providers.keySet().stream()
                .sorted(java.util.Comparator.comparing((String method) -> method.equals("test"))
                        .thenComparing(java.util.Comparator.naturalOrder()))
                .toList();
    }

    /**
     * A payment as the shopper's app sees it. {@code action} (a JSON object from the provider, e.g. the Swish
     * token and app link) says what the app must do to finish a PENDING payment; null otherwise.
     */
    public record PaymentView(
            String paymentId,
            String tripId,
            String method,
            String status,
            long amount,
            String currency,
            String reason,
            @JsonRawValue String action) {}

    public PaymentView checkout(String tripId, String token, String idempotencyKey, String method) {
        IdempotencyKey.of(idempotencyKey);
        PaymentProvider provider = providers.get(method);
        if (provider == null) {
            throw new ProblemException(
                    ErrorCode.UNKNOWN_PAYMENT_METHOD, "Payment method must be one of " + providers.keySet() + ".");
        }
        PaymentRow payment = transactions.execute(status -> begin(tripId, token, idempotencyKey, method));
        if (payment.status() != Status.PENDING) {
            return view(payment);
        }
        Outcome outcome;
        try {
            outcome = provider.start(request(payment));
        } catch (RuntimeException e) {
            log.warn("Payment {} could not be started; it stays PENDING and is asked about again", payment.id(), e);
            return view(payment);
        }
        if (outcome.action() != null) {
            payments.recordAction(payment.id(), outcome.action());
        }
        return view(complete(payment.id(), outcome));
    }

    private PaymentRow begin(String tripId, String token, String key, String method) {
        Trips.ForCheckout trip = trips.lockForCheckout(tripId, token);
        String requestHash = requestHash(method, trip.cart().total());
        var earlier = payments.byKey(tripId, key);
        if (earlier.isPresent()) {
            if (!earlier.get().requestHash().equals(requestHash)) {
                throw new ProblemException(
                        ErrorCode.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was used for a different checkout of this trip.");
            }
            return earlier.get();
        }
        switch (trip.status()) {
            case "OPEN" -> {}
            case "PAYING" ->
                throw new ProblemException(
                        ErrorCode.PAYMENT_IN_PROGRESS, "A payment for this trip is already running.");
            default ->
                throw new ProblemException(
                        ErrorCode.TRIP_NOT_OPEN,
                        "This trip is " + trip.status() + "; it cannot be paid.",
                        Map.of("tripStatus", trip.status()));
        }
        if (trip.cart().lines().isEmpty()) {
            throw new ProblemException(ErrorCode.CART_EMPTY, "The cart is empty.");
        }
        if (trip.ageCheckPending()) {
            throw new ProblemException(
                    ErrorCode.AGE_CHECK_REQUIRED,
                    "Some items have an age limit: a staff member needs to see your ID first.");
        }
        PaymentRow payment = new PaymentRow(
                "p-" + UUID.randomUUID(),
                tripId,
                key,
                requestHash,
                method,
                Status.PENDING,
                trip.cart().total(),
                trip.cart().currency(),
                null,
                null,
                clock.instant(),
                null);
        payments.insert(payment, trip.storeId(), json.writeValueAsString(trip.cart()));
        trips.markPaying(tripId);
        return payment;
    }

    /**
     * Applies a provider's answer (from its callback or a status query) once; a late, repeated or out-of-order
     * answer for a finished payment changes nothing.
     */
    public void applyOutcome(String paymentId, Outcome outcome) {
        complete(paymentId, outcome);
    }

    PaymentRow complete(String paymentId, Outcome outcome) {
        return transactions.execute(status -> {
            PaymentRow payment = payments.lock(paymentId).orElseThrow();
            if (payment.status() != Status.PENDING || outcome.state() == Outcome.State.PENDING) {
                return payment;
            }
            Instant now = clock.instant();
            if (outcome.state() != Outcome.State.PAID) {
                Status end = outcome.state() == Outcome.State.CANCELLED ? Status.CANCELLED : Status.FAILED;
                payments.finish(paymentId, end, outcome.providerRef(), outcome.reason(), now);
                trips.reopen(payment.tripId());
            } else {
                payments.finish(paymentId, Status.PAID, outcome.providerRef(), null, now);
                finishSale(payment, outcome.providerRef(), now);
            }
            return payments.lock(paymentId).orElseThrow();
        });
    }

    /**
     * The trip is paid (and chosen for an audit or not) and {@link PaymentCompleted} is published, all in the
     * transaction that marks the payment PAID: the receipt module issues the receipt and journals it in it.
     */
    private void finishSale(PaymentRow payment, String providerRef, Instant paidAt) {
        Trips.ForCheckout trip = trips.lockForSale(payment.tripId());
        Cart cart = json.readValue(payments.cartSnapshot(payment.id()), Cart.class);
        Trips.Risk risk = trips.risk(payment.tripId());
        trips.markPaid(payment.tripId(), audits.select(risk, cart.total()));
        events.publishEvent(new PaymentCompleted(
                payment.id(),
                payment.tripId(),
                trip.storeId(),
                payment.method(),
                providerRef,
                payment.amount(),
                payment.currency(),
                cart,
                paidAt));
    }

    /**
     * The shopper calls a pending payment off: at the provider first (where its protocol allows), then here; the
     * trip opens again for a new attempt. A payment the provider has already paid stays paid.
     */
    public PaymentView cancel(String tripId, String token) {
        trips.view(tripId, token);
        PaymentRow payment = payments.latestForTrip(tripId)
                .orElseThrow(() -> new ProblemException(ErrorCode.PAYMENT_NOT_FOUND, "This trip has no payment yet."));
        if (payment.status() != Status.PENDING) {
            throw new ProblemException(
                    ErrorCode.PAYMENT_NOT_CANCELLABLE,
                    "This payment is " + payment.status() + "; only a pending payment can be cancelled.",
                    Map.of("paymentStatus", payment.status().name()));
        }
        PaymentProvider provider = providers.get(payment.method());
        Outcome outcome = (provider == null ? java.util.Optional.<Outcome>empty() : provider.cancel(request(payment)))
                .orElseThrow(() -> new ProblemException(
                        ErrorCode.PAYMENT_NOT_CANCELLABLE,
                        "A " + payment.method() + " payment cannot be called off; wait for its answer."));
        if (outcome.state() == Outcome.State.PENDING) {
            throw new ProblemException(
                    ErrorCode.PAYMENT_NOT_CANCELLABLE,
                    "The payment provider has not called the payment off; try again in a moment.");
        }
        return view(complete(payment.id(), outcome));
    }

    public PaymentView payment(String tripId, String token) {
        trips.view(tripId, token);
        PaymentRow payment = payments.latestForTrip(tripId)
                .orElseThrow(() -> new ProblemException(ErrorCode.PAYMENT_NOT_FOUND, "This trip has no payment yet."));
        if (payment.status() == Status.PENDING) {
            try {
                payment = recover(payment);
            } catch (RuntimeException e) {
                // the provider cannot be asked now (e.g. Swish unreachable): the payment is still PENDING
                log.warn("Could not ask about payment {}; answering PENDING", payment.id(), e);
            }
        }
        return view(payment);
    }

    /**
     * Asks the provider about every PENDING payment that is due, in batches, a few at a time; gives up on those
     * older than the pending timeout. Each payment is checked again after 2, 4, 8, 16 s and then every 30 s
     * (shoppers asking about their own payment and provider callbacks settle it sooner). Nodes split the work:
     * each claims its batch with SKIP LOCKED and moves the claimed payments' next check ahead first.
     */
    @Scheduled(
            fixedDelayString = "${skanna.payment.recovery-interval:2s}",
            initialDelayString = "${skanna.payment.recovery-delay:2s}")
    void recoverPending() {
        for (int batch = 0; batch < RECOVERY_BATCHES_PER_RUN; batch++) {
            List<PaymentRow> claimed = transactions.execute(
                    status -> payments.claimDue(clock.instant(), RECOVERY_BATCH, Checkout::backoff));
            if (claimed == null || claimed.isEmpty()) {
                return;
            }
            try (var askers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(RECOVERY_PARALLELISM);
                for (PaymentRow payment : claimed) {
                    askers.submit(() -> {
                        inFlight.acquireUninterruptibly();
                        try {
                            recover(payment);
                        } catch (RuntimeException e) {
                            log.warn("Could not recover payment {}", payment.id(), e);
                        } finally {
                            inFlight.release();
                        }
                    });
                }
            }
            if (claimed.size() < RECOVERY_BATCH) {
                return;
            }
        }
    }

    static final int RECOVERY_BATCH = 50;
    static final int RECOVERY_BATCHES_PER_RUN = 20;
    static final int RECOVERY_PARALLELISM = 8;
    static final Duration MAX_RECOVERY_BACKOFF = Duration.ofSeconds(30);

    /** After the {@code checks}-th look: 2 s, 4 s, 8 s, 16 s, then every 30 s. */
    static Duration backoff(int checks) {
        Duration next = Duration.ofSeconds(2L << Math.min(checks, 5));
        return next.compareTo(MAX_RECOVERY_BACKOFF) > 0 ? MAX_RECOVERY_BACKOFF : next;
    }

    private PaymentRow recover(PaymentRow payment) {
        PaymentProvider provider = providers.get(payment.method());
        if (provider == null) {
            return payment; // a method this node does not offer (e.g. Swish switched off): left PENDING as it is
        }
        Outcome outcome = provider.status(request(payment));
        if (outcome.state() == Outcome.State.PENDING
                && payment.createdAt().plus(pendingTimeout).isBefore(clock.instant())) {
            outcome = abandon(provider, payment, outcome);
        }
        return complete(payment.id(), outcome);
    }

    /**
     * A payment still pending after the pending timeout is called off at the provider first, so that a payer who
     * opens the payment app later cannot pay for a trip Skanna has given up on. Where the provider paid it
     * meanwhile, it is paid. Where the provider cannot call payments off, or cannot be reached for twice the
     * timeout, it is failed here only.
     */
    private Outcome abandon(PaymentProvider provider, PaymentRow payment, Outcome pending) {
        String reason = "Not paid within " + pendingTimeout.toMinutes() + " minutes; called off.";
        java.util.Optional<Outcome> cancelled;
        try {
            cancelled = provider.cancel(request(payment));
        } catch (RuntimeException e) {
            if (payment.createdAt().plus(pendingTimeout.multipliedBy(2)).isBefore(clock.instant())) {
                log.warn("Could not call abandoned payment {} off at the provider; failing it here", payment.id(), e);
                return Outcome.declined(pending.providerRef(), "The provider did not answer in time.");
            }
            log.warn("Could not call abandoned payment {} off at the provider yet; trying again", payment.id(), e);
            return pending;
        }
        if (cancelled.isEmpty()) {
            return Outcome.declined(pending.providerRef(), "The provider did not answer in time.");
        }
        Outcome outcome = cancelled.get();
        return switch (outcome.state()) {
            case CANCELLED -> Outcome.cancelled(outcome.providerRef(), reason);
            case PENDING ->
                payment.createdAt().plus(pendingTimeout.multipliedBy(2)).isBefore(clock.instant())
                        ? Outcome.declined(pending.providerRef(), "The provider did not answer in time.")
                        : outcome;
            default -> outcome;
        };
    }

    private static PaymentRequest request(PaymentRow payment) {
        return new PaymentRequest(
                payment.id(), payment.tripId(), payment.amount(), payment.currency(), payment.createdAt());
    }

    private static PaymentView view(PaymentRow payment) {
        return new PaymentView(
                payment.id(),
                payment.tripId(),
                payment.method(),
                payment.status().name(),
                payment.amount(),
                payment.currency(),
                payment.failureReason(),
                payment.status() == Status.PENDING ? payment.action() : null);
    }

    /** What makes two checkouts "the same request": the method and the amount of the cart being paid. */
    private static String requestHash(String method, long total) {
        return Sha256.hex(method + "|" + total);
    }
}
