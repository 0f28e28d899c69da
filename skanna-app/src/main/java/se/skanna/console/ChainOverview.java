package se.skanna.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import se.skanna.payment.Sales;
import se.skanna.shared.Times;
import se.skanna.store.Incident;
import se.skanna.store.Incidents;
import se.skanna.store.StatusHistory;
import se.skanna.store.StoreNetwork;
import se.skanna.store.StoreStatus;
import se.skanna.trip.TripStatistics;

/**
 * The chain at a glance for HQ during an incident, over the last 24 hours, hour by hour in Swedish time: how
 * many stores were open, app only and closed at the end of each hour (the reopening curve, from the stores'
 * status history, {@link StatusHistory}), app trips started and sales (PAID payments) per hour, and
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

    private final StoreNetwork network;
    private final Incidents incidents;
    private final StatusHistory history;
    private final TripStatistics tripStatistics;
    private final Sales sales;
    private final Clock clock;

    ChainOverview(
            StoreNetwork network,
            Incidents incidents,
            StatusHistory history,
            TripStatistics tripStatistics,
            Sales sales,
            Clock clock) {
        this.network = network;
        this.incidents = incidents;
        this.history = history;
        this.tripStatistics = tripStatistics;
        this.sales = sales;
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
        Set<String> inRegion = wanted == null ? null : current.keySet();
        Map<Instant, Long> trips = tripStatistics.startedPerHour(inRegion, firstHour, now);
        Sales.Hourly payments = sales.paidPerHour(inRegion, firstHour, now);
        Map<Instant, Long> paid = payments.count();
        Map<Instant, Long> amounts = payments.amount();
        List<Hour> hours = new ArrayList<>();
        for (int i = 0; i < HOURS; i++) {
            Instant start = starts.get(i);
            hours.add(new Hour(
                    start,
                    HOUR.format(ZonedDateTime.ofInstant(start, Times.SWEDEN)),
                    statuses.get(i),
                    trips.getOrDefault(start, 0L),
                    paid.getOrDefault(start, 0L),
                    amounts.getOrDefault(start, 0L)));
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
            int restored = incident.restoredStoreIds().size();
            int stores = incident.storeIds().size();
            list.add(new Progress(incident, stores, open, restored, stores == 0 ? 0 : open * 100 / stores));
        }
        return list;
    }

    /**
     * For each hour, the stores by status at its end (or now, for the hour that is running): each store's last
     * change before that instant, or, before its first change in the window, its status from before the window
     * (its last earlier change, the status an incident found it in, or open).
     */
    private List<Map<StoreStatus, Integer>> statusAtEndOfEachHour(
            List<Instant> starts, Instant now, Map<String, StoreStatus> current) {
        Map<String, StoreStatus> before = history.lastBefore(starts.getFirst());
        List<StatusHistory.Change> changes = history.between(starts.getFirst(), now).stream()
                .filter(change -> current.containsKey(change.storeId()))
                .toList();
        Map<String, StoreStatus> state = new HashMap<>();
        current.forEach((id, status) -> state.put(id, before.getOrDefault(id, status)));
        Map<String, Boolean> seen = new HashMap<>();
        for (StatusHistory.Change change : changes) {
            if (!before.containsKey(change.storeId()) && seen.putIfAbsent(change.storeId(), true) == null) {
                state.put(change.storeId(), change.before() == null ? StoreStatus.OPEN : change.before());
            }
        }
        List<Map<StoreStatus, Integer>> result = new ArrayList<>();
        int next = 0;
        for (Instant start : starts) {
            Instant end = start.plus(Duration.ofHours(1));
            while (next < changes.size() && changes.get(next).at().isBefore(end)) {
                StatusHistory.Change change = changes.get(next++);
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
