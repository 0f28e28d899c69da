package se.skanna.store;

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
class IncidentRepository {

    private final JdbcClient jdbc;

    IncidentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a store looked like just before an incident took it over. */
    record Previous(String storeId, StoreStatus status, Store.Messages messages, String incidentId) {}

    record IncidentRow(
            String id,
            String title,
            StoreStatus status,
            Store.Messages messages,
            Incident.State state,
            Instant declaredAt,
            String declaredBy,
            Instant resolvedAt,
            String resolvedBy) {}

    void insert(IncidentRow incident) {
        jdbc.sql("insert into incident (id, title, status, message, message_en, state, declared_at, declared_by)"
                        + " values (:id, :title, :status, :message, :messageEn, :state, :at, :by)")
                .param("id", incident.id())
                .param("title", incident.title())
                .param("status", incident.status().name())
                .param("message", incident.messages().sv())
                .param("messageEn", incident.messages().en())
                .param("state", incident.state().name())
                .param("at", utc(incident.declaredAt()))
                .param("by", incident.declaredBy())
                .update();
    }

    void insertPrevious(String incidentId, Previous previous) {
        jdbc.sql("insert into incident_store (incident_id, store_id, previous_status, previous_message,"
                        + " previous_message_en, previous_incident_id)"
                        + " values (:incident, :store, :status, :message, :messageEn, :previousIncident)")
                .param("incident", incidentId)
                .param("store", previous.storeId())
                .param("status", previous.status().name())
                .param("message", previous.messages().sv())
                .param("messageEn", previous.messages().en())
                .param("previousIncident", previous.incidentId())
                .update();
    }

    Optional<IncidentRow> find(String id) {
        return jdbc.sql("select * from incident where id = :id")
                .param("id", id)
                .query((rs, n) -> row(rs))
                .optional();
    }

    Optional<IncidentRow> lock(String id) {
        return jdbc.sql("select * from incident where id = :id for update")
                .param("id", id)
                .query((rs, n) -> row(rs))
                .optional();
    }

    List<IncidentRow> findRecent(int limit) {
        return jdbc.sql("select * from incident order by declared_at desc, id desc limit :limit")
                .param("limit", limit)
                .query((rs, n) -> row(rs))
                .list();
    }

    List<Previous> previousStates(String incidentId) {
        return jdbc.sql("select store_id, previous_status, previous_message, previous_message_en, previous_incident_id"
                        + " from incident_store where incident_id = :id order by store_id")
                .param("id", incidentId)
                .query((rs, n) -> new Previous(
                        rs.getString("store_id"),
                        StoreStatus.valueOf(rs.getString("previous_status")),
                        new Store.Messages(rs.getString("previous_message"), rs.getString("previous_message_en")),
                        rs.getString("previous_incident_id")))
                .list();
    }

    List<String> storeIds(String incidentId) {
        return jdbc.sql("select store_id from incident_store where incident_id = :id order by store_id")
                .param("id", incidentId)
                .query(String.class)
                .list();
    }

    List<String> restoredStoreIds(String incidentId) {
        return jdbc.sql("select store_id from incident_store where incident_id = :id and restored = true"
                        + " order by store_id")
                .param("id", incidentId)
                .query(String.class)
                .list();
    }

    void markRestored(String incidentId, String storeId) {
        jdbc.sql("update incident_store set restored = true where incident_id = :incident and store_id = :store")
                .param("incident", incidentId)
                .param("store", storeId)
                .update();
    }

    /**
     * An incident declared on top of {@code resolved} inherits what {@code resolved} would have restored,
     * so resolving the later one still brings the store back to where it was before both.
     */
    void handOver(String resolvedIncidentId, Previous previous) {
        jdbc.sql("update incident_store set previous_status = :status, previous_message = :message,"
                        + " previous_message_en = :messageEn,"
                        + " previous_incident_id = :previousIncident"
                        + " where store_id = :store and previous_incident_id = :resolved"
                        + " and incident_id in (select id from incident where state = 'ACTIVE')")
                .param("status", previous.status().name())
                .param("message", previous.messages().sv())
                .param("messageEn", previous.messages().en())
                .param("previousIncident", previous.incidentId())
                .param("store", previous.storeId())
                .param("resolved", resolvedIncidentId)
                .update();
    }

    void markResolved(String id, Instant at, String by) {
        jdbc.sql("update incident set state = 'RESOLVED', resolved_at = :at, resolved_by = :by where id = :id")
                .param("at", utc(at))
                .param("by", by)
                .param("id", id)
                .update();
    }

    private static IncidentRow row(ResultSet rs) throws SQLException {
        return new IncidentRow(
                rs.getString("id"),
                rs.getString("title"),
                StoreStatus.valueOf(rs.getString("status")),
                new Store.Messages(rs.getString("message"), rs.getString("message_en")),
                Incident.State.valueOf(rs.getString("state")),
                instant(rs, "declared_at"),
                rs.getString("declared_by"),
                instant(rs, "resolved_at"),
                rs.getString("resolved_by"));
    }
}
