package se.skanna.shared;

import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Work that only one node of the chain may do at a time — first-start data, bootstrap accounts — runs in one
 * transaction under a PostgreSQL advisory lock named after it, so N nodes starting at the same moment do it
 * once and the others find it done. The lock is taken by polling {@code pg_try_advisory_xact_lock}, so waiting
 * for a long first start is never cut short by the statement, lock or socket timeouts. The embedded H2 database
 * is a single node: there the work just runs in its transaction.
 */
@Component
public class ClusterLock {

    private static final Duration WAIT_AT_MOST = Duration.ofMinutes(5);
    private static final Duration RETRY_EVERY = Duration.ofMillis(100);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final boolean postgres;

    ClusterLock(JdbcClient jdbc, PlatformTransactionManager transactions, DataSource dataSource) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.postgres = PostgresPool.is(dataSource);
    }

    public <T> T exclusively(String name, Supplier<T> work) {
        return transactions.execute(status -> {
            if (postgres) {
                acquire(key(name), name);
            }
            return work.get();
        });
    }

    public void exclusively(String name, Runnable work) {
        exclusively(name, () -> {
            work.run();
            return null;
        });
    }

    private void acquire(long key, String name) {
        long until = System.nanoTime() + WAIT_AT_MOST.toNanos();
        while (!Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(:key)")
                .param("key", key)
                .query(Boolean.class)
                .single())) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("Another node has held the lock '" + name + "' for " + WAIT_AT_MOST);
            }
            try {
                Thread.sleep(RETRY_EVERY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the lock '" + name + "'", e);
            }
        }
    }

    /** A stable 64-bit key for the name: the first eight bytes of its SHA-256. */
    static long key(String name) {
        byte[] digest = Sha256.digest("skanna:" + name);
        long key = 0;
        for (int i = 0; i < 8; i++) {
            key = (key << 8) | (digest[i] & 0xff);
        }
        return key;
    }
}
