package se.skanna.trip;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Migration V28 (a Java migration, found by Spring Boot's Flyway set-up as a bean): a trip's cart lines move from
 * the table {@code trip_line} into the trip row ({@code trip.lines}, JSON as {@link TripLines} writes it), with a
 * {@code version} for optimistic checks and {@code age_pending} (lines waiting for an age check), so that a scan is
 * one read and two writes. A scan row's stored answer shrinks from the whole cart to the line the scan answered.
 * Existing trips keep every line, in cart order, with quantities, prices and age approvals; {@code trip_line} is
 * dropped. On PostgreSQL, {@code db/postgresql/V28_1} moves the age-check signal to the trip row.
 */
@Component
class TripLinesMigration implements JavaMigration {

    private static final int BATCH = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("28");
    }

    @Override
    public String getDescription() {
        return "trip lines in the trip row";
    }

    @Override
    public Integer getChecksum() {
        return 28_001;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("alter table trip add column lines text default '[]' not null");
            ddl.execute("alter table trip add column version integer default 0 not null");
            ddl.execute("alter table trip add column age_pending integer default 0 not null");
        }
        moveLines(connection);
        shrinkAnswers(connection);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("drop table trip_line");
        }
    }

    private static void moveLines(Connection connection) throws SQLException {
        try (Statement select = connection.createStatement();
                PreparedStatement update =
                        connection.prepareStatement("update trip set lines = ?, age_pending = ? where id = ?")) {
            select.setFetchSize(BATCH);
            String tripId = null;
            List<Trip.Line> lines = new ArrayList<>();
            int batched = 0;
            try (ResultSet rs = select.executeQuery("select * from trip_line order by trip_id, position")) {
                while (rs.next()) {
                    String id = rs.getString("trip_id");
                    if (tripId != null && !tripId.equals(id)) {
                        batched = addTrip(update, tripId, lines, batched);
                        lines = new ArrayList<>();
                    }
                    tripId = id;
                    lines.add(new Trip.Line(
                            rs.getString("line_id"),
                            rs.getInt("position"),
                            rs.getString("code"),
                            rs.getString("gtin"),
                            rs.getString("name"),
                            rs.getInt("quantity"),
                            rs.getObject("weight_grams", Long.class),
                            rs.getLong("unit_price"),
                            rs.getObject("amount", Long.class),
                            rs.getBoolean("measured"),
                            rs.getLong("deposit"),
                            rs.getInt("vat_rate"),
                            rs.getObject("age_limit", Integer.class),
                            rs.getString("age_approved_by")));
                }
            }
            if (tripId != null) {
                addTrip(update, tripId, lines, batched);
            }
            update.executeBatch();
        }
    }

    private static int addTrip(PreparedStatement update, String tripId, List<Trip.Line> lines, int batched)
            throws SQLException {
        update.setString(1, TripLines.encode(lines));
        update.setInt(2, (int) lines.stream().filter(Trip.Line::agePending).count());
        update.setString(3, tripId);
        update.addBatch();
        if (batched + 1 >= BATCH) {
            update.executeBatch();
            return 0;
        }
        return batched + 1;
    }

    /** Answers stored before V28 are {"line": …, "cart": …}; only the line is kept (a replay prices the cart anew). */
    private static void shrinkAnswers(Connection connection) throws SQLException {
        try (Statement select = connection.createStatement();
                PreparedStatement update = connection.prepareStatement(
                        "update trip_scan set answer = ? where trip_id = ? and scan_id = ?")) {
            select.setFetchSize(BATCH);
            int batched = 0;
            try (ResultSet rs = select.executeQuery("select trip_id, scan_id, answer from trip_scan")) {
                while (rs.next()) {
                    JsonNode line = JSON.readTree(rs.getString("answer")).get("line");
                    if (line == null) {
                        continue;
                    }
                    update.setString(1, TripLines.encodeAnswer(TripLines.decodeAnswer(line.toString())));
                    update.setString(2, rs.getString("trip_id"));
                    update.setString(3, rs.getString("scan_id"));
                    update.addBatch();
                    if (++batched >= BATCH) {
                        update.executeBatch();
                        batched = 0;
                    }
                }
            }
            update.executeBatch();
        }
    }
}
