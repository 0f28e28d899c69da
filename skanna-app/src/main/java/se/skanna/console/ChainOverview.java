package se.skanna.console;

import static se.skanna.shared.Times.instant;
import static se.skanna.shared.Times.utc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import se.skanna.shared.Times;
import se.skanna.store.Incident;
import se.skanna.store.Incidents;
import se.skanna.store.StoreNetwork;
import se.skanna.store.StoreStatus;

/**
 * The chain at a glance for HQ during an incident, over the last 24 hours, hour by hour in Swedish time: how
 * many stores were open, app only and closed at the end of each hour (the reopening curve, from the stores'
 * status history in {@code store_status_change}), app trips started and sales (PAID payments) per hour, and
 * each incident with how many of its stores are open again. Charts are plain SVG geometry for the template.
 */
@Component
class ChainOverview {

    static final int HOURS = 24;
    /** The drawing area of each chart in SVG user units; the SVG scales to the page width. */
    static final int WIDTH = 720;

    static final int HEIGHT = 200;
    static final int LEFT = 44;
    static final int BOTTOM = 24;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");

    private final JdbcClient jdbc;
    private final StoreNetwork network;
    private final Incidents incidents;
    private final Clock clock;

    ChainOverview(JdbcClient jdbc, StoreNetwork network, Incidents incidents, Clock clock) {
        this.jdbc = jdbc;
        this.network = network;
        this.incidents = incidents;
        this.clock = clock;
    }

    /** One hour: its start, its label in Swedish time, the stores by status at its end, trips and sales in it. */
    record Hour(Instant start, String label, Map<StoreStatus, Integer> stores, long trips, long paidCount, long sales) {
        public int count(String status) {
            return stores.get(StoreStatus.valueOf(status));
        }
    }

    /** A rectangle of a bar chart, with what it shows (for the tooltip and for tests). */
    record Bar(int x, int y, int width, int height, String kind, int hour, long value, String label) {}

    /** A horizontal guide line with its value. */
    record Tick(int y, String label) {}

    record Chart(List<Bar> bars, List<Tick> ticks, List<Bar> labels) {}

    /** An incident and how far it is from over: stores taken, how many are open again, since when. */
    record Progress(Incident incident, int stores, int openNow, int restored, int percentOpen) {}

    record View(
            List<Hour> hours,
            Chart statusChart,
            Chart tripChart,
            Chart salesChart,
            long tripsTotal,
            long salesTotal,
            long paidTotal,
            List<Progress> incidents,
            Instant from,
            Instant to,
            String region) {}

    /** The whole chain, or the stores of one region (county) when {@code region} is not blank. */
    View view(String region) {
        String wanted = region == null || region.isBlank() ? null : region.strip();
        Map<String, StoreStatus> current = new HashMap<>();
        network.list(null, wanted, null).forEach(store -> current.put(store.id(), store.status()));
        Instant now = clock.instant();
        Instant firstHour = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(HOURS - 1));
        List<Instant> starts = new ArrayList<>();
        for (int i = 0; i < HOURS; i++) {
            starts.add(firstHour.plus(Duration.ofHours(i)));
        }
        List<Map<StoreStatus, Integer>> statuses = statusAtEndOfEachHour(starts, now, current);
        String inRegion =
                wanted == null ? "" : " and t.store_id in (select id from store where lower(region) = lower(:region))";
        Map<Instant, Long> trips = perHour(
                "select date_trunc('hour', t.created_at) as bucket, count(*) as n from trip t"
                        + " where t.created_at >= :from and t.created_at <= :to" + inRegion
                        + " group by date_trunc('hour', t.created_at)",
                firstHour,
                now,
                wanted);
        String payments = " from payment p join trip t on t.id = p.trip_id"
                + " where p.status = 'PAID' and p.updated_at >= :from and p.updated_at <= :to" + inRegion
                + " group by date_trunc('hour', p.updated_at)";
        Map<Instant, Long> paid = perHour(
                "select date_trunc('hour', p.updated_at) as bucket, count(*) as n" + payments, firstHour, now, wanted);
        Map<Instant, Long> sales = perHour(
                "select date_trunc('hour', p.updated_at) as bucket, coalesce(sum(p.amount), 0) as n" + payments,
                firstHour,
                now,
                wanted);
        List<Hour> hours = new ArrayList<>();
        for (int i = 0; i < HOURS; i++) {
            Instant start = starts.get(i);
            hours.add(new Hour(
                    start,
                    HOUR.format(ZonedDateTime.ofInstant(start, Times.SWEDEN)),
                    statuses.get(i),
                    trips.getOrDefault(start, 0L),
                    paid.getOrDefault(start, 0L),
                    sales.getOrDefault(start, 0L)));
        }
        return new View(
                hours,
                statusChart(hours),
                barChart(hours, "trips", Hour::trips, false),
                barChart(hours, "sales", Hour::sales, true),
                hours.stream().mapToLong(Hour::trips).sum(),
                hours.stream().mapToLong(Hour::sales).sum(),
                hours.stream().mapToLong(Hour::paidCount).sum(),
                progress(current),
                firstHour,
                now,
                wanted);
    }

    private List<Progress> progress(Map<String, StoreStatus> now) {
        Instant dayAgo = clock.instant().minus(Duration.ofHours(HOURS));
        List<Progress> list = new ArrayList<>();
        for (Incident incident : incidents.recent(50)) {
            boolean recent = incident.state() == Incident.State.ACTIVE
                    || (incident.resolvedAt() != null && incident.resolvedAt().isAfter(dayAgo));
            if (!recent || incident.storeIds().stream().noneMatch(now::containsKey)) {
                continue;
            }
            int open = (int) incident.storeIds().stream()
                    .filter(id -> now.get(id) == StoreStatus.OPEN)
                    .count();
            int restored = restoredCount(incident.id());
            int stores = incident.storeIds().size();
            list.add(new Progress(incident, stores, open, restored, stores == 0 ? 0 : open * 100 / stores));
        }
        return list;
    }

    private int restoredCount(String incidentId) {
        return jdbc.sql("select count(*) from incident_store where incident_id = :id and restored")
                .param("id", incidentId)
                .query(Integer.class)
                .single();
    }

    private Map<Instant, Long> perHour(String sql, Instant from, Instant to, String region) {
        Map<Instant, Long> counts = new HashMap<>();
        var statement = jdbc.sql(sql).param("from", utc(from)).param("to", utc(to));
        if (region != null) {
            statement = statement.param("region", region);
        }
        statement
                .query((rs, n) -> Map.entry(instant(rs, "bucket"), rs.getLong("n")))
                .list()
                .forEach(entry -> counts.merge(entry.getKey(), entry.getValue(), Long::sum));
        return counts;
    }

    /** A change of one store's status, with what the store had before it when that is known from the incident. */
    private record Change(String storeId, StoreStatus status, Instant at, StoreStatus before) {}

    /**
     * For each hour, the stores by status at its end (or now, for the hour that is running): each store's last
     * change before that instant, or, before its first change in the window, its status from before the window
     * (its last earlier change, the status an incident found it in, or open).
     */
    private List<Map<StoreStatus, Integer>> statusAtEndOfEachHour(
            List<Instant> starts, Instant now, Map<String, StoreStatus> current) {
        Instant from = starts.getFirst();
        OffsetDateTime fromParam = utc(from);
        Map<String, StoreStatus> before = new HashMap<>();
        jdbc.sql("select store_id, status from (select store_id, status, row_number() over"
                        + " (partition by store_id order by changed_at desc, id desc) as rn"
                        + " from store_status_change where changed_at < :from) latest where rn = 1")
                .param("from", fromParam)
                .query((rs, n) -> Map.entry(rs.getString("store_id"), StoreStatus.valueOf(rs.getString("status"))))
                .list()
                .forEach(entry -> before.put(entry.getKey(), entry.getValue()));
        List<Change> changes = jdbc
                .sql("select c.store_id, c.status, c.changed_at, i.status as incident_status,"
                        + " i.declared_at, s.previous_status from store_status_change c"
                        + " left join incident i on i.id = c.incident_id"
                        + " left join incident_store s on s.incident_id = c.incident_id"
                        + " and s.store_id = c.store_id"
                        + " where c.changed_at >= :from and c.changed_at <= :to order by c.changed_at, c.id")
                .param("from", fromParam)
                .param("to", utc(now))
                .query((rs, n) -> {
                    Instant at = instant(rs, "changed_at");
                    Instant declared = instant(rs, "declared_at");
                    String previous = rs.getString("previous_status");
                    String incidentStatus = rs.getString("incident_status");
                    StoreStatus earlier = null;
                    if (declared != null && declared.equals(at) && previous != null) {
                        earlier = StoreStatus.valueOf(previous); // the incident switched it: it had this before
                    } else if (incidentStatus != null) {
                        earlier =
                                StoreStatus.valueOf(incidentStatus); // the incident gave it back: it had the incident's
                    }
                    return new Change(
                            rs.getString("store_id"), StoreStatus.valueOf(rs.getString("status")), at, earlier);
                })
                .list()
                .stream()
                .filter(change -> current.containsKey(change.storeId()))
                .toList();
        Map<String, StoreStatus> state = new HashMap<>();
        current.forEach((id, status) -> state.put(id, before.getOrDefault(id, status)));
        Map<String, Boolean> seen = new HashMap<>();
        for (Change change : changes) {
            if (!before.containsKey(change.storeId()) && seen.putIfAbsent(change.storeId(), true) == null) {
                state.put(change.storeId(), change.before() == null ? StoreStatus.OPEN : change.before());
            }
        }
        List<Map<StoreStatus, Integer>> result = new ArrayList<>();
        int next = 0;
        for (Instant start : starts) {
            Instant end = start.plus(Duration.ofHours(1));
            while (next < changes.size() && changes.get(next).at().isBefore(end)) {
                Change change = changes.get(next++);
                state.put(change.storeId(), change.status());
            }
            Map<StoreStatus, Integer> counts = new EnumMap<>(StoreStatus.class);
            for (StoreStatus status : StoreStatus.values()) {
                counts.put(status, 0);
            }
            state.values().forEach(status -> counts.merge(status, 1, Integer::sum));
            result.add(counts);
        }
        return result;
    }

    private static Chart statusChart(List<Hour> hours) {
        int max = Math.max(
                1,
                hours.stream()
                        .mapToInt(h -> h.stores().values().stream()
                                .mapToInt(Integer::intValue)
                                .sum())
                        .max()
                        .orElse(1));
        int slot = (WIDTH - LEFT) / hours.size();
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < hours.size(); i++) {
            Hour hour = hours.get(i);
            int x = LEFT + i * slot + 2;
            int top = HEIGHT - BOTTOM;
            for (StoreStatus status : List.of(StoreStatus.OPEN, StoreStatus.APP_ONLY, StoreStatus.CLOSED)) {
                int value = hour.stores().get(status);
                int height = (int) Math.round((double) value * (HEIGHT - BOTTOM - 8) / max);
                top -= height;
                bars.add(new Bar(x, top, slot - 4, height, status.name(), i, value, hour.label()));
            }
        }
        return new Chart(bars, ticks(max, false), hourLabels(hours, slot));
    }

    private static Chart barChart(
            List<Hour> hours, String kind, java.util.function.ToLongFunction<Hour> value, boolean money) {
        long max = Math.max(1, hours.stream().mapToLong(value).max().orElse(1));
        int slot = (WIDTH - LEFT) / hours.size();
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < hours.size(); i++) {
            Hour hour = hours.get(i);
            long v = value.applyAsLong(hour);
            int height = (int) Math.round((double) v * (HEIGHT - BOTTOM - 8) / max);
            bars.add(
                    new Bar(LEFT + i * slot + 2, HEIGHT - BOTTOM - height, slot - 4, height, kind, i, v, hour.label()));
        }
        return new Chart(bars, ticks(max, money), hourLabels(hours, slot));
    }

    private static List<Tick> ticks(long max, boolean money) {
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i <= 2; i++) {
            long value = max * i / 2;
            int y = HEIGHT - BOTTOM - (int) Math.round((double) value * (HEIGHT - BOTTOM - 8) / max);
            ticks.add(new Tick(y, money ? String.valueOf(value / 100) : String.valueOf(value)));
        }
        return ticks;
    }

    /** Every third hour's label under the axis (24 labels would not fit on a phone). */
    private static List<Bar> hourLabels(List<Hour> hours, int slot) {
        List<Bar> labels = new ArrayList<>();
        for (int i = 0; i < hours.size(); i += 3) {
            labels.add(new Bar(
                    LEFT + i * slot + slot / 2,
                    HEIGHT - 6,
                    0,
                    0,
                    "label",
                    i,
                    0,
                    hours.get(i).label()));
        }
        return labels;
    }
}
