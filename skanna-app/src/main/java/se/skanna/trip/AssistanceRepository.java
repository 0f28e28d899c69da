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
import se.skanna.trip.Assistance.Request;
import se.skanna.trip.Assistance.State;

@Repository
class AssistanceRepository {

    private final JdbcClient jdbc;

    AssistanceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Request request) {
        jdbc.sql("insert into assistance_request (id, trip_id, store_id, message, state, open_trip_id, created_at)"
                        + " values (:id, :trip, :store, :message, 'OPEN', :trip, :at)")
                .param("id", request.requestId())
                .param("trip", request.tripId())
                .param("store", request.storeId())
                .param("message", request.message())
                .param("at", utc(request.createdAt()))
                .update();
    }

    /** The trip's request that is not resolved yet, if any (at most one: see the table's constraints). */
    Optional<Request> openOf(String tripId) {
        return jdbc.sql("select * from assistance_request where open_trip_id = :trip")
                .param("trip", tripId)
                .query((rs, n) -> request(rs))
                .optional();
    }

    /** The trip's latest request, resolved or not. */
    Optional<Request> latestOf(String tripId) {
        return jdbc.sql("select * from assistance_request where trip_id = :trip order by created_at desc, id desc"
                        + " limit 1")
                .param("trip", tripId)
                .query((rs, n) -> request(rs))
                .optional();
    }

    Optional<Request> lock(String id) {
        return jdbc.sql("select * from assistance_request where id = :id for update")
                .param("id", id)
                .query((rs, n) -> request(rs))
                .optional();
    }

    /** The store's requests neither resolved nor expired (created at or after {@code cutoff}), newest first. */
    List<Request> openInStore(String storeId, Instant cutoff, int limit) {
        return jdbc.sql("select * from assistance_request where store_id = :store"
                        + " and state in ('OPEN', 'ACKNOWLEDGED') and created_at >= :cutoff"
                        + " order by created_at desc, id desc limit :limit")
                .param("store", storeId)
                .param("cutoff", utc(cutoff))
                .param("limit", limit)
                .query((rs, n) -> request(rs))
                .list();
    }

    long countOpenInStore(String storeId, Instant cutoff) {
        return jdbc.sql("select count(*) from assistance_request where store_id = :store"
                        + " and state in ('OPEN', 'ACKNOWLEDGED') and created_at >= :cutoff")
                .param("store", storeId)
                .param("cutoff", utc(cutoff))
                .query(Long.class)
                .single();
    }

    void expire(String id) {
        jdbc.sql("update assistance_request set state = 'EXPIRED', open_trip_id = null where id = :id"
                        + " and state in ('OPEN', 'ACKNOWLEDGED')")
                .param("id", id)
                .update();
    }

    int expireBefore(Instant cutoff) {
        return jdbc.sql("update assistance_request set state = 'EXPIRED', open_trip_id = null"
                        + " where state in ('OPEN', 'ACKNOWLEDGED') and created_at < :cutoff")
                .param("cutoff", utc(cutoff))
                .update();
    }

    void acknowledge(String id, String by, Instant at) {
        jdbc.sql("update assistance_request set state = 'ACKNOWLEDGED', acknowledged_by = :by, acknowledged_at = :at"
                        + " where id = :id")
                .param("by", by)
                .param("at", utc(at))
                .param("id", id)
                .update();
    }

    void resolve(String id, String by, Instant at) {
        jdbc.sql("update assistance_request set state = 'RESOLVED', open_trip_id = null, resolved_by = :by,"
                        + " resolved_at = :at where id = :id")
                .param("by", by)
                .param("at", utc(at))
                .param("id", id)
                .update();
    }

    private static Request request(ResultSet rs) throws SQLException {
        return new Request(
                rs.getString("id"),
                rs.getString("trip_id"),
                rs.getString("store_id"),
                State.valueOf(rs.getString("state")),
                rs.getString("message"),
                instant(rs, "created_at"),
                instant(rs, "acknowledged_at"),
                rs.getString("acknowledged_by"),
                instant(rs, "resolved_at"),
                rs.getString("resolved_by"));
    }
}
