package se.skanna.store;

import static se.skanna.shared.Times.instant;
import static se.skanna.shared.Times.utc;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The stores' status history ({@code store_status_change}), for HQ's reopening curve. */
@Service
public class StatusHistory {

    /**
     * A store's status changed at {@code at}; {@code before} is what it had before, where the incident that made
     * or undid the change tells (null otherwise).
     */
    public record Change(String storeId, StoreStatus status, Instant at, StoreStatus before) {}

    private final JdbcClient jdbc;

    StatusHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Each store's status after its last change before {@code from}; stores never changed before are absent. */
    public Map<String, StoreStatus> lastBefore(Instant from) {
        Map<String, StoreStatus> before = new HashMap<>();
        jdbc.sql("select store_id, status from (select store_id, status, row_number() over"
                        + " (partition by store_id order by changed_at desc, id desc) as rn"
                        + " from store_status_change where changed_at < :from) latest where rn = 1")
                .param("from", utc(from))
                .query((rs, n) -> Map.entry(rs.getString("store_id"), StoreStatus.valueOf(rs.getString("status"))))
                .list()
                .forEach(entry -> before.put(entry.getKey(), entry.getValue()));
        return before;
    }

    /** Every change from {@code from} to {@code to} (both included), in order. */
    public List<Change> between(Instant from, Instant to) {
        return jdbc.sql("select c.store_id, c.status, c.changed_at, i.status as incident_status,"
                        + " i.declared_at, s.previous_status from store_status_change c"
                        + " left join incident i on i.id = c.incident_id"
                        + " left join incident_store s on s.incident_id = c.incident_id"
                        + " and s.store_id = c.store_id"
                        + " where c.changed_at >= :from and c.changed_at <= :to order by c.changed_at, c.id")
                .param("from", utc(from))
                .param("to", utc(to))
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
                .list();
    }
}
