package se.skanna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/**
 * The embedded default keeps writing for as long as it runs. H2 2.4.240 failed every CHECK constraint ("Check
 * constraint invalid … The database has been closed") once the connection that had created the constraint — the
 * one Flyway migrated with — was closed, which the pool does after its max-lifetime (30 minutes by default): the
 * README's first command gave a system that stopped selling after half an hour. Here the pool retires every
 * connection within seconds while trips are started and scanned for more than a minute, on an H2 file database
 * with the settings of {@code application.yml}.
 */
@SkannaTest
class EmbeddedDatabaseLongRunTest {

    private static final String HOUSEKEEPING = "com.zaxxer.hikari.housekeeping.periodMs";
    private static final Duration WRITING_FOR = Duration.ofSeconds(70);
    private static final Path DATA;

    static {
        try {
            DATA = Files.createTempDirectory("skanna-h2-longrun");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Hikari's housekeeper retires idle and expired connections every 30 s by default; read when a pool starts.
        System.setProperty(HOUSEKEEPING, "1000");
    }

    @DynamicPropertySource
    static void embeddedFileDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> embeddedUrl(DATA.resolve("skanna")));
        registry.add("spring.datasource.username", () -> "skanna");
        registry.add("spring.datasource.password", () -> "");
        // Hikari's floor for max-lifetime is 30 s. The pool keeps connections open throughout, as in production:
        // were it to drop to none, H2 would close the database and reopen it fresh, which hides the defect.
        registry.add("spring.datasource.hikari.max-lifetime", () -> "30000");
        registry.add("spring.datasource.hikari.minimum-idle", () -> "2");
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "3");
    }

    private static String embeddedUrl(Path file) {
        return "jdbc:h2:file:" + file
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
    }

    @AfterAll
    static void restoreHousekeeping() {
        System.clearProperty(HOUSEKEEPING);
    }

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    HikariDataSource dataSource;

    @Autowired
    MeterRegistry meters;

    @Test
    void tripsAreStartedAndScannedWhileThePoolRetiresItsConnections() throws InterruptedException {
        assertThat(dataSource.getJdbcUrl()).startsWith("jdbc:h2:file:");
        // The suite's PostgreSQL pass would run this H2 test a second time, unchanged: once is enough.
        assumeThat(System.getenv().getOrDefault("SPRING_DATASOURCE_URL", "jdbc:h2:"))
                .as("runs in the suite's H2 pass only (this test's database is always an H2 file)")
                .startsWith("jdbc:h2:");
        Api api = new Api(port);
        Store store = fixtures.store();
        String milk = TestFixtures.gtin();
        fixtures.importCatalog(api, Map.of("products", List.of(TestFixtures.product(milk, "Mellanmjölk 1 l", 1795))));
        double createdBefore = connectionsCreated();

        long until = System.nanoTime() + WRITING_FOR.toNanos();
        int trips = 0;
        while (System.nanoTime() < until) {
            // trip (status CHECK), trip line (quantity CHECK) and a new store (status CHECK) each time
            TestFixtures.tripWith(api, store.id(), milk);
            fixtures.store();
            trips++;
            Thread.sleep(500);
        }

        assertThat(trips).isGreaterThan(50);
        assertThat(connectionsCreated() - createdBefore)
                .as("connections the pool opened after retiring others")
                .isGreaterThanOrEqualTo(2);
    }

    /**
     * The same defect without the pool in between: the connection that migrated the schema closes while another
     * keeps the database open, and every table with a CHECK constraint still takes rows.
     */
    @Test
    void checkConstraintsHoldAfterTheMigratingConnectionCloses(@TempDir Path dir) throws SQLException {
        String url = embeddedUrl(dir.resolve("skanna"));
        try (Connection keepsTheDatabaseOpen = DriverManager.getConnection(url, "skanna", "")) {
            Flyway.configure()
                    .dataSource(url, "skanna", "")
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            try (Statement insert = keepsTheDatabaseOpen.createStatement()) {
                insert.executeUpdate("insert into store (id, name, city, region, status, updated_at)"
                        + " values ('x1', 'Matboden X', 'Xby', 'Xlän', 'APP_ONLY', current_timestamp)");
                insert.executeUpdate("insert into staff_account (username, password_hash, role, enabled, created_at)"
                        + " values ('x-staff', '{noop}x', 'STAFF', true, current_timestamp)");
            }
            try (Statement count = keepsTheDatabaseOpen.createStatement();
                    var rows = count.executeQuery("select count(*) from store where status = 'APP_ONLY'")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
        }
    }

    private double connectionsCreated() {
        return meters.get("hikaricp.connections.creation").timer().count();
    }
}
