package se.skanna.exit;

import static se.skanna.shared.Times.instant;
import static se.skanna.shared.Times.utc;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.skanna.catalog.Catalog;
import se.skanna.catalog.Product;
import se.skanna.catalog.ScannedItem;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;
import se.skanna.staff.AccessPolicy;
import se.skanna.staff.ActionLog;
import se.skanna.staff.Role;
import se.skanna.staff.StaffPrincipal;
import se.skanna.trip.Trips;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Exit audits. Staff rescan items from a paid basket; the first completion compares a partial rescan: any
 * item found that was not paid for escalates the audit to a full rescan, whose completion compares the whole
 * basket both ways. Results are kept for the store's managers; every scan and completion is written to the
 * action log in its own transaction, whether it came through a console page or the API.
 */
@Service
public class Audits {

    private final JdbcClient jdbc;
    private final Trips trips;
    private final Catalog catalog;
    private final AccessPolicy access;
    private final ActionLog log;
    private final ObjectMapper json;
    private final Clock clock;

    Audits(
            JdbcClient jdbc,
            Trips trips,
            Catalog catalog,
            AccessPolicy access,
            ActionLog log,
            ObjectMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.trips = trips;
        this.catalog = catalog;
        this.access = access;
        this.log = log;
        this.json = json;
        this.clock = clock;
    }

    public record Item(String gtin, String name, int quantity) {}

    public record Result(
            String tripId, String mode, String result, List<Item> missing, List<Item> extra, String next) {}

    record AuditRow(String tripId, String storeId, String mode, String state) {}

    /** An item found in the basket: the audit's mode now and how many items have been scanned so far. */
    public record Scanned(String tripId, String mode, String gtin, String name, int scanned) {}

    /**
     * An audit as its store's managers see it; {@code result} and {@code completedBy} are null while it is open,
     * {@code missing} and {@code extra} empty.
     */
    public record Summary(
            String tripId,
            String mode,
            String state,
            String result,
            String startedAt,
            String startedBy,
            String completedBy,
            List<Item> missing,
            List<Item> extra) {}

    /** One item scanned so far in a trip's audit, with the product's name. */
    public record Scan(int seq, String gtin, String name, Instant scannedAt, String scannedBy) {}

    /** A trip's audit as the auditor sees it: its mode and state, and the items scanned so far in scan order. */
    public record Progress(String mode, String state, List<Scan> scans) {}

    /** The audit of a trip so far (PARTIAL and OPEN with no scans before the first); for the store's staff. */
    @Transactional(readOnly = true)
    public Progress progress(String tripId) {
        Trips.Basket basket = trips.basket(tripId);
        access.requireInStore(Role.STAFF, basket.storeId());
        Optional<AuditRow> audit = find(tripId, false);
        List<Scan> scans = jdbc.sql("select seq, gtin, scanned_at, scanned_by from audit_scan where trip_id = :trip"
                        + " order by seq")
                .param("trip", tripId)
                .query((rs, n) -> new Scan(
                        rs.getInt("seq"),
                        rs.getString("gtin"),
                        nameOf(rs.getString("gtin"), basket.names()),
                        instant(rs, "scanned_at"),
                        rs.getString("scanned_by")))
                .list();
        return new Progress(
                audit.map(AuditRow::mode).orElse("PARTIAL"),
                audit.map(AuditRow::state).orElse("OPEN"),
                scans);
    }

    /**
     * Takes back an item scanned by mistake (the wrong item, or one scanned twice) while the audit is open;
     * written to the action log as {@code AUDIT_ITEM_REMOVED}.
     */
    @Transactional
    public Scan removeScan(String tripId, int seq) {
        Trips.Basket basket = trips.basket(tripId);
        StaffPrincipal staff = access.requireInStore(Role.STAFF, basket.storeId());
        AuditRow audit = find(tripId, true)
                .orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND, "No item of this audit is scanned."));
        if (audit.state().equals("COMPLETED")) {
            throw new ProblemException(ErrorCode.TRIP_NOT_OPEN, "This audit is completed.");
        }
        Scan removed = progress(tripId).scans().stream()
                .filter(scan -> scan.seq() == seq)
                .findFirst()
                .orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND, "That item is not in this audit."));
        jdbc.sql("delete from audit_scan where trip_id = :trip and seq = :seq")
                .param("trip", tripId)
                .param("seq", seq)
                .update();
        log.record(staff, "AUDIT_ITEM_REMOVED", basket.storeId(), tripId, removed.gtin() + " " + removed.name());
        return removed;
    }

    private String nameOf(String gtin, Map<String, String> basketNames) {
        String name = basketNames.get(gtin);
        return name != null ? name : catalog.product(gtin).map(Product::name).orElse(gtin);
    }

    /** Records an item found in the basket; the first one starts a partial audit. */
    @Transactional
    public Scanned scan(String tripId, String code) {
        Trips.Basket basket = trips.basket(tripId);
        StaffPrincipal staff = access.requireInStore(Role.STAFF, basket.storeId());
        if (!"PAID".equals(basket.status())) {
            throw new ProblemException(ErrorCode.NOT_PAID, "Only a paid trip can be audited.");
        }
        AuditRow audit = openAudit(tripId, basket.storeId(), staff.getUsername());
        if (audit.state().equals("COMPLETED")) {
            throw new ProblemException(ErrorCode.TRIP_NOT_OPEN, "This audit is completed.");
        }
        ScannedItem item = catalog.resolve(basket.storeId(), code);
        int seq = jdbc.sql("select coalesce(max(seq), 0) + 1 from audit_scan where trip_id = :trip")
                .param("trip", tripId)
                .query(Integer.class)
                .single();
        jdbc.sql("insert into audit_scan (trip_id, seq, gtin, code, scanned_at, scanned_by)"
                        + " values (:trip, :seq, :gtin, :code, :at, :by)")
                .param("trip", tripId)
                .param("seq", seq)
                .param("gtin", item.product().gtin())
                .param("code", code)
                .param("at", utc(clock.instant()))
                .param("by", staff.getUsername())
                .update();
        int count = jdbc.sql("select count(*) from audit_scan where trip_id = :trip")
                .param("trip", tripId)
                .query(Integer.class)
                .single();
        log.record(
                staff,
                "AUDIT_ITEM_SCANNED",
                basket.storeId(),
                tripId,
                item.product().gtin() + " " + item.product().name());
        return new Scanned(
                tripId, audit.mode(), item.product().gtin(), item.product().name(), count);
    }

    /** Compares what was rescanned with what was paid for. */
    @Transactional
    public Result complete(String tripId) {
        Trips.Basket basket = trips.basket(tripId);
        StaffPrincipal staff = access.requireInStore(Role.STAFF, basket.storeId());
        AuditRow audit = find(tripId, true)
                .orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND, "Scan an item of the basket first."));
        if (audit.state().equals("COMPLETED")) {
            throw new ProblemException(ErrorCode.TRIP_NOT_OPEN, "This audit is completed.");
        }
        Map<String, Integer> scanned = new TreeMap<>();
        jdbc.sql("select gtin from audit_scan where trip_id = :trip")
                .param("trip", tripId)
                .query(String.class)
                .list()
                .forEach(gtin -> scanned.merge(gtin, 1, Integer::sum));
        if (scanned.isEmpty() && audit.mode().equals("PARTIAL")) {
            throw new ProblemException(ErrorCode.NOT_FOUND, "Scan an item of the basket first.");
        }
        List<Item> extra = difference(scanned, basket.items(), gtin -> nameOf(gtin, basket.names()));
        List<Item> missing = audit.mode().equals("FULL")
                ? difference(basket.items(), scanned, gtin -> nameOf(gtin, basket.names()))
                : List.of();
        boolean ok = extra.isEmpty() && missing.isEmpty();
        Instant now = clock.instant();
        if (!ok && audit.mode().equals("PARTIAL")) {
            jdbc.sql("update audit set mode = 'FULL' where trip_id = :trip")
                    .param("trip", tripId)
                    .update();
            return logged(
                    staff, basket.storeId(), new Result(tripId, "PARTIAL", "DISCREPANCY", missing, extra, "FULL"));
        }
        jdbc.sql("update audit set state = 'COMPLETED', result = :result, missing = :missing, extra = :extra,"
                        + " completed_at = :at, completed_by = :by where trip_id = :trip")
                .param("result", ok ? "OK" : "DISCREPANCY")
                .param("missing", json.writeValueAsString(missing))
                .param("extra", json.writeValueAsString(extra))
                .param("at", utc(now))
                .param("by", staff.getUsername())
                .param("trip", tripId)
                .update();
        return logged(
                staff,
                basket.storeId(),
                new Result(tripId, audit.mode(), ok ? "OK" : "DISCREPANCY", missing, extra, null));
    }

    private Result logged(StaffPrincipal staff, String storeId, Result done) {
        log.record(
                staff,
                "FULL".equals(done.next()) ? "AUDIT_ESCALATED" : "AUDIT_COMPLETED",
                storeId,
                done.tripId(),
                done.mode() + " " + done.result() + " missing="
                        + done.missing().size() + " extra="
                        + done.extra().size());
        return done;
    }

    /** Today's (or any day's) audits of a store, for its managers and HQ. */
    public List<Summary> forStore(String storeId, Instant from, Instant to) {
        access.requireInStore(Role.MANAGER, storeId);
        return jdbc.sql("select * from audit where store_id = :store and started_at >= :from and started_at < :to"
                        + " order by started_at")
                .param("store", storeId)
                .param("from", utc(from))
                .param("to", utc(to))
                .query((rs, n) -> new Summary(
                        rs.getString("trip_id"),
                        rs.getString("mode"),
                        rs.getString("state"),
                        rs.getString("result"),
                        instant(rs, "started_at").toString(),
                        rs.getString("started_by"),
                        rs.getString("completed_by"),
                        items(rs.getString("missing")),
                        items(rs.getString("extra"))))
                .list();
    }

    private static final TypeReference<List<Item>> ITEMS = new TypeReference<>() {};

    private List<Item> items(String stored) {
        return stored == null ? List.of() : json.readValue(stored, ITEMS);
    }

    private AuditRow openAudit(String tripId, String storeId, String by) {
        Optional<AuditRow> existing = find(tripId, true);
        if (existing.isPresent()) {
            return existing.get();
        }
        jdbc.sql("insert into audit (trip_id, store_id, mode, state, started_at, started_by)"
                        + " values (:trip, :store, 'PARTIAL', 'OPEN', :at, :by)")
                .param("trip", tripId)
                .param("store", storeId)
                .param("at", utc(clock.instant()))
                .param("by", by)
                .update();
        return find(tripId, true).orElseThrow();
    }

    private Optional<AuditRow> find(String tripId, boolean lock) {
        return jdbc.sql("select trip_id, store_id, mode, state from audit where trip_id = :trip"
                        + (lock ? " for update" : ""))
                .param("trip", tripId)
                .query((rs, n) -> new AuditRow(
                        rs.getString("trip_id"), rs.getString("store_id"), rs.getString("mode"), rs.getString("state")))
                .optional();
    }

    /** Items of {@code have} beyond what {@code against} holds, by product. */
    private static List<Item> difference(
            Map<String, Integer> have, Map<String, Integer> against, java.util.function.UnaryOperator<String> names) {
        List<Item> items = new ArrayList<>();
        have.forEach((gtin, count) -> {
            int beyond = count - against.getOrDefault(gtin, 0);
            if (beyond > 0) {
                items.add(new Item(gtin, names.apply(gtin), beyond));
            }
        });
        return items;
    }
}
