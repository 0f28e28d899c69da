package se.skanna.shared;

import static se.skanna.shared.Times.instant;
import static se.skanna.shared.Times.utc;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Counts per hour (UTC hour starts) of one module's own rows, for HQ's charts: {@code select} must name the
 * columns {@code bucket} (a {@code date_trunc('hour', …)}) and {@code n}, filter on {@code :from}/{@code :to}, and
 * end in {@code %s} where the store filter goes ({@code and <storeColumn> in (:stores)} when stores are given).
 */
public final class HourlyCounts {

    private HourlyCounts() {}

    public static Map<Instant, Long> query(
            JdbcClient jdbc, String select, String storeColumn, Set<String> storeIds, Instant from, Instant to) {
        String filter = storeIds == null ? "" : " and " + storeColumn + " in (:stores)";
        if (storeIds != null && storeIds.isEmpty()) {
            return Map.of();
        }
        var statement =
                jdbc.sql(select.formatted(filter)).param("from", utc(from)).param("to", utc(to));
        if (storeIds != null) {
            statement = statement.param("stores", storeIds);
        }
        Map<Instant, Long> counts = new HashMap<>();
        statement
                .query((rs, n) -> Map.entry(instant(rs, "bucket"), rs.getLong("n")))
                .list()
                .forEach(entry -> counts.merge(entry.getKey(), entry.getValue(), Long::sum));
        return counts;
    }
}
