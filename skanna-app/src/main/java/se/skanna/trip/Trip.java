package se.skanna.trip;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;

/**
 * A shopper's trip as one aggregate: its status with the moves it may make, and its cart lines with the rules
 * that change them (merging, quantities, age approval). Immutable: every change answers the next state, which
 * {@link TripRepository} stores in one statement guarded by the state it started from ({@code version}, and the
 * status where that matters).
 *
 * <p>Statuses: {@code OPEN → PAYING → PAID}, {@code PAYING → OPEN} (the payment failed or was cancelled),
 * {@code OPEN → CANCELLED}. {@code PAID} and {@code CANCELLED} are final. {@code EXPIRED} is what an open trip
 * idle past the timeout is taken to be ({@link #effectiveStatus}); it is final too. Any other move is refused with
 * {@code trip_not_open} (leaving a trip that is not open) or {@code trip_state_conflict}.
 */
record Trip(
        String id,
        String storeId,
        String memberId,
        String tokenHash,
        Status status,
        Instant createdAt,
        Instant lastActivityAt,
        int nextLine,
        int version,
        List<Line> lines) {

    /** At most this many of one item on a line; a line with more is refused ({@code invalid_quantity}). */
    static final int MAX_QUANTITY = 99;

    Trip {
        lines = List.copyOf(lines);
    }

    enum Status {
        OPEN,
        PAYING,
        PAID,
        EXPIRED,
        CANCELLED;

        boolean canMoveTo(Status next) {
            return switch (this) {
                case OPEN -> next == PAYING || next == CANCELLED || next == EXPIRED;
                case PAYING -> next == OPEN || next == PAID;
                case PAID, EXPIRED, CANCELLED -> false;
            };
        }

        /** Refuses a move these rules do not allow, with a stable error code. */
        void requireMoveTo(Status next, String tripId) {
            if (!canMoveTo(next)) {
                throw illegalMove(tripId, this, next);
            }
        }
    }

    /** The error for a move from {@code from} to {@code next} that the rules (or the stored status) do not allow. */
    static ProblemException illegalMove(String tripId, Status from, Status next) {
        Map<String, Object> details = Map.of("tripStatus", from.name(), "nextStatus", next.name());
        if (next == Status.PAYING) {
            return new ProblemException(
                    ErrorCode.TRIP_NOT_OPEN, "Trip " + tripId + " is " + from + "; it cannot be paid.", details);
        }
        return new ProblemException(
                ErrorCode.TRIP_STATE_CONFLICT,
                "Trip " + tripId + " is " + from + "; it cannot become " + next + ".",
                details);
    }

    /**
     * A cart line as stored. {@code unitPrice} is per item, or per kilo for weighed goods; {@code amount} is the
     * measured price of a weighed or price-labelled piece (null for countable goods); {@code position} orders the
     * cart; {@code ageApprovedBy} names the staff member who saw the shopper's ID for an age-restricted line.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Line(
            String lineId,
            int position,
            String code,
            String gtin,
            String name,
            int quantity,
            Long weightGrams,
            long unitPrice,
            Long amount,
            boolean measured,
            long deposit,
            int vatRate,
            Integer ageLimit,
            String ageApprovedBy) {

        boolean agePending() {
            return ageLimit != null && ageApprovedBy == null;
        }

        Line withQuantity(int newQuantity) {
            return new Line(
                    lineId,
                    position,
                    code,
                    gtin,
                    name,
                    newQuantity,
                    weightGrams,
                    unitPrice,
                    amount,
                    measured,
                    deposit,
                    vatRate,
                    ageLimit,
                    ageApprovedBy);
        }

        Line approvedBy(String staff) {
            return new Line(
                    lineId,
                    position,
                    code,
                    gtin,
                    name,
                    quantity,
                    weightGrams,
                    unitPrice,
                    amount,
                    measured,
                    deposit,
                    vatRate,
                    ageLimit,
                    staff);
        }
    }

    /** A new trip: open, with an empty cart. */
    static Trip open(String id, String storeId, String memberId, String tokenHash, Instant at) {
        return new Trip(id, storeId, memberId, tokenHash, Status.OPEN, at, at, 1, 0, List.of());
    }

    /** The status as the shopper sees it: an open trip idle for longer than {@code idleTimeout} is EXPIRED. */
    Status effectiveStatus(Instant now, Duration idleTimeout) {
        if (status == Status.OPEN && lastActivityAt.plus(idleTimeout).isBefore(now)) {
            return Status.EXPIRED;
        }
        return status;
    }

    /** This trip with its {@linkplain #effectiveStatus effective status}, as the shopper sees it at {@code now}. */
    Trip asSeenAt(Instant now, Duration idleTimeout) {
        Status effective = effectiveStatus(now, idleTimeout);
        return effective == status
                ? this
                : new Trip(
                        id,
                        storeId,
                        memberId,
                        tokenHash,
                        effective,
                        createdAt,
                        lastActivityAt,
                        nextLine,
                        version,
                        lines);
    }

    /** Refuses any change of the cart unless the trip is open (and not idle past the timeout). */
    void requireOpen(Instant now, Duration idleTimeout) {
        Status effective = effectiveStatus(now, idleTimeout);
        if (effective != Status.OPEN) {
            throw new ProblemException(
                    ErrorCode.TRIP_NOT_OPEN,
                    switch (effective) {
                        case EXPIRED ->
                            "This trip expired after " + idleTimeout.toMinutes() + " idle minutes; start a new one.";
                        case PAID -> "This trip is paid; it can no longer change.";
                        case PAYING -> "Payment has started; the cart can no longer change.";
                        default -> "This trip is closed.";
                    },
                    Map.of("tripStatus", effective.name()));
        }
    }

    /** This trip in another status, if the rules allow the move. */
    Trip moveTo(Status next) {
        status.requireMoveTo(next, id);
        return new Trip(id, storeId, memberId, tokenHash, next, createdAt, lastActivityAt, nextLine, version, lines);
    }

    Optional<Line> line(String lineId) {
        return lines.stream().filter(l -> l.lineId().equals(lineId)).findFirst();
    }

    /** How many lines wait for a staff member to see the shopper's ID. */
    int agePending() {
        return (int) lines.stream().filter(Line::agePending).count();
    }

    /** The trip after a scan, the line the scan went to, and whether that line is new. */
    record Added(Trip trip, Line line, boolean newLine) {}

    /**
     * Adds {@code quantity} of a scanned item, given as the line it would start ({@code lineId} and
     * {@code position} are set here). A countable item merges into the line of the same GTIN at the same unit
     * price; a weighed or price-labelled piece ({@code measured}) is always a line of its own.
     */
    Added add(Line scanned, int quantity, Instant at) {
        checkQuantity(quantity, 1);
        if (scanned.measured() && quantity != 1) {
            throw ProblemException.invalidField(
                    "quantity", "A weighed or price-labelled item is scanned one at a time.");
        }
        if (!scanned.measured()) {
            for (int i = 0; i < lines.size(); i++) {
                Line line = lines.get(i);
                if (!line.measured() && line.gtin().equals(scanned.gtin()) && line.unitPrice() == scanned.unitPrice()) {
                    checkQuantity(line.quantity() + quantity, 1);
                    Line merged = line.withQuantity(line.quantity() + quantity);
                    List<Line> next = new ArrayList<>(lines);
                    next.set(i, merged);
                    return new Added(with(next, nextLine, at), merged, false);
                }
            }
        }
        Line added = new Line(
                "l" + nextLine,
                nextLine,
                scanned.code(),
                scanned.gtin(),
                scanned.name(),
                quantity,
                scanned.weightGrams(),
                scanned.unitPrice(),
                scanned.measured() ? scanned.amount() : null,
                scanned.measured(),
                scanned.deposit(),
                scanned.vatRate(),
                scanned.ageLimit(),
                null);
        List<Line> next = new ArrayList<>(lines);
        next.add(added);
        return new Added(with(next, nextLine + 1, at), added, true);
    }

    /** Sets a line's quantity; 0 removes the line. */
    Trip withQuantity(String lineId, int quantity, Instant at) {
        checkQuantity(quantity, 0);
        Line line = line(lineId)
                .orElseThrow(() -> new ProblemException(
                        ErrorCode.LINE_NOT_FOUND, "There is no line " + lineId + " in this cart."));
        if (quantity > 0 && line.measured() && quantity != 1) {
            throw ProblemException.invalidField(
                    "quantity", "A weighed or price-labelled item is one piece; scan each piece.");
        }
        List<Line> next = new ArrayList<>(lines.size());
        for (Line l : lines) {
            if (!l.lineId().equals(lineId)) {
                next.add(l);
            } else if (quantity > 0) {
                next.add(l.withQuantity(quantity));
            }
        }
        return with(next, nextLine, at);
    }

    /** A staff member saw the shopper's ID: every age-restricted line not yet approved is approved by them. */
    Trip approveAgeRestricted(String staff) {
        List<Line> next = lines.stream()
                .map(l -> l.agePending() ? l.approvedBy(staff) : l)
                .toList();
        return new Trip(id, storeId, memberId, tokenHash, status, createdAt, lastActivityAt, nextLine, version, next);
    }

    private Trip with(List<Line> next, int nextLineNumber, Instant at) {
        return new Trip(id, storeId, memberId, tokenHash, status, createdAt, at, nextLineNumber, version, next);
    }

    static void checkQuantity(int quantity, int min) {
        if (quantity < min || quantity > MAX_QUANTITY) {
            throw new ProblemException(
                    ErrorCode.INVALID_QUANTITY,
                    "A quantity is " + min + "–" + MAX_QUANTITY + ".",
                    Map.of("errors", List.of(Map.of("path", "quantity", "reason", "out of range"))));
        }
    }
}
