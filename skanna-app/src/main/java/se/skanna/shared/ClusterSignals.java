package se.skanna.shared;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Tells this node at once when another node has changed shared state, through PostgreSQL LISTEN/NOTIFY: triggers
 * ({@code db/postgresql}) notify on commit, a dedicated connection here listens and publishes a {@link Signal} as
 * an application event. Modules keep polling as a safety net; a signal only makes them look now. After the
 * connection was lost, the first signal concerns everything, since notifications sent meanwhile are gone. The
 * embedded H2 database is a single node and gets no listener.
 */
@Component
public class ClusterSignals implements SmartLifecycle {

    /** A store's status, message or existence changed (hand-set, incidents, new stores). */
    public static final String STORES = "skanna_store";
    /** A catalog import committed. */
    public static final String CATALOG = "skanna_catalog_import";
    /** A call for staff or an age check changed in a store; the payload names the store. */
    public static final String FLOOR = "skanna_floor";

    static final List<String> CHANNELS = List.of(STORES, CATALOG, FLOOR);
    private static final Duration WAIT = Duration.ofMillis(500);
    private static final Duration PROBE_EVERY = Duration.ofSeconds(15);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(ClusterSignals.class);

    /**
     * Shared state behind {@code channels} has changed elsewhere; {@code storeIds} names the stores where the
     * notification said (FLOOR), and is empty when it concerns every store (after a lost connection).
     */
    public record Signal(Set<String> channels, Set<String> storeIds) {
        public Signal(Set<String> channels) {
            this(channels, Set.of());
        }

        public boolean concerns(String channel) {
            return channels.contains(channel);
        }

        /** Whether the signal is about {@code channel} in {@code storeId} (or in every store). */
        public boolean concerns(String channel, String storeId) {
            return concerns(channel) && (storeIds.isEmpty() || storeIds.contains(storeId));
        }
    }

    private final DataSource dataSource;
    private final ApplicationEventPublisher events;
    private volatile boolean running;
    private volatile boolean listening;
    private volatile Connection connection;
    private Thread listener;

    ClusterSignals(DataSource dataSource, ApplicationEventPublisher events) {
        this.dataSource = dataSource;
        this.events = events;
    }

    /**
     * Tells every node (this one included) that {@code channel} changed in {@code storeId}, as the triggers do for
     * table changes; joins the caller's transaction, so it is sent on commit. Does nothing on the embedded H2
     * database, which is a single node: callers tell this node's listeners themselves.
     */
    public void announce(String channel, String storeId) {
        if (!CHANNELS.contains(channel) || !PostgresPool.is(dataSource)) {
            return;
        }
        org.springframework.jdbc.core.simple.JdbcClient.create(dataSource)
                .sql("select pg_notify(:channel, current_schema() || '|' || :store)")
                .param("channel", channel)
                .param("store", storeId)
                .query(String.class)
                .optional();
    }

    /** Whether this node is listening right now (PostgreSQL, connection up). */
    public boolean listening() {
        return listening;
    }

    @Override
    public synchronized void start() {
        if (running || !PostgresPool.is(dataSource)) {
            return;
        }
        HikariDataSource pool = (HikariDataSource) dataSource;
        running = true;
        listener = Thread.ofPlatform().daemon().name("cluster-signals").start(() -> listen(pool));
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
            closeQuietly(connection);
            listener = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen(HikariDataSource pool) {
        Duration backoff = Duration.ofMillis(250);
        boolean reconnected = false;
        while (running) {
            try (Connection open = open(pool)) {
                connection = open;
                String schema = currentSchema(open);
                try (Statement listen = open.createStatement()) {
                    for (String channel : CHANNELS) {
                        listen.execute("listen " + channel);
                    }
                }
                listening = true;
                backoff = Duration.ofMillis(250);
                if (reconnected) {
                    log.info("Listening for other nodes' changes again.");
                    events.publishEvent(new Signal(Set.copyOf(CHANNELS)));
                }
                receive(open, schema);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (listening || !reconnected) {
                    log.warn(
                            "Lost the connection that listens for other nodes' changes ({}); polling meanwhile.",
                            e.toString());
                }
            } finally {
                listening = false;
                connection = null;
            }
            reconnected = true;
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private void receive(Connection open, String schema) throws SQLException {
        PGConnection postgres = open.unwrap(PGConnection.class);
        long probeAt = System.nanoTime() + PROBE_EVERY.toNanos();
        while (running) {
            PGNotification[] notifications = postgres.getNotifications((int) WAIT.toMillis());
            if (notifications != null && notifications.length > 0) {
                Set<String> channels = new java.util.HashSet<>();
                Set<String> stores = new java.util.HashSet<>();
                for (PGNotification notification : notifications) {
                    // "schema" or, for changes in one store, "schema|storeId"
                    String payload = notification.getParameter();
                    int bar = payload.indexOf('|');
                    if (schema.equals(bar < 0 ? payload : payload.substring(0, bar))) {
                        channels.add(notification.getName());
                        if (bar >= 0) {
                            stores.add(payload.substring(bar + 1));
                        }
                    }
                }
                if (!channels.isEmpty()) {
                    // a store named for one channel narrows only that one: other channels concern every store
                    events.publishEvent(new Signal(
                            Set.copyOf(channels), channels.equals(Set.of(FLOOR)) ? Set.copyOf(stores) : Set.of()));
                }
            }
            if (System.nanoTime() > probeAt) {
                // a frozen server or a black-holed network sends nothing, which looks just like a quiet chain
                try (Statement probe = open.createStatement()) {
                    probe.execute("select 1");
                }
                probeAt = System.nanoTime() + PROBE_EVERY.toNanos();
            }
        }
    }

    private static Connection open(HikariDataSource pool) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(pool.getDataSourceProperties());
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        Connection open = DriverManager.getConnection(pool.getJdbcUrl(), properties);
        open.setAutoCommit(true);
        return open;
    }

    private static String currentSchema(Connection open) throws SQLException {
        try (Statement query = open.createStatement();
                ResultSet schema = query.executeQuery("select current_schema()")) {
            schema.next();
            return schema.getString(1);
        }
    }

    private static void closeQuietly(Connection open) {
        if (open != null) {
            try {
                open.close();
            } catch (SQLException e) {
                // closing a connection that is already gone
            }
        }
    }
}
