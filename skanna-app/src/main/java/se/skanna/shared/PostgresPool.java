package se.skanna.shared;

import com.zaxxer.hikari.HikariDataSource;

/** Which data source is a pool of PostgreSQL connections: where cluster features (locks, signals, timeouts) apply. */
final class PostgresPool {

    private PostgresPool() {}

    static boolean is(Object dataSource) {
        return dataSource instanceof HikariDataSource pool
                && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().startsWith("jdbc:postgresql:");
    }
}
