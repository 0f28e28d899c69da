package se.skanna.store;

import static se.skanna.shared.Times.instant;
import static se.skanna.shared.Times.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class StoreRepository {

    private static final String COLUMNS = "id, name, city, region, status, message, updated_at, governing_incident_id,"
            + " message_en, street, postcode, latitude, longitude, opening_hours";

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

    long countKnown(java.util.Set<String> ids) {
        return jdbc.sql("select count(*) from store where id in (:ids)")
                .param("ids", ids)
                .query(Long.class)
                .single();
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
                        + " :messageEn, :street, :postcode, :lat, :lon, :hours, nextval('store_revision_seq'))")
                .param("id", store.id())
                .param("name", store.name())
                .param("city", store.city())
                .param("region", store.region())
                .param("status", store.status().name())
                .param("message", store.messages().sv())
                .param("messageEn", store.messages().en())
                .param("street", store.street())
                .param("postcode", postcodeDigits(store.postcode()))
                .param("lat", store.lat())
                .param("lon", store.lon())
                .param("hours", store.openingHours())
                .param("at", utc(store.updatedAt()))
                .update();
    }

    /** Name, town, region, address, position and hours of a known store; its status stays as it is. */
    void updateDetails(Store store, Instant at) {
        jdbc.sql("update store set name = :name, city = :city, region = :region, street = :street,"
                        + " postcode = :postcode, latitude = :lat, longitude = :lon, opening_hours = :hours,"
                        + " updated_at = :at, revision = nextval('store_revision_seq') where id = :id")
                .param("name", store.name())
                .param("city", store.city())
                .param("region", store.region())
                .param("street", store.street())
                .param("postcode", postcodeDigits(store.postcode()))
                .param("lat", store.lat())
                .param("lon", store.lon())
                .param("hours", store.openingHours())
                .param("at", utc(at))
                .param("id", store.id())
                .update();
    }

    void updateStatus(String id, StoreStatus status, Store.Messages messages, String incidentId, Instant at) {
        jdbc.sql("update store set status = :status, message = :message, message_en = :messageEn,"
                        + " governing_incident_id = :incident,"
                        + " updated_at = :at, revision = nextval('store_revision_seq') where id = :id")
                .param("status", status.name())
                .param("message", messages.sv())
                .param("messageEn", messages.en())
                .param("incident", incidentId)
                .param("at", utc(at))
                .param("id", id)
                .update();
    }

    void recordChange(
            String storeId, StoreStatus status, Store.Messages messages, String incidentId, String by, Instant at) {
        jdbc.sql("insert into store_status_change (store_id, status, message, message_en, incident_id, changed_by,"
                        + " changed_at) values (:store, :status, :message, :messageEn, :incident, :by, :at)")
                .param("store", storeId)
                .param("status", status.name())
                .param("message", messages.sv())
                .param("messageEn", messages.en())
                .param("incident", incidentId)
                .param("by", by)
                .param("at", utc(at))
                .update();
    }

    /** A status change as the feeds tell it. */
    record Change(
            long id,
            String storeId,
            String storeName,
            String city,
            StoreStatus status,
            Store.Messages messages,
            Instant at) {}

    /** The latest status changes of the whole chain, newest first. */
    List<Change> recentChanges(int limit) {
        return jdbc.sql("select c.id, c.store_id, s.name, s.city, c.status, c.message, c.message_en, c.changed_at"
                        + " from store_status_change c join store s on s.id = c.store_id"
                        + " order by c.changed_at desc, c.id desc limit :limit")
                .param("limit", limit)
                .query((rs, n) -> new Change(
                        rs.getLong("id"),
                        rs.getString("store_id"),
                        rs.getString("name"),
                        rs.getString("city"),
                        StoreStatus.valueOf(rs.getString("status")),
                        new Store.Messages(rs.getString("message"), rs.getString("message_en")),
                        instant(rs, "changed_at")))
                .list();
    }

    private static StoreRow row(ResultSet rs) throws SQLException {
        Store store = new Store(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("city"),
                rs.getString("region"),
                StoreStatus.valueOf(rs.getString("status")),
                null,
                instant(rs, "updated_at"),
                new Store.Messages(rs.getString("message"), rs.getString("message_en")),
                rs.getString("street"),
                postcodeWritten(rs.getString("postcode")),
                rs.getObject("latitude", Double.class),
                rs.getObject("longitude", Double.class),
                rs.getString("opening_hours"));
        return new StoreRow(store, rs.getString("governing_incident_id"));
    }

    /** "903 26" → "90326", as the column keeps it. */
    static String postcodeDigits(String postcode) {
        return postcode == null ? null : postcode.replace(" ", "");
    }

    /** "90326" → "903 26", as Swedes write it. */
    static String postcodeWritten(String digits) {
        return digits == null || digits.length() != 5 ? digits : digits.substring(0, 3) + " " + digits.substring(3);
    }
}
