package se.skanna.trip;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;
import se.skanna.staff.AccessPolicy;
import se.skanna.staff.ActionLog;
import se.skanna.staff.Role;
import se.skanna.staff.StaffPrincipal;
import se.skanna.trip.TripRepository.Status;
import se.skanna.trip.TripRepository.TripRow;

/**
 * Shoppers calling for staff from the app. A trip has at most one request that is not resolved; calling again
 * while it is open answers that same request. Staff of the trip's store acknowledge it ("on my way") and resolve
 * it: {@code OPEN → ACKNOWLEDGED → RESOLVED}, or {@code OPEN → RESOLVED}; any other step is refused with
 * {@code assistance_already_handled}. A request not resolved within {@code skanna.assistance.expires-after} (30
 * min) is {@code EXPIRED}: it leaves the staff list and the trip may call again. Staff steps are written to the
 * action log in their transaction.
 */
@Service
public class Assistance {

    /** The longest message a shopper may send with a call. */
    public static final int MAX_MESSAGE = 200;

    /** At most this many open requests in a store's list (the newest); {@link Open#total()} counts them all. */
    public static final int OPEN_LIMIT = 200;

    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

    public enum State {
        OPEN,
        ACKNOWLEDGED,
        RESOLVED,
        EXPIRED
    }

    /** A request as staff see it. */
    public record Request(
            String requestId,
            String tripId,
            String storeId,
            State state,
            String message,
            Instant createdAt,
            Instant acknowledgedAt,
            String acknowledgedBy,
            Instant resolvedAt,
            String resolvedBy) {}

    /** A request as the shopper sees it: without the staff member's account name. */
    public record ShopperView(
            String requestId,
            String tripId,
            String state,
            String message,
            Instant createdAt,
            Instant acknowledgedAt,
            Instant resolvedAt) {

        static ShopperView of(Request request) {
            return new ShopperView(
                    request.requestId(),
                    request.tripId(),
                    request.state().name(),
                    request.message(),
                    request.createdAt(),
                    request.acknowledgedAt(),
                    request.resolvedAt());
        }
    }

    /** The answer to a call: the open request, and whether this call created it. */
    public record Called(ShopperView request, boolean created) {}

    /** A store's requests waiting for staff: the newest {@link #OPEN_LIMIT}, and how many wait in all. */
    public record Open(List<Request> requests, long total) {}

    private final AssistanceRepository requests;
    private final Trips trips;
    private final AccessPolicy access;
    private final ActionLog log;
    private final TransactionTemplate transactions;
    private final TripLimits limits;
    private final Clock clock;
    private final Duration expiresAfter;
    private final org.springframework.context.ApplicationEventPublisher events;

    Assistance(
            AssistanceRepository requests,
            Trips trips,
            AccessPolicy access,
            ActionLog log,
            TransactionTemplate transactions,
            TripLimits limits,
            Clock clock,
            org.springframework.context.ApplicationEventPublisher events,
            @Value("${skanna.assistance.expires-after:30m}") Duration expiresAfter) {
        this.events = events;
        this.requests = requests;
        this.trips = trips;
        this.access = access;
        this.log = log;
        this.transactions = transactions;
        this.limits = limits;
        this.clock = clock;
        this.expiresAfter = expiresAfter;
    }

    /**
     * The shopper calls for staff, with an optional short message. While the trip has a request that is not
     * resolved, the call answers that request and changes nothing (its message stays the first one).
     */
    public Called call(String tripId, String token, String message) {
        String text = message(message);
        return transactions.execute(status -> {
            TripRow trip = trips.lockForShopper(tripId, token);
            if (trip.status() == Status.EXPIRED || trip.status() == Status.CANCELLED) {
                throw new ProblemException(
                        ErrorCode.TRIP_NOT_OPEN,
                        "This trip has ended; ask a staff member in the store.",
                        Map.of("tripStatus", trip.status().name()));
            }
            Optional<Request> open = requests.openOf(tripId);
            if (open.isPresent() && !expired(open.get(), cutoff())) {
                return new Called(ShopperView.of(open.get()), false);
            }
            if (open.isPresent()) {
                requests.expire(open.get().requestId());
            }
            limits.requireCallInStore(trip.storeId());
            Request request = new Request(
                    "a-" + UUID.randomUUID(),
                    tripId,
                    trip.storeId(),
                    State.OPEN,
                    text,
                    clock.instant(),
                    null,
                    null,
                    null,
                    null);
            requests.insert(request);
            events.publishEvent(new FloorChanged(trip.storeId()));
            return new Called(ShopperView.of(request), true);
        });
    }

    /** The trip's latest request, open or resolved, for the shopper's app to follow. */
    public ShopperView latest(String tripId, String token) {
        trips.findForShopper(tripId, token);
        Instant cutoff = cutoff();
        return requests.latestOf(tripId)
                .map(request -> ShopperView.of(effective(request, cutoff)))
                .orElseThrow(() ->
                        new ProblemException(ErrorCode.ASSISTANCE_NOT_FOUND, "This trip has not called for staff."));
    }

    /**
     * The store's requests neither resolved nor expired, newest first (at most {@link #OPEN_LIMIT}), with their
     * total; for the store's staff, its managers and HQ.
     */
    public Open openInStore(String storeId) {
        access.requireInStore(Role.STAFF, storeId);
        Instant cutoff = cutoff();
        return new Open(requests.openInStore(storeId, cutoff, OPEN_LIMIT), requests.countOpenInStore(storeId, cutoff));
    }

    /** Marks requests past their time as expired, so the shopper's app and the trips list see it too. */
    @Scheduled(fixedDelayString = "${skanna.assistance.expiry-sweep:60s}")
    void expireOld() {
        if (requests.expireBefore(cutoff()) > 0) {
            events.publishEvent(new FloorChanged(null));
        }
    }

    /** A staff member of the store is on the way. Only an OPEN request can be acknowledged. */
    public Request acknowledge(String storeId, String requestId) {
        StaffPrincipal me = access.requireInStore(Role.STAFF, storeId);
        return transactions.execute(status -> {
            Request request = lockInStore(storeId, requestId);
            if (request.state() != State.OPEN) {
                throw alreadyHandled(request);
            }
            requests.acknowledge(requestId, me.getUsername(), clock.instant());
            log.record(me, "ASSISTANCE_ACKNOWLEDGED", storeId, request.tripId(), detail(request));
            events.publishEvent(new FloorChanged(storeId));
            return requests.lock(requestId).orElseThrow();
        });
    }

    /** The shopper has been helped. An OPEN or ACKNOWLEDGED request can be resolved, once. */
    public Request resolve(String storeId, String requestId) {
        StaffPrincipal me = access.requireInStore(Role.STAFF, storeId);
        return transactions.execute(status -> {
            Request request = lockInStore(storeId, requestId);
            if (request.state() == State.RESOLVED || request.state() == State.EXPIRED) {
                throw alreadyHandled(request);
            }
            requests.resolve(requestId, me.getUsername(), clock.instant());
            log.record(me, "ASSISTANCE_RESOLVED", storeId, request.tripId(), detail(request));
            events.publishEvent(new FloorChanged(storeId));
            return requests.lock(requestId).orElseThrow();
        });
    }

    /** A request of another store is "not found" here, whatever the caller may see elsewhere. */
    private Request lockInStore(String storeId, String requestId) {
        Instant cutoff = cutoff();
        return requests.lock(requestId)
                .filter(request -> request.storeId().equals(storeId))
                .map(request -> effective(request, cutoff))
                .orElseThrow(() -> new ProblemException(
                        ErrorCode.ASSISTANCE_NOT_FOUND, "There is no assistance request " + requestId + " here."));
    }

    private static ProblemException alreadyHandled(Request request) {
        return new ProblemException(
                ErrorCode.ASSISTANCE_ALREADY_HANDLED,
                switch (request.state()) {
                    case RESOLVED -> "This request is already resolved.";
                    case EXPIRED -> "This request has expired; the shopper can call again.";
                    default -> "This request is already acknowledged by " + request.acknowledgedBy() + ".";
                },
                Map.of("state", request.state().name()));
    }

    private Instant cutoff() {
        return clock.instant().minus(expiresAfter);
    }

    private static boolean expired(Request request, Instant cutoff) {
        return (request.state() == State.OPEN || request.state() == State.ACKNOWLEDGED)
                && request.createdAt().isBefore(cutoff);
    }

    /** The request as it stands now: one past its time is expired even before the sweep has marked it. */
    private static Request effective(Request request, Instant cutoff) {
        if (!expired(request, cutoff)) {
            return request;
        }
        return new Request(
                request.requestId(),
                request.tripId(),
                request.storeId(),
                State.EXPIRED,
                request.message(),
                request.createdAt(),
                request.acknowledgedAt(),
                request.acknowledgedBy(),
                request.resolvedAt(),
                request.resolvedBy());
    }

    private static String detail(Request request) {
        return request.requestId() + (request.message() == null ? "" : ": " + request.message());
    }

    private static String message(String message) {
        if (message == null || message.isBlank()) {
            return null;
        }
        String text = message.strip();
        if (text.length() > MAX_MESSAGE || CONTROL.matcher(text).find()) {
            throw ProblemException.invalidField(
                    "message",
                    "A message is at most " + MAX_MESSAGE + " characters on one line, without control characters.");
        }
        return text;
    }
}
