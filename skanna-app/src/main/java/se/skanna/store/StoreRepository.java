package se.skanna.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class StoreRepository {

    private static final String COLUMNS = "id, name, city, region, status, message, updated_at, governing_incident_id";

    private final JdbcClient jdbc;

    StoreRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A store row with the incident that currently governs its status, if any. */
    record StoreRow(Store store, String governingIncidentId) {}

    /** Every store, and the chain's revision as of the same read. */
    record Everything(List<Store> stores, long revision) {}

    Everything findAll() {
        long[] revision = {0};
        List<Store> stores = jdbc.sql("select " + COLUMNS + ", revision from store order by id")
                .query((rs, n) -> {
                    revision[0] += rs.getLong("revision");
                    return row(rs).store();
                })
                .list();
        return new Everything(stores, revision[0]);
    }

    /**
     * The chain's revision: the sum of every store's revision. Each insert or update gives its row a new, higher
     * number from one sequence, so the sum grows with every committed change, whichever node made it and in
     * whatever order concurrent transactions commit (a maximum would miss a lower number committed late).
     */
    long revision() {
        Long sum = jdbc.sql("select coalesce(sum(revision), 0) from store")
                .query(Long.class)
                .single();
        return sum == null ? 0 : sum;
    }

    long count() {
        return jdbc.sql("select count(*) from store").query(Long.class).single();
    }

    Optional<StoreRow> lock(String id) {
        return jdbc.sql("select " + COLUMNS + " from store where id = :id for update")
                .param("id", id)
                .query((rs, n) -> row(rs))
                .optional();
    }

    /** Locks the stores in id order, so two incidents touching the same stores cannot deadlock. */
    List<StoreRow> lockAll(Collection<String> ids) {
        return jdbc.sql("select " + COLUMNS + " from store where id in (:ids) order by id for update")
                .param("ids", ids)
                .query((rs, n) -> row(rs))
                .list();
    }

    List<StoreRow> lockRegion(String region) {
        return jdbc.sql("select " + COLUMNS + " from store where lower(region) = lower(:region) order by id for update")
                .param("region", region)
                .query((rs, n) -> row(rs))
                .list();
    }

    void insert(Store store) {
        jdbc.sql("insert into store (" + COLUMNS
                        + ", revision) values (:id, :name, :city, :region, :status, :message, :at, null,"
                        + " nextval('store_revision_seq'))")
                .param("id", store.id())
                .param("name", store.name())
                .param("city", store.city())
                .param("region", store.region())
                .param("status", store.status().name())
                .param("message", store.message())
                .param("at", store.updatedAt().atOffset(ZoneOffset.UTC))
                .update();
    }

    void updateStatus(String id, StoreStatus status, String message, String incidentId, Instant at) {
        jdbc.sql("update store set status = :status, message = :message, governing_incident_id = :incident,"
                        + " updated_at = :at, revision = nextval('store_revision_seq') where id = :id")
                .param("status", status.name())
                .param("message", message)
                .param("incident", incidentId)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .param("id", id)
                .update();
    }

    void recordChange(String storeId, StoreStatus status, String message, String incidentId, String by, Instant at) {
        jdbc.sql("insert into store_status_change (store_id, status, message, incident_id, changed_by, changed_at)"
                        + " values (:store, :status, :message, :incident, :by, :at)")
                .param("store", storeId)
                .param("status", status.name())
                .param("message", message)
                .param("incident", incidentId)
                .param("by", by)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }

    private static StoreRow row(ResultSet rs) throws SQLException {
        Store store = new Store(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("city"),
                rs.getString("region"),
                StoreStatus.valueOf(rs.getString("status")),
                rs.getString("message"),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
        return new StoreRow(store, rs.getString("governing_incident_id"));
    }
}
