package se.skanna.trip;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
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
 * {@code assistance_already_handled}. Staff steps are written to the action log in their transaction.
 */
@Service
public class Assistance {

    /** The longest message a shopper may send with a call. */
    public static final int MAX_MESSAGE = 200;

    /** At most this many open requests in a store's list. */
    public static final int OPEN_LIMIT = 200;

    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

    public enum State {
        OPEN,
        ACKNOWLEDGED,
        RESOLVED
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

    private final AssistanceRepository requests;
    private final Trips trips;
    private final AccessPolicy access;
    private final ActionLog log;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Assistance(
            AssistanceRepository requests,
            Trips trips,
            AccessPolicy access,
            ActionLog log,
            TransactionTemplate transactions,
            Clock clock) {
        this.requests = requests;
        this.trips = trips;
        this.access = access;
        this.log = log;
        this.transactions = transactions;
        this.clock = clock;
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
                        Map.of("status", trip.status().name()));
            }
            Optional<Request> open = requests.openOf(tripId);
            if (open.isPresent()) {
                return new Called(ShopperView.of(open.get()), false);
            }
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
            return new Called(ShopperView.of(request), true);
        });
    }

    /** The trip's latest request, open or resolved, for the shopper's app to follow. */
    public ShopperView latest(String tripId, String token) {
        trips.findForShopper(tripId, token);
        return requests.latestOf(tripId)
                .map(ShopperView::of)
                .orElseThrow(() ->
                        new ProblemException(ErrorCode.ASSISTANCE_NOT_FOUND, "This trip has not called for staff."));
    }

    /** The store's requests not resolved yet, oldest first; for the store's staff, its managers and HQ. */
    public List<Request> openInStore(String storeId) {
        access.requireInStore(Role.STAFF, storeId);
        return requests.openInStore(storeId, OPEN_LIMIT);
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
            return requests.lock(requestId).orElseThrow();
        });
    }

    /** The shopper has been helped. An OPEN or ACKNOWLEDGED request can be resolved, once. */
    public Request resolve(String storeId, String requestId) {
        StaffPrincipal me = access.requireInStore(Role.STAFF, storeId);
        return transactions.execute(status -> {
            Request request = lockInStore(storeId, requestId);
            if (request.state() == State.RESOLVED) {
                throw alreadyHandled(request);
            }
            requests.resolve(requestId, me.getUsername(), clock.instant());
            log.record(me, "ASSISTANCE_RESOLVED", storeId, request.tripId(), detail(request));
            return requests.lock(requestId).orElseThrow();
        });
    }

    /** A request of another store is "not found" here, whatever the caller may see elsewhere. */
    private Request lockInStore(String storeId, String requestId) {
        return requests.lock(requestId)
                .filter(request -> request.storeId().equals(storeId))
                .orElseThrow(() -> new ProblemException(
                        ErrorCode.ASSISTANCE_NOT_FOUND, "There is no assistance request " + requestId + " here."));
    }

    private static ProblemException alreadyHandled(Request request) {
        return new ProblemException(
                ErrorCode.ASSISTANCE_ALREADY_HANDLED,
                request.state() == State.RESOLVED
                        ? "This request is already resolved."
                        : "This request is already acknowledged by " + request.acknowledgedBy() + ".",
                Map.of("state", request.state().name()));
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
