package se.skanna.trip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.skanna.support.PostgresSchema;
import tools.jackson.databind.json.JsonMapper;

/**
 * Migration V28 on a database of an existing installation (at V27, lines in {@code trip_line}): every trip keeps its
 * lines in cart order with quantities, prices, weights and age approvals, a stored scan answer keeps just its line,
 * and {@code trip_line} is gone. On the embedded H2 file database of application.yml, or on PostgreSQL (a schema
 * of its own) when {@code SPRING_DATASOURCE_URL} names one, where V28_1 moves the age-check signal too.
 */
class TripLinesMigrationTest {

    @TempDir
    Path dir;

    private PostgresSchema schema;

    @AfterEach
    void drop() throws SQLException {
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void an_existing_installations_trips_keep_their_lines() throws Exception {
        String url;
        String user;
        String password;
        String vendor;
        String env = System.getenv("SPRING_DATASOURCE_URL");
        if (env != null && env.startsWith("jdbc:postgresql:")) {
            schema = PostgresSchema.create("mig_");
            url = schema.url();
            user = System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "postgres");
            password = System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", "");
            vendor = "postgresql";
        } else {
            url = "jdbc:h2:file:" + dir.resolve("skanna")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
            user = "skanna";
            password = "";
            vendor = "h2";
        }
        flyway(url, user, password, vendor).target("27").load().migrate();
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement sql = connection.createStatement()) {
            sql.executeUpdate("insert into store (id, name, city, region, status, updated_at)"
                    + " values ('m1', 'Matboden M', 'Mby', 'Mlän', 'OPEN', current_timestamp)");
            for (String id : List.of("t-full", "t-empty")) {
                sql.executeUpdate("insert into trip (id, store_id, token_hash, status, created_at, last_activity_at,"
                        + " next_line) values ('" + id + "', 'm1', 'h', 'OPEN', current_timestamp, current_timestamp,"
                        + " 5)");
            }
            // positions out of insertion order; line l2 was removed before the migration
            sql.executeUpdate("insert into trip_line (trip_id, line_id, position, code, gtin, name, quantity,"
                    + " weight_grams, unit_price, amount, measured, deposit, vat_rate, age_limit, age_approved_by)"
                    + " values ('t-full', 'l4', 4, '7311250004360', '07311250004360', 'Snus \"General\"', 1, null,"
                    + " 5500, null, false, 0, 25, 18, null)");
            sql.executeUpdate("insert into trip_line (trip_id, line_id, position, code, gtin, name, quantity,"
                    + " weight_grams, unit_price, amount, measured, deposit, vat_rate, age_limit, age_approved_by)"
                    + " values ('t-full', 'l1', 1, '7310865004703', '07310865004703', 'Mellanmjölk', 3, null,"
                    + " 1795, null, false, 200, 12, null, null)");
            sql.executeUpdate("insert into trip_line (trip_id, line_id, position, code, gtin, name, quantity,"
                    + " weight_grams, unit_price, amount, measured, deposit, vat_rate, age_limit, age_approved_by)"
                    + " values ('t-full', 'l3', 3, '2300000112504', '02300000100007', 'Prästost', 1, 1125,"
                    + " 13900, 15638, true, 0, 12, 18, 'staff-1')");
            sql.executeUpdate("insert into trip_scan (trip_id, scan_id, code, quantity, line_id, answer, scanned_at)"
                    + " values ('t-full', 's1', '7310865004703', 1, 'l1', '{\"cart\":{\"lines\":[]},\"line\":"
                    + "{\"lineId\":\"l1\",\"code\":\"7310865004703\",\"gtin\":\"07310865004703\",\"name\":"
                    + "\"Mellanmjölk\",\"quantity\":1,\"unitPrice\":1795,\"amount\":1795,\"deposit\":200}}',"
                    + " current_timestamp)");
        }

        flyway(url, user, password, vendor)
                .javaMigrations(new TripLinesMigration())
                .load()
                .migrate();

        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement sql = connection.createStatement()) {
            List<Trip.Line> lines = TripLines.decode(string(sql, "select lines from trip where id = 't-full'"));
            assertThat(lines)
                    .containsExactly(
                            new Trip.Line(
                                    "l1",
                                    1,
                                    "7310865004703",
                                    "07310865004703",
                                    "Mellanmjölk",
                                    3,
                                    null,
                                    1795,
                                    null,
                                    false,
                                    200,
                                    12,
                                    null,
                                    null),
                            new Trip.Line(
                                    "l3",
                                    3,
                                    "2300000112504",
                                    "02300000100007",
                                    "Prästost",
                                    1,
                                    1125L,
                                    13900,
                                    15638L,
                                    true,
                                    0,
                                    12,
                                    18,
                                    "staff-1"),
                            new Trip.Line(
                                    "l4",
                                    4,
                                    "7311250004360",
                                    "07311250004360",
                                    "Snus \"General\"",
                                    1,
                                    null,
                                    5500,
                                    null,
                                    false,
                                    0,
                                    25,
                                    18,
                                    null));
            assertThat(string(sql, "select age_pending from trip where id = 't-full'"))
                    .isEqualTo("1");
            assertThat(string(sql, "select version from trip where id = 't-full'"))
                    .isEqualTo("0");
            assertThat(string(sql, "select next_line from trip where id = 't-full'"))
                    .isEqualTo("5");
            assertThat(TripLines.decode(string(sql, "select lines from trip where id = 't-empty'")))
                    .isEmpty();
            assertThat(string(sql, "select age_pending from trip where id = 't-empty'"))
                    .isEqualTo("0");
            Cart.Line answer = TripLines.decodeAnswer(string(sql, "select answer from trip_scan where scan_id = 's1'"));
            assertThat(answer)
                    .isEqualTo(new Cart.Line(
                            "l1", "7310865004703", "07310865004703", "Mellanmjölk", 1, null, 1795, 1795, 200, null));
            assertThat(JsonMapper.builder()
                            .build()
                            .readTree(string(sql, "select answer from trip_scan where scan_id = 's1'"))
                            .has("cart"))
                    .isFalse();
            assertThatThrownBy(() -> string(sql, "select count(*) from trip_line"))
                    .isInstanceOf(SQLException.class);
            if (vendor.equals("postgresql")) {
                assertThat(string(
                                sql,
                                "select count(*) from pg_trigger g join pg_class c on c.oid = g.tgrelid"
                                        + " where g.tgname = 'age_pending_floor_signal' and c.relname = 'trip'"
                                        + " and c.relnamespace = current_schema()::regnamespace"))
                        .isEqualTo("1");
                ageChecksSignalOtherNodes(url, user, password, sql);
            }
        }
    }

    /** V28_1: a change of a trip's pending age checks notifies skanna_floor with "schema|store"; other updates do not. */
    private static void ageChecksSignalOtherNodes(String url, String user, String password, Statement sql)
            throws SQLException {
        try (Connection listener = DriverManager.getConnection(url, user, password);
                Statement listen = listener.createStatement()) {
            listen.execute("listen skanna_floor");
            org.postgresql.PGConnection pg = listener.unwrap(org.postgresql.PGConnection.class);
            sql.executeUpdate("update trip set age_pending = 1, version = version + 1 where id = 't-full'");
            assertThat(pg.getNotifications(500)).as("unchanged age_pending").isNullOrEmpty();
            sql.executeUpdate("update trip set age_pending = 0 where id = 't-full'");
            org.postgresql.PGNotification[] signals = pg.getNotifications(5000);
            assertThat(signals).hasSize(1);
            assertThat(signals[0].getParameter()).endsWith("|m1");
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(
            String url, String user, String password, String vendor) {
        return Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration", "classpath:db/" + vendor);
    }

    private static String string(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            assertThat(rows.next()).as(query).isTrue();
            return rows.getString(1);
        }
    }
}
