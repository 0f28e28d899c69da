package se.skanna.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseTroubleTest {

    @Test
    void a_database_that_is_gone_frozen_or_too_slow_is_unavailable() {
        assertThat(DatabaseTrouble.isUnavailable(new CannotGetJdbcConnectionException("pool timed out")))
                .isTrue();
        assertThat(DatabaseTrouble.isUnavailable(new CannotCreateTransactionException("no connection")))
                .isTrue();
        assertThat(DatabaseTrouble.isUnavailable(new RuntimeException(
                        new SQLException("canceling statement due to statement timeout", "57014"))))
                .isTrue();
        assertThat(DatabaseTrouble.isUnavailable(new SQLException("connection refused", "08001")))
                .isTrue();
        assertThat(DatabaseTrouble.isUnavailable(new SQLException("lock timeout", "55P03")))
                .isTrue();
        assertThat(DatabaseTrouble.isUnavailable(new TransactionSystemException(
                        "JDBC rollback failed", new SQLException("Connection is closed"))))
                .isTrue();
    }

    @Test
    void a_defect_of_ours_is_not() {
        assertThat(DatabaseTrouble.isUnavailable(new DataIntegrityViolationException("duplicate key")))
                .isFalse();
        assertThat(DatabaseTrouble.isUnavailable(new SQLException("syntax error", "42601")))
                .isFalse();
        assertThat(DatabaseTrouble.isUnavailable(new IllegalStateException("bug")))
                .isFalse();
    }

    @Test
    void postgres_connections_get_every_timeout_unless_the_url_sets_it() {
        var settings = new DatabaseTimeouts.Settings(
                Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(1500));
        Properties properties = new Properties();

        DatabaseTimeouts.apply("jdbc:postgresql://db/skanna?socketTimeout=30", properties, settings);

        assertThat(properties.getProperty("options")).isEqualTo("-c statement_timeout=5000 -c lock_timeout=2000");
        assertThat(properties.getProperty("connectTimeout")).isEqualTo("2");
        assertThat(properties.getProperty("socketTimeout")).as("set in the URL").isNull();
        assertThat(properties.getProperty("tcpKeepAlive")).isEqualTo("true");
    }
}
