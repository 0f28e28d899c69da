package se.skanna.trip;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import se.skanna.shared.HourlyCounts;

/** How many trips were started, per hour, for HQ's charts. */
@Service
public class TripStatistics {

    private final JdbcClient jdbc;

    TripStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Trips started from {@code from} to {@code to}, per UTC hour; in {@code storeIds}, or everywhere when null. */
    public Map<Instant, Long> startedPerHour(Set<String> storeIds, Instant from, Instant to) {
        return HourlyCounts.query(
                jdbc,
                "select date_trunc('hour', created_at) as bucket, count(*) as n from trip"
                        + " where created_at >= :from and created_at <= :to%s group by date_trunc('hour', created_at)",
                "store_id",
                storeIds,
                from,
                to);
    }
}
