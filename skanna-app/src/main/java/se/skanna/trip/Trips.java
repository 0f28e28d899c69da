package se.skanna.trip;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import se.skanna.catalog.Catalog;
import se.skanna.catalog.SaleUnit;
import se.skanna.catalog.ScannedItem;
import se.skanna.member.Members;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;
import se.skanna.staff.AccessPolicy;
import se.skanna.staff.ActionLog;
import se.skanna.staff.Role;
import se.skanna.staff.StaffPrincipal;
import se.skanna.store.Store;
import se.skanna.store.StoreNetwork;
import se.skanna.trip.TripRepository.LineRow;
import se.skanna.trip.TripRepository.Status;
import se.skanna.trip.TripRepository.TripRow;
import tools.jackson.databind.ObjectMapper;

/**
 * The shopper's trip: a cart that the server prices, changed only with the trip's token, durable before
 * every answer, and idempotent per scan id.
 */
@Service
public class Trips {

    static final int MAX_QUANTITY = 99;
    private static final Pattern SCAN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final TripRepository trips;
    private final StoreNetwork stores;
    private final Catalog catalog;
    private final Members members;
    private final CartPricer pricer;
    private final TransactionTemplate transactions;
    private final AccessPolicy access;
    private final ActionLog log;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration idleTimeout;
    private final org.springframework.context.ApplicationEventPublisher events;

    Trips(
            TripRepository trips,
            StoreNetwork stores,
            Catalog catalog,
            Members members,
            CartPricer pricer,
            TransactionTemplate transactions,
            AccessPolicy access,
            ActionLog log,
            ObjectMapper json,
            Clock clock,
            org.springframework.context.ApplicationEventPublisher events,
            @Value("${skanna.trips.idle-timeout:2h}") Duration idleTimeout) {
        this.events = events;
        this.trips = trips;
        this.stores = stores;
        this.catalog = catalog;
        this.members = members;
        this.pricer = pricer;
        this.transactions = transactions;
        this.access = access;
        this.log = log;
        this.json = json;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
    }

    /** The token of an {@code Authorization: Bearer …} header, or null when there is none. */
    public static String bearerToken(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorizationHeader.substring(7).strip();
    }

    /** A new trip and the token that opens it; the token is shown this once and kept only as a hash. */
    public record Started(String tripId, String token, String storeId, String status, Cart cart) {}

    public record View(String tripId, String storeId, String status, Cart cart) {}

    /**
     * Starts a trip; a member id counts only when verified ({@link Members#verify}): imported by the chain or
     * carried by a member token. Anything else is refused, so member prices need a real member.
     */
    public Started start(String storeId, String memberId, String memberToken) {
        Store store = stores.get(storeId);
        if (!store.status().sellsInApp()) {
            throw new ProblemException(
                    ErrorCode.STORE_CLOSED,
                    store.name() + " is closed" + (store.message() == null ? "." : ": " + store.message()));
        }
        String member = members.verify(memberId, memberToken);
        String token = TripTokens.newToken();
        String id = "t-" + UUID.randomUUID();
        Instant now = clock.instant();
        transactions.executeWithoutResult(status ->
                trips.insert(new TripRow(id, storeId, member, TripTokens.hash(token), Status.OPEN, now, now, 1)));
        return new Started(
                id, token, storeId, Status.OPEN.name(), pricer.price(storeId, member != null, List.of(), now));
    }

    public View view(String tripId, String token) {
        TripRow trip = authorized(trips.find(tripId), tripId, token);
        Instant now = clock.instant();
        return new View(trip.id(), trip.storeId(), effectiveStatus(trip, now).name(), cart(trip, now));
    }

    /** How a code reached the cart: read by the camera (the default) or typed in by hand. */
    public enum Entry {
        CAMERA,
        MANUAL
    }

    /**
     * Adds a scanned item. The same scan id again answers exactly as the first time and adds nothing; a scan id
     * reused for another code is refused. A weight or price label outside the product's plausible bounds is
     * refused ({@code implausible_label}); one typed in by hand is counted as a risk signal for exit audits.
     */
    public String scan(String tripId, String token, String scanId, String code, Integer quantity, Entry entry) {
        if (scanId == null || !SCAN_ID.matcher(scanId).matches()) {
            throw ProblemException.invalidField("scanId", "A scan id is 1–64 letters, digits or '.', '_', ':', '-'.");
        }
        if (code == null || code.isBlank() || code.length() > 512) {
            throw ProblemException.invalidField("code", "Give the scanned code (at most 512 characters).");
        }
        int count = quantity == null ? 1 : quantity;
        checkQuantity(count, 1);
        try {
            return transactions.execute(status ->
                    scanInTransaction(tripId, token, scanId, code, count, entry == null ? Entry.CAMERA : entry));
        } catch (ProblemException e) {
            if (e.code() == ErrorCode.UNKNOWN_PRODUCT
                    || e.code() == ErrorCode.INVALID_BARCODE
                    || e.code() == ErrorCode.IMPLAUSIBLE_LABEL) {
                // a risk signal for exit audits, kept although the scan itself changed nothing
                transactions.executeWithoutResult(status -> trips.countUnknownCode(tripId));
            }
            throw e;
        }
    }

    private String scanInTransaction(
            String tripId, String token, String scanId, String code, int quantity, Entry entry) {
        TripRow trip = authorized(trips.lock(tripId), tripId, token);
        var earlier = trips.scan(tripId, scanId);
        if (earlier.isPresent()) {
            if (!earlier.get().code().equals(code) || earlier.get().quantity() != quantity) {
                throw new ProblemException(
                        ErrorCode.SCAN_ID_REUSED, "Scan id " + scanId + " was already used for another scan.");
            }
            return earlier.get().answer();
        }
        Instant now = clock.instant();
        requireOpen(trip, now);
        ScannedItem item = catalog.resolveForSale(trip.storeId(), code);
        boolean measured = item.barcode().price().filter(p -> p > 0).isPresent()
                || item.product().unit() == SaleUnit.KG;
        if (item.amount() == null) {
            throw new ProblemException(
                    ErrorCode.WEIGHT_REQUIRED,
                    item.product().name() + " is sold by weight: weigh it at the scale and scan the label.");
        }
        if (measured && quantity != 1) {
            throw ProblemException.invalidField(
                    "quantity", "A weighed or price-labelled item is scanned one at a time.");
        }
        List<LineRow> lines = trips.lines(tripId);
        LineRow line = measured
                ? null
                : lines.stream()
                        .filter(l -> !l.measured()
                                && l.gtin().equals(item.product().gtin())
                                && l.unitPrice() == item.unitPrice())
                        .findFirst()
                        .orElse(null);
        int nextLine = trip.nextLine();
        String lineId;
        if (line != null) {
            checkQuantity(line.quantity() + quantity, 1);
            trips.setQuantity(tripId, line.lineId(), line.quantity() + quantity);
            lineId = line.lineId();
        } else {
            lineId = "l" + nextLine;
            trips.insertLine(
                    tripId,
                    new LineRow(
                            lineId,
                            nextLine,
                            code,
                            item.product().gtin(),
                            item.product().name(),
                            quantity,
                            item.weightGrams(),
                            item.unitPrice(),
                            measured ? item.amount() : null,
                            measured,
                            item.product().deposit(),
                            item.vatRate(),
                            item.product().ageLimit(),
                            null));
            nextLine++;
            if (item.product().ageLimit() != null) {
                events.publishEvent(new FloorChanged(trip.storeId()));
            }
        }
        if (entry == Entry.MANUAL
                && (item.weightGrams() != null
                        || item.barcode().price().filter(p -> p > 0).isPresent())) {
            // nobody types a scale label's digits without a reason: worth a look at the exit
            trips.countManualLabel(tripId);
        }
        if (!lines.isEmpty()) {
            trips.recordGap(
                    tripId,
                    java.time.Duration.between(trip.lastActivityAt(), now).toSeconds());
        }
        trips.touch(tripId, now, nextLine);
        Cart cart = cart(trip, now);
        Cart.Line added = cart.lines().stream()
                .filter(l -> l.lineId().equals(lineId))
                .findFirst()
                .orElseThrow();
        String answer = json.writeValueAsString(Map.of("line", added, "cart", cart));
        trips.insertScan(tripId, scanId, code, quantity, lineId, answer, now);
        return answer;
    }

    /** What checkout needs of a trip, read under the trip's row lock. */
    public record ForCheckout(
            String tripId, String storeId, String status, boolean member, Cart cart, boolean ageCheckPending) {}

    /** Risk signals for exit audits. {@code previousTrips} counts the member's earlier paid trips (0 for guests). */
    public record Risk(
            int removedLines,
            int unknownCodes,
            long previousTrips,
            boolean auditSelected,
            String status,
            long longestScanGapSeconds,
            int manualLabels) {}

    /** Locks the trip for checkout (call inside a transaction) after checking its token. */
    public ForCheckout lockForCheckout(String tripId, String token) {
        return forCheckout(authorized(trips.lock(tripId), tripId, token));
    }

    /** Locks a trip whose payment the provider confirmed (call inside a transaction); no token involved. */
    public ForCheckout lockForSale(String tripId) {
        return forCheckout(trips.lock(tripId).orElseThrow());
    }

    private ForCheckout forCheckout(TripRow trip) {
        String tripId = trip.id();
        Instant now = clock.instant();
        List<LineRow> lines = trips.lines(tripId);
        boolean pending = lines.stream().anyMatch(l -> l.ageLimit() != null && l.ageApprovedBy() == null);
        return new ForCheckout(
                trip.id(),
                trip.storeId(),
                effectiveStatus(trip, now).name(),
                trip.memberId() != null,
                pricer.price(trip.storeId(), trip.memberId() != null, lines, now),
                pending);
    }

    /** Checkout moves the trip along: PAYING while a payment runs, OPEN again if it fails. */
    public void markPaying(String tripId) {
        trips.setStatus(tripId, Status.PAYING);
    }

    public void reopen(String tripId) {
        trips.setStatus(tripId, Status.OPEN);
    }

    public void markPaid(String tripId, boolean auditSelected) {
        trips.markPaid(tripId, clock.instant(), auditSelected);
    }

    /** When the trip was paid; empty while it is not paid. */
    public java.util.Optional<Instant> paidAt(String tripId) {
        return trips.paidAt(tripId);
    }

    public Risk risk(String tripId) {
        TripRepository.RiskRow row = trips.risk(tripId);
        return new Risk(
                row.removedLines(),
                row.unknownCodes(),
                row.previousTrips(),
                row.auditSelected(),
                row.status().name(),
                row.longestGapSeconds(),
                row.manualLabels());
    }

    /** What a paid trip's basket should hold: items per product GTIN, and the products' names. */
    public record Basket(String storeId, String status, Map<String, Integer> items, Map<String, String> names) {}

    public Basket basket(String tripId) {
        TripRow trip = trips.find(tripId)
                .orElseThrow(() -> new ProblemException(ErrorCode.TRIP_NOT_FOUND, "There is no trip " + tripId + "."));
        Map<String, Integer> items = new java.util.TreeMap<>();
        Map<String, String> names = new java.util.HashMap<>();
        for (LineRow line : trips.lines(tripId)) {
            items.merge(line.gtin(), line.quantity(), Integer::sum);
            names.put(line.gtin(), line.name());
        }
        return new Basket(trip.storeId(), trip.status().name(), items, names);
    }

    /** The store a trip belongs to, for staff checks. */
    public String storeOf(String tripId) {
        return trips.find(tripId)
                .orElseThrow(() -> new ProblemException(ErrorCode.TRIP_NOT_FOUND, "There is no trip " + tripId + "."))
                .storeId();
    }

    /** A trip waiting for a staff member to check the shopper's age, with its age-restricted items. */
    public record AgeCheck(String tripId, String status, Instant lastActivityAt, int ageLimit, List<String> items) {}

    /**
     * The store's open or paying trips (not idle past the timeout) holding age-restricted lines that no staff
     * member has approved yet, oldest activity first. The caller checks that its user may see the store.
     */
    public List<AgeCheck> awaitingAgeCheck(String storeId) {
        Map<String, AgeCheck> byTrip = new java.util.LinkedHashMap<>();
        for (TripRepository.AgeCheckRow row :
                trips.awaitingAgeCheck(storeId, clock.instant().minus(idleTimeout))) {
            AgeCheck seen = byTrip.get(row.tripId());
            List<String> items = new java.util.ArrayList<>(seen == null ? List.of() : seen.items());
            items.add(row.itemName());
            int limit = seen == null ? row.ageLimit() : Math.max(seen.ageLimit(), row.ageLimit());
            byTrip.put(
                    row.tripId(),
                    new AgeCheck(row.tripId(), row.status().name(), row.lastActivityAt(), limit, List.copyOf(items)));
        }
        return List.copyOf(byTrip.values());
    }

    /** At most this many trips in a store's list of open trips: the most recently active ones. */
    public static final int OPEN_TRIPS_LIMIT = 200;

    /**
     * A trip under way, as staff see it: when it started and was last active, its lines and priced total, whether
     * it waits for an age check, whether a payment is pending (the trip is PAYING) and whether the shopper is
     * calling for staff (a request not resolved yet).
     */
    public record OpenTrip(
            String tripId,
            String status,
            boolean member,
            Instant startedAt,
            Instant lastActivityAt,
            int lineCount,
            int itemCount,
            long total,
            boolean ageCheckPending,
            boolean paymentPending,
            boolean callingStaff) {}

    /**
     * The store's open trips (open and not idle past the timeout, or paying), the most recently active first, at
     * most {@link #OPEN_TRIPS_LIMIT}. For the store's staff, its managers and HQ.
     */
    public List<OpenTrip> openTrips(String storeId) {
        access.requireInStore(Role.STAFF, storeId);
        Instant now = clock.instant();
        List<TripRepository.OpenTripRow> rows = trips.open(storeId, now.minus(idleTimeout), OPEN_TRIPS_LIMIT);
        Map<String, List<LineRow>> lines =
                trips.lines(rows.stream().map(TripRepository.OpenTripRow::id).toList());
        List<se.skanna.pricing.Promotion> promotions = pricer.promotions(storeId, now);
        return rows.stream()
                .map(row -> {
                    List<LineRow> tripLines = lines.getOrDefault(row.id(), List.of());
                    Cart cart = pricer.price(row.member(), tripLines, promotions);
                    return new OpenTrip(
                            row.id(),
                            row.status().name(),
                            row.member(),
                            row.createdAt(),
                            row.lastActivityAt(),
                            tripLines.size(),
                            cart.itemCount(),
                            cart.total(),
                            row.agePending() > 0,
                            row.status() == Status.PAYING,
                            row.callingStaff());
                })
                .toList();
    }

    /**
     * The store's trips started in a period: {@code started = paid + open + abandoned}, where open trips are still
     * under way (open and not idle past the timeout, or paying) and abandoned ones ended without payment.
     */
    public record DayCounts(long started, long paid, long open, long abandoned) {}

    /** Counts of the store's trips started from {@code from} (inclusive) to {@code to} (exclusive); for managers. */
    public DayCounts startedBetween(String storeId, Instant from, Instant to) {
        access.requireInStore(Role.MANAGER, storeId);
        TripRepository.DayRow row =
                trips.startedBetween(storeId, from, to, clock.instant().minus(idleTimeout));
        return new DayCounts(row.started(), row.paid(), row.open(), row.started() - row.paid() - row.open());
    }

    /** A staff member saw the shopper's ID: every age-restricted line in the cart now may be paid for. */
    public Cart approveAgeRestricted(String tripId, StaffPrincipal staff) {
        return transactions.execute(status -> {
            TripRow trip = trips.lock(tripId)
                    .orElseThrow(
                            () -> new ProblemException(ErrorCode.TRIP_NOT_FOUND, "There is no trip " + tripId + "."));
            trips.approveAgeRestricted(tripId, staff.getUsername());
            log.record(staff, "AGE_APPROVED", trip.storeId(), tripId, null);
            events.publishEvent(new FloorChanged(trip.storeId()));
            return cart(trip, clock.instant());
        });
    }

    /** Sets a line's quantity; 0 removes the line. */
    public Cart changeQuantity(String tripId, String token, String lineId, Integer quantity) {
        if (quantity == null) {
            throw ProblemException.invalidField("quantity", "Give the new quantity (0 removes the line).");
        }
        checkQuantity(quantity, 0);
        return transactions.execute(status -> {
            TripRow trip = authorized(trips.lock(tripId), tripId, token);
            Instant now = clock.instant();
            requireOpen(trip, now);
            LineRow line = line(tripId, lineId);
            if (quantity == 0) {
                trips.deleteLine(tripId, lineId);
                trips.countRemoval(tripId);
            } else {
                if (line.measured() && quantity != 1) {
                    throw ProblemException.invalidField(
                            "quantity", "A weighed or price-labelled item is one piece; scan each piece.");
                }
                trips.setQuantity(tripId, lineId, quantity);
                if (quantity < line.quantity()) {
                    trips.countRemoval(tripId);
                }
            }
            trips.touch(tripId, now, trip.nextLine());
            return cart(trip, now);
        });
    }

    public Cart removeLine(String tripId, String token, String lineId) {
        return changeQuantity(tripId, token, lineId, 0);
    }

    private LineRow line(String tripId, String lineId) {
        return trips.lines(tripId).stream()
                .filter(l -> l.lineId().equals(lineId))
                .findFirst()
                .orElseThrow(() -> new ProblemException(
                        ErrorCode.LINE_NOT_FOUND, "There is no line " + lineId + " in this cart."));
    }

    private Cart cart(TripRow trip, Instant now) {
        return pricer.price(trip.storeId(), trip.memberId() != null, trips.lines(trip.id()), now);
    }

    /**
     * Locks a trip after checking its token (call inside a transaction), for the other parts of this module that
     * act for the shopper; the trip's status is its effective one (an idle open trip is EXPIRED).
     */
    TripRow lockForShopper(String tripId, String token) {
        TripRow trip = authorized(trips.lock(tripId), tripId, token);
        return new TripRow(
                trip.id(),
                trip.storeId(),
                trip.memberId(),
                trip.tokenHash(),
                effectiveStatus(trip, clock.instant()),
                trip.createdAt(),
                trip.lastActivityAt(),
                trip.nextLine());
    }

    /** Reads a trip after checking its token. */
    TripRow findForShopper(String tripId, String token) {
        return authorized(trips.find(tripId), tripId, token);
    }

    private TripRow authorized(java.util.Optional<TripRow> found, String tripId, String token) {
        if (token == null) {
            throw new ProblemException(ErrorCode.UNAUTHORIZED, "Send the trip's token as 'Authorization: Bearer …'.");
        }
        TripRow trip = found.orElseThrow(
                () -> new ProblemException(ErrorCode.TRIP_NOT_FOUND, "There is no trip " + tripId + "."));
        if (!TripTokens.matches(token, trip.tokenHash())) {
            throw new ProblemException(ErrorCode.FORBIDDEN, "This token does not open this trip.");
        }
        return trip;
    }

    private Status effectiveStatus(TripRow trip, Instant now) {
        if (trip.status() == Status.OPEN
                && trip.lastActivityAt().plus(idleTimeout).isBefore(now)) {
            return Status.EXPIRED;
        }
        return trip.status();
    }

    private void requireOpen(TripRow trip, Instant now) {
        Status status = effectiveStatus(trip, now);
        if (status != Status.OPEN) {
            throw new ProblemException(
                    ErrorCode.TRIP_NOT_OPEN,
                    switch (status) {
                        case EXPIRED ->
                            "This trip expired after " + idleTimeout.toMinutes() + " idle minutes; start a new one.";
                        case PAID -> "This trip is paid; it can no longer change.";
                        case PAYING -> "Payment has started; the cart can no longer change.";
                        default -> "This trip is closed.";
                    },
                    Map.of("tripStatus", status.name()));
        }
    }

    private static void checkQuantity(int quantity, int min) {
        if (quantity < min || quantity > MAX_QUANTITY) {
            throw new ProblemException(
                    ErrorCode.INVALID_QUANTITY,
                    "A quantity is " + min + "–" + MAX_QUANTITY + ".",
                    Map.of("errors", List.of(Map.of("path", "quantity", "reason", "out of range"))));
        }
    }
}
