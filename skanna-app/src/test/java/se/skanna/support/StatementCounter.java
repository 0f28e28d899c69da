package se.skanna.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the SQL statements of each transaction on the calling thread: wraps the application's {@link DataSource}
 * so that every statement prepared or created on a connection counts, and every commit or rollback closes the
 * transaction. Import it into a test's context ({@code @Import(StatementCounter.class)}), call {@link #start}
 * and read {@link #transactions} after the code under test ran on the same thread. (The wrapped pool is no
 * HikariDataSource any more, so PostgreSQL's cluster signals stay off in such a context.)
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounter {

    /** A finished transaction: its statements in order and whether it committed. */
    public record Transaction(List<String> statements, boolean committed) {}

    private static final ThreadLocal<Recording> RECORDING = new ThreadLocal<>();

    private static final class Recording {
        final List<Transaction> finished = new ArrayList<>();
        List<String> current = new ArrayList<>();
    }

    /** Starts recording on this thread (anything recorded before is dropped). */
    public static void start() {
        RECORDING.set(new Recording());
    }

    /** The transactions finished on this thread since {@link #start}, in order; recording goes on. */
    public static List<Transaction> transactions() {
        Recording recording = RECORDING.get();
        return recording == null ? List.of() : List.copyOf(recording.finished);
    }

    @Bean
    static BeanPostProcessor countingDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource && !(bean instanceof Counting)) {
                    return new Counting(dataSource);
                }
                return bean;
            }
        };
    }

    static final class Counting extends DelegatingDataSource {

        Counting(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return counted(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return counted(super.getConnection(username, password));
        }

        private static Connection counted(Connection connection) {
            InvocationHandler handler = (proxy, method, args) -> {
                Recording recording = RECORDING.get();
                if (recording != null) {
                    switch (method.getName()) {
                        case "prepareStatement", "prepareCall" -> recording.current.add(String.valueOf(args[0]));
                        case "createStatement" -> recording.current.add("(statement)");
                        // a transaction begins: what ran before it in auto-commit is no part of it
                        case "setAutoCommit" -> {
                            if (Boolean.FALSE.equals(args[0])) {
                                recording.current = new ArrayList<>();
                            }
                        }
                        case "commit", "rollback" -> {
                            recording.finished.add(new Transaction(
                                    List.copyOf(recording.current),
                                    method.getName().equals("commit")));
                            recording.current = new ArrayList<>();
                        }
                        default -> {}
                    }
                }
                try {
                    return method.invoke(connection, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
        }
    }
}
