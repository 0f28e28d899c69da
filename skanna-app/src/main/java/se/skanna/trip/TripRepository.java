package se.skanna.trip;

import static se.skanna.shared.Times.instant;
import static se.skanna.shared.Times.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;
import se.skanna.trip.Trip.Status;

/**
 * The trip table: one row per trip holding its status, activity, risk signals and cart lines ({@link TripLines}),
 * and {@code trip_scan}, every scan id a trip has seen (idempotency). Changes of status and of the cart are guarded
 * updates: they name the state they expect and fail with a stable code when the row is not in it.
 */
@Repository
class TripRepository {

    private final JdbcClient jdbc;

    TripRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A scan seen before: what it scanned, and the line it answered ({@link TripLines#encodeAnswer}). */
    record ScanRow(String code, int quantity, String answer) {}

    /** A trip read under its row lock for a scan, with the scan of the same id if the trip saw one. */
    record ForScan(Trip trip, Optional<ScanRow> earlier) {}

    void insert(Trip trip) {
        jdbc.sql("insert into trip (id, store_id, member_id, member_verified, token_hash, status, created_at,"
                        + " last_activity_at, next_line, lines, version, age_pending) values (:id, :store, :member,"
                        + " :verified, :hash, :status, :at, :at, :next, :lines, :version, :agePending)")
                .param("id", trip.id())
                .param("store", trip.storeId())
                .param("member", trip.memberId())
                // Trips.start stores only verified member ids; trips from before verification keep theirs unverified
                .param("verified", trip.memberId() != null)
                .param("hash", trip.tokenHash())
                .param("status", trip.status().name())
                .param("at", utc(trip.createdAt()))
                .param("next", trip.nextLine())
                .param("lines", TripLines.encode(trip.lines()))
                .param("version", trip.version())
                .param("agePending", trip.agePending())
                .update();
    }

    Optional<Trip> find(String id) {
        return jdbc.sql("select * from trip where id = :id")
                .param("id", id)
                .query((rs, n) -> trip(rs))
                .optional();
    }

    Optional<Trip> lock(String id) {
        return jdbc.sql("select * from trip where id = :id for update")
                .param("id", id)
                .query((rs, n) -> trip(rs))
                .optional();
    }

    /**
     * The first of a scan's statements: locks the trip and reads it with its lines and the earlier scan of the same
     * id, if any. (On PostgreSQL a scan that waited for the lock may miss a scan of the same id committed meanwhile;
     * {@link #insertScan} then inserts nothing, and the caller answers it as a repeat.)
     */
    Optional<ForScan> lockForScan(String id, String scanId) {
        return jdbc.sql("select t.*, (select s.code from trip_scan s where s.trip_id = t.id and s.scan_id = :scan)"
                        + " as earlier_code, (select s.quantity from trip_scan s where s.trip_id = t.id"
                        + " and s.scan_id = :scan) as earlier_quantity, (select s.answer from trip_scan s"
                        + " where s.trip_id = t.id and s.scan_id = :scan) as earlier_answer"
                        + " from trip t where t.id = :id for update")
                .param("id", id)
                .param("scan", scanId)
                .query((rs, n) -> {
                    String code = rs.getString("earlier_code");
                    Optional<ScanRow> earlier = code == null
                            ? Optional.empty()
                            : Optional.of(
                                    new ScanRow(code, rs.getInt("earlier_quantity"), rs.getString("earlier_answer")));
                    return new ForScan(trip(rs), earlier);
                })
                .optional();
    }

    /**
     * What a change of the cart adds to the trip's risk signals: the pause before it (the longest is kept),
     * whether it was a scale label typed in by hand, whether it took items away.
     */
    record Signals(long gapSeconds, boolean manualLabel, boolean removal) {

        static final Signals NONE = new Signals(0, false, false);
    }

    /**
     * Stores a trip's cart and activity in one statement, if the row is still as {@code before} was read (same
     * version, same status); refuses with {@code trip_state_conflict} otherwise, and nothing changes.
     */
    void saveCart(Trip before, Trip after, Signals signals) {
        int updated = jdbc.sql("update trip set lines = :lines, version = version + 1, next_line = :next,"
                        + " last_activity_at = :at, age_pending = :agePending,"
                        + " longest_gap_seconds = case when longest_gap_seconds < :gap then :gap"
                        + " else longest_gap_seconds end, manual_labels = manual_labels + :manual,"
                        + " removed_lines = removed_lines + :removed where id = :id and version = :version"
                        + " and status = :status")
                .param("lines", TripLines.encode(after.lines()))
                .param("next", after.nextLine())
                .param("at", utc(after.lastActivityAt()))
                .param("agePending", after.agePending())
                .param("gap", signals.gapSeconds())
                .param("manual", signals.manualLabel() ? 1 : 0)
                .param("removed", signals.removal() ? 1 : 0)
                .param("id", before.id())
                .param("version", before.version())
                .param("status", before.status().name())
                .update();
        if (updated != 1) {
            throw new ProblemException(
                    ErrorCode.TRIP_STATE_CONFLICT,
                    "Trip " + before.id() + " changed meanwhile; send the change again.",
                    java.util.Map.of("tripStatus", before.status().name()));
        }
    }

    /**
     * Moves a trip from {@code expected} to {@code next} (the rules of {@link Status#canMoveTo} allowing); a trip
     * not in {@code expected} any more is refused with a stable code and nothing changes.
     */
    void moveStatus(String id, Status expected, Status next) {
        expected.requireMoveTo(next, id);
        int updated = jdbc.sql("update trip set status = :next where id = :id and status = :expected")
                .param("next", next.name())
                .param("id", id)
                .param("expected", expected.name())
                .update();
        if (updated != 1) {
            throw refusedMove(id, next);
        }
    }

    /** PAYING → PAID, with when and whether the trip was picked for an exit audit. */
    void markPaid(String id, Instant at, boolean auditSelected) {
        Status.PAYING.requireMoveTo(Status.PAID, id);
        int updated = jdbc.sql("update trip set status = 'PAID', paid_at = :at, audit_selected = :audit"
                        + " where id = :id and status = 'PAYING'")
                .param("at", utc(at))
                .param("audit", auditSelected)
                .param("id", id)
                .update();
        if (updated != 1) {
            throw refusedMove(id, Status.PAID);
        }
    }

    private ProblemException refusedMove(String id, Status next) {
        Status actual = jdbc.sql("select status from trip where id = :id")
                .param("id", id)
                .query((rs, n) -> Status.valueOf(rs.getString("status")))
                .optional()
                .orElseThrow(() -> new ProblemException(ErrorCode.TRIP_NOT_FOUND, "There is no trip " + id + "."));
        return Trip.illegalMove(id, actual, next);
    }

    Optional<Instant> paidAt(String id) {
        return jdbc.sql("select paid_at from trip where id = :id and status = 'PAID'")
                .param("id", id)
                .query((rs, n) -> rs.getObject("paid_at", OffsetDateTime.class))
                .optional()
                .map(OffsetDateTime::toInstant);
    }

    record RiskRow(
            int removedLines,
            int unknownCodes,
            long previousTrips,
            boolean auditSelected,
            Status status,
            long longestGapSeconds,
            int manualLabels) {}

    RiskRow risk(String tripId) {
        return jdbc.sql(
                        "select removed_lines, unknown_codes, audit_selected, status, longest_gap_seconds, manual_labels,"
                                + " case when member_verified then member_id end as member_id from trip where id = :id")
                .param("id", tripId)
                .query((rs, n) -> new RiskRow(
                        rs.getInt("removed_lines"),
                        rs.getInt("unknown_codes"),
                        previousTrips(rs.getString("member_id"), tripId),
                        rs.getBoolean("audit_selected"),
                        Status.valueOf(rs.getString("status")),
                        rs.getLong("longest_gap_seconds"),
                        rs.getInt("manual_labels")))
                .single();
    }

    private long previousTrips(String memberId, String tripId) {
        if (memberId == null) {
            return 0;
        }
        return jdbc.sql("select count(*) from trip where member_id = :member and member_verified and status = 'PAID'"
                        + " and id <> :id")
                .param("member", memberId)
                .param("id", tripId)
                .query(Long.class)
                .single();
    }

    record AgeCheckRow(String tripId, Status status, Instant lastActivityAt, String itemName, int ageLimit) {}

    /** Unapproved age-restricted lines of a store's open or paying trips active since {@code since}. */
    List<AgeCheckRow> awaitingAgeCheck(String storeId, Instant since) {
        List<AgeCheckRow> rows = new java.util.ArrayList<>();
        jdbc.sql("select id, status, last_activity_at, lines from trip where store_id = :store"
                        + " and status in ('OPEN', 'PAYING') and last_activity_at >= :since and age_pending > 0"
                        + " order by last_activity_at, id")
                .param("store", storeId)
                .param("since", utc(since))
                .query(rs -> {
                    String id = rs.getString("id");
                    Status status = Status.valueOf(rs.getString("status"));
                    Instant at = instant(rs, "last_activity_at");
                    for (Trip.Line line : TripLines.decode(rs.getString("lines"))) {
                        if (line.agePending()) {
                            rows.add(new AgeCheckRow(id, status, at, line.name(), line.ageLimit()));
                        }
                    }
                });
        return rows;
    }

    void countUnknownCode(String id) {
        jdbc.sql("update trip set unknown_codes = unknown_codes + 1 where id = :id")
                .param("id", id)
                .update();
    }

    record OpenTripRow(
            String id,
            boolean member,
            Status status,
            Instant createdAt,
            Instant lastActivityAt,
            int agePending,
            boolean callingStaff,
            List<Trip.Line> lines) {}

    /**
     * A store's trips still under way: paying, or open and active since {@code since}; the most recently active
     * first, at most {@code limit}.
     */
    List<OpenTripRow> open(String storeId, Instant since, int limit) {
        return jdbc.sql("select t.id, t.member_verified, t.status, t.created_at, t.last_activity_at, t.age_pending,"
                        + " t.lines, (select count(*) from assistance_request a where a.open_trip_id = t.id) as calling"
                        + " from trip t where t.store_id = :store and (t.status = 'PAYING'"
                        + " or (t.status = 'OPEN' and t.last_activity_at >= :since))"
                        + " order by t.last_activity_at desc, t.id limit :limit")
                .param("store", storeId)
                .param("since", utc(since))
                .param("limit", limit)
                .query((rs, n) -> new OpenTripRow(
                        rs.getString("id"),
                        rs.getBoolean("member_verified"),
                        Status.valueOf(rs.getString("status")),
                        instant(rs, "created_at"),
                        instant(rs, "last_activity_at"),
                        rs.getInt("age_pending"),
                        rs.getInt("calling") > 0,
                        TripLines.decode(rs.getString("lines"))))
                .list();
    }

    record DayRow(long started, long paid, long open) {}

    /** Of the store's trips started in [from, to): how many, how many are paid, how many still under way. */
    DayRow startedBetween(String storeId, Instant from, Instant to, Instant activeSince) {
        return jdbc.sql("select count(*) as started,"
                        + " coalesce(sum(case when status = 'PAID' then 1 else 0 end), 0) as paid,"
                        + " coalesce(sum(case when status = 'PAYING' or (status = 'OPEN'"
                        + " and last_activity_at >= :since) then 1 else 0 end), 0) as still_open"
                        + " from trip where store_id = :store and created_at >= :from and created_at < :to")
                .param("store", storeId)
                .param("from", utc(from))
                .param("to", utc(to))
                .param("since", utc(activeSince))
                .query((rs, n) -> new DayRow(rs.getLong("started"), rs.getLong("paid"), rs.getLong("still_open")))
                .single();
    }

    Optional<ScanRow> scan(String tripId, String scanId) {
        return jdbc.sql("select code, quantity, answer from trip_scan where trip_id = :trip and scan_id = :scan")
                .param("trip", tripId)
                .param("scan", scanId)
                .query((rs, n) -> new ScanRow(rs.getString("code"), rs.getInt("quantity"), rs.getString("answer")))
                .optional();
    }

    /**
     * Records a scan by its id, with the line it answered; false if the trip already has a scan of that id (then
     * nothing is written).
     */
    boolean insertScan(String tripId, String scanId, String code, int quantity, Cart.Line line, Instant at) {
        return jdbc.sql(
                                "insert into trip_scan (trip_id, scan_id, code, quantity, line_id, answer, scanned_at)"
                                        + " values (:trip, :scan, :code, :quantity, :line, :answer, :at) on conflict do nothing")
                        .param("trip", tripId)
                        .param("scan", scanId)
                        .param("code", code)
                        .param("quantity", quantity)
                        .param("line", line.lineId())
                        .param("answer", TripLines.encodeAnswer(line))
                        .param("at", utc(at))
                        .update()
                == 1;
    }

    private static Trip trip(ResultSet rs) throws SQLException {
        return new Trip(
                rs.getString("id"),
                rs.getString("store_id"),
                // an unverified member id (from before verification) counts for nothing: no prices, no history
                rs.getBoolean("member_verified") ? rs.getString("member_id") : null,
                rs.getString("token_hash"),
                Status.valueOf(rs.getString("status")),
                instant(rs, "created_at"),
                instant(rs, "last_activity_at"),
                rs.getInt("next_line"),
                rs.getInt("version"),
                TripLines.decode(rs.getString("lines")));
    }
}
