package se.skanna.trip;

import static se.skanna.shared.Times.instant;
import static se.skanna.shared.Times.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class TripRepository {

    private final JdbcClient jdbc;

    TripRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    enum Status {
        OPEN,
        PAYING,
        PAID,
        EXPIRED,
        CANCELLED
    }

    record TripRow(
            String id,
            String storeId,
            String memberId,
            String tokenHash,
            Status status,
            Instant createdAt,
            Instant lastActivityAt,
            int nextLine) {}

    record LineRow(
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
            String ageApprovedBy) {}

    record ScanRow(String code, int quantity, String answer) {}

    void insert(TripRow trip) {
        jdbc.sql("insert into trip (id, store_id, member_id, member_verified, token_hash, status, created_at,"
                        + " last_activity_at, next_line) values (:id, :store, :member, :verified, :hash, :status, :at,"
                        + " :at, 1)")
                .param("id", trip.id())
                .param("store", trip.storeId())
                .param("member", trip.memberId())
                // Trips.start stores only verified member ids; trips from before verification keep theirs unverified
                .param("verified", trip.memberId() != null)
                .param("hash", trip.tokenHash())
                .param("status", trip.status().name())
                .param("at", utc(trip.createdAt()))
                .update();
    }

    Optional<TripRow> find(String id) {
        return jdbc.sql("select * from trip where id = :id")
                .param("id", id)
                .query((rs, n) -> trip(rs))
                .optional();
    }

    Optional<TripRow> lock(String id) {
        return jdbc.sql("select * from trip where id = :id for update")
                .param("id", id)
                .query((rs, n) -> trip(rs))
                .optional();
    }

    /** Remembers the longest pause between two changes of the cart (a long pause is a risk signal). */
    void recordGap(String id, long seconds) {
        jdbc.sql("update trip set longest_gap_seconds = :gap where id = :id and longest_gap_seconds < :gap")
                .param("gap", seconds)
                .param("id", id)
                .update();
    }

    void touch(String id, Instant at, int nextLine) {
        jdbc.sql("update trip set last_activity_at = :at, next_line = :next where id = :id")
                .param("at", utc(at))
                .param("next", nextLine)
                .param("id", id)
                .update();
    }

    void markPaid(String id, Instant at, boolean auditSelected) {
        jdbc.sql("update trip set status = 'PAID', paid_at = :at, audit_selected = :audit where id = :id")
                .param("at", utc(at))
                .param("audit", auditSelected)
                .param("id", id)
                .update();
    }

    Optional<Instant> paidAt(String id) {
        return jdbc.sql("select paid_at from trip where id = :id and status = 'PAID'")
                .param("id", id)
                .query((rs, n) -> instant(rs, "paid_at"))
                .optional();
    }

    void approveAgeRestricted(String tripId, String by) {
        jdbc.sql("update trip_line set age_approved_by = :by where trip_id = :trip and age_limit is not null"
                        + " and age_approved_by is null")
                .param("by", by)
                .param("trip", tripId)
                .update();
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

    void setStatus(String id, Status status) {
        jdbc.sql("update trip set status = :status where id = :id")
                .param("status", status.name())
                .param("id", id)
                .update();
    }

    record AgeCheckRow(String tripId, Status status, Instant lastActivityAt, String itemName, int ageLimit) {}

    /** Unapproved age-restricted lines of a store's open or paying trips active since {@code since}. */
    List<AgeCheckRow> awaitingAgeCheck(String storeId, Instant since) {
        return jdbc.sql("select t.id, t.status, t.last_activity_at, l.name, l.age_limit from trip t"
                        + " join trip_line l on l.trip_id = t.id where t.store_id = :store"
                        + " and t.status in ('OPEN', 'PAYING') and t.last_activity_at >= :since"
                        + " and l.age_limit is not null and l.age_approved_by is null"
                        + " order by t.last_activity_at, t.id, l.position")
                .param("store", storeId)
                .param("since", utc(since))
                .query((rs, n) -> new AgeCheckRow(
                        rs.getString("id"),
                        Status.valueOf(rs.getString("status")),
                        instant(rs, "last_activity_at"),
                        rs.getString("name"),
                        rs.getInt("age_limit")))
                .list();
    }

    void countRemoval(String id) {
        jdbc.sql("update trip set removed_lines = removed_lines + 1 where id = :id")
                .param("id", id)
                .update();
    }

    void countManualLabel(String id) {
        jdbc.sql("update trip set manual_labels = manual_labels + 1 where id = :id")
                .param("id", id)
                .update();
    }

    void countUnknownCode(String id) {
        jdbc.sql("update trip set unknown_codes = unknown_codes + 1 where id = :id")
                .param("id", id)
                .update();
    }

    List<LineRow> lines(String tripId) {
        return jdbc.sql("select * from trip_line where trip_id = :id order by position")
                .param("id", tripId)
                .query((rs, n) -> line(rs))
                .list();
    }

    /** The lines of several trips at once, by trip id, each trip's in cart order. */
    java.util.Map<String, List<LineRow>> lines(java.util.Collection<String> tripIds) {
        java.util.Map<String, List<LineRow>> byTrip = new java.util.HashMap<>();
        if (tripIds.isEmpty()) {
            return byTrip;
        }
        jdbc.sql("select * from trip_line where trip_id in (:ids) order by trip_id, position")
                .param("ids", List.copyOf(tripIds))
                .query(rs -> {
                    byTrip.computeIfAbsent(rs.getString("trip_id"), id -> new java.util.ArrayList<>())
                            .add(line(rs));
                });
        return byTrip;
    }

    record OpenTripRow(
            String id,
            boolean member,
            Status status,
            Instant createdAt,
            Instant lastActivityAt,
            int agePending,
            boolean callingStaff) {}

    /**
     * A store's trips still under way: paying, or open and active since {@code since}; the most recently active
     * first, at most {@code limit}.
     */
    List<OpenTripRow> open(String storeId, Instant since, int limit) {
        return jdbc.sql("select t.id, t.member_verified, t.status, t.created_at, t.last_activity_at,"
                        + " (select count(*) from trip_line l where l.trip_id = t.id and l.age_limit is not null"
                        + " and l.age_approved_by is null) as age_pending,"
                        + " (select count(*) from assistance_request a where a.open_trip_id = t.id) as calling"
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
                        rs.getInt("calling") > 0))
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

    private static LineRow line(ResultSet rs) throws SQLException {
        return new LineRow(
                rs.getString("line_id"),
                rs.getInt("position"),
                rs.getString("code"),
                rs.getString("gtin"),
                rs.getString("name"),
                rs.getInt("quantity"),
                rs.getObject("weight_grams", Long.class),
                rs.getLong("unit_price"),
                rs.getObject("amount", Long.class),
                rs.getBoolean("measured"),
                rs.getLong("deposit"),
                rs.getInt("vat_rate"),
                rs.getObject("age_limit", Integer.class),
                rs.getString("age_approved_by"));
    }

    void insertLine(String tripId, LineRow line) {
        jdbc.sql("insert into trip_line (trip_id, line_id, position, code, gtin, name, quantity, weight_grams,"
                        + " unit_price, amount, measured, deposit, vat_rate, age_limit) values (:trip, :line,"
                        + " :position, :code, :gtin, :name, :quantity, :weight, :unitPrice, :amount, :measured,"
                        + " :deposit, :vat, :age)")
                .param("trip", tripId)
                .param("line", line.lineId())
                .param("position", line.position())
                .param("code", line.code())
                .param("gtin", line.gtin())
                .param("name", line.name())
                .param("quantity", line.quantity())
                .param("weight", line.weightGrams(), java.sql.Types.BIGINT)
                .param("unitPrice", line.unitPrice())
                .param("amount", line.amount(), java.sql.Types.BIGINT)
                .param("measured", line.measured())
                .param("deposit", line.deposit())
                .param("vat", line.vatRate())
                .param("age", line.ageLimit(), java.sql.Types.INTEGER)
                .update();
    }

    void setQuantity(String tripId, String lineId, int quantity) {
        jdbc.sql("update trip_line set quantity = :quantity where trip_id = :trip and line_id = :line")
                .param("quantity", quantity)
                .param("trip", tripId)
                .param("line", lineId)
                .update();
    }

    void deleteLine(String tripId, String lineId) {
        jdbc.sql("delete from trip_line where trip_id = :trip and line_id = :line")
                .param("trip", tripId)
                .param("line", lineId)
                .update();
    }

    Optional<ScanRow> scan(String tripId, String scanId) {
        return jdbc.sql("select code, quantity, answer from trip_scan where trip_id = :trip and scan_id = :scan")
                .param("trip", tripId)
                .param("scan", scanId)
                .query((rs, n) -> new ScanRow(rs.getString("code"), rs.getInt("quantity"), rs.getString("answer")))
                .optional();
    }

    void insertScan(String tripId, String scanId, String code, int quantity, String lineId, String answer, Instant at) {
        jdbc.sql("insert into trip_scan (trip_id, scan_id, code, quantity, line_id, answer, scanned_at)"
                        + " values (:trip, :scan, :code, :quantity, :line, :answer, :at)")
                .param("trip", tripId)
                .param("scan", scanId)
                .param("code", code)
                .param("quantity", quantity)
                .param("line", lineId)
                .param("answer", answer)
                .param("at", utc(at))
                .update();
    }

    private static TripRow trip(ResultSet rs) throws SQLException {
        return new TripRow(
                rs.getString("id"),
                rs.getString("store_id"),
                // an unverified member id (from before verification) counts for nothing: no prices, no history
                rs.getBoolean("member_verified") ? rs.getString("member_id") : null,
                rs.getString("token_hash"),
                Status.valueOf(rs.getString("status")),
                instant(rs, "created_at"),
                instant(rs, "last_activity_at"),
                rs.getInt("next_line"));
    }
}
