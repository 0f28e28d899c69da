package se.skanna;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * An installation that already has data upgrades: migrations that move data between tables are run on a database
 * migrated to the version before them and filled with rows as the older code wrote them, then migrated on.
 * (Fresh databases are what every other test starts from; an existing demo folder or production database is not.)
 */
class MigrationUpgradeTest {

    private final DataSource h2 = new SimpleDriverDataSource(
            new org.h2.Driver(),
            "jdbc:h2:mem:upgrade-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "sa",
            "");
    private final JdbcClient jdbc = JdbcClient.create(h2);

    private void migrateTo(String version) {
        Flyway.configure()
                .dataSource(h2)
                .locations("classpath:db/migration", "classpath:db/h2")
                .target(version)
                .load()
                .migrate();
    }

    @Test
    void payments_get_their_trips_store_and_refund_entries_keep_the_refunds_json() {
        migrateTo("29");
        jdbc.sql("insert into store (id, name, city, region, status, updated_at) values"
                        + " ('s-upg', 'Upgrade', 'Umeå', 'Västerbotten', 'OPEN', current_timestamp)")
                .update();
        jdbc.sql("insert into store_ledger (store_id, last_receipt_number, last_journal_seq, last_journal_hash)"
                        + " values ('s-upg', 1, 2, 'h2')")
                .update();
        jdbc.sql("insert into trip (id, store_id, token_hash, status, created_at, last_activity_at, next_line)"
                        + " values ('t-upg', 's-upg', 'x', 'PAID', current_timestamp, current_timestamp, 1)")
                .update();
        jdbc.sql("insert into payment (id, trip_id, idempotency_key, request_hash, method, status, amount, currency,"
                        + " cart_snapshot, created_at, updated_at) values ('p-upg', 't-upg', 'key-upgrade', 'h',"
                        + " 'test', 'PAID', 1795, 'SEK', '{}', current_timestamp, current_timestamp)")
                .update();
        jdbc.sql(
                        "insert into refund (id, payment_id, store_id, idempotency_key, request_hash, amount, currency, reason,"
                                + " requested_by, status, body, created_at, updated_at) values ('f-upg', 'p-upg', 's-upg',"
                                + " 'key-refund', 'h', 300, 'SEK', 'Trasig', 'manager', 'REFUNDED', '{\"refundId\":\"f-upg\"}',"
                                + " current_timestamp, current_timestamp)")
                .update();
        for (String[] entry : new String[][] {{"1", "RECEIPT", "r-upg"}, {"2", "REFUND", "f-upg"}}) {
            jdbc.sql("insert into journal_entry (store_id, seq, entry_type, reference, payload_hash, prev_hash, hash,"
                            + " signature, created_at) values ('s-upg', :seq, :type, :ref, 'p', 'q', 'h', 's',"
                            + " current_timestamp)")
                    .param("seq", Long.parseLong(entry[0]))
                    .param("type", entry[1])
                    .param("ref", entry[2])
                    .update();
        }

        migrateTo("latest");

        assertThat(jdbc.sql("select store_id from payment where id = 'p-upg'")
                        .query(String.class)
                        .single())
                .isEqualTo("s-upg");
        assertThat(jdbc.sql("select body from journal_entry where reference = 'f-upg'")
                        .query(String.class)
                        .single())
                .isEqualTo("{\"refundId\":\"f-upg\"}");
        assertThat(jdbc.sql("select body from journal_entry where reference = 'r-upg'")
                        .query(String.class)
                        .list())
                .as("a receipt's body stays with the receipt")
                .containsExactly((String) null);
    }
}
