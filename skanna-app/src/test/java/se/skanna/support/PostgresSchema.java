package se.skanna.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fresh schema of its own on the PostgreSQL server that {@code SPRING_DATASOURCE_URL} names (the suite's
 * PostgreSQL pass), for tests that start nodes of their own: created on {@link #create}, dropped on {@link #close}.
 */
public final class PostgresSchema implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+).*");

    private final String host;
    private final int port;
    private final String database;
    private final String name;

    private PostgresSchema(String host, int port, String database, String name) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.name = name;
    }

    public static PostgresSchema create(String prefix) throws SQLException {
        Matcher url = URL.matcher(System.getenv("SPRING_DATASOURCE_URL"));
        if (!url.matches()) {
            throw new IllegalStateException("SPRING_DATASOURCE_URL is no PostgreSQL JDBC URL");
        }
        PostgresSchema schema = new PostgresSchema(
                url.group(1),
                url.group(2) == null ? 5432 : Integer.parseInt(url.group(2)),
                url.group(3),
                prefix + UUID.randomUUID().toString().substring(0, 8));
        schema.execute("create schema " + schema.name);
        return schema;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of this schema, on the server itself or, with {@code viaPort}, through a proxy on 127.0.0.1. */
    public String url() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?currentSchema=" + name;
    }

    public String url(int viaPort) {
        return "jdbc:postgresql://127.0.0.1:" + viaPort + "/" + database + "?currentSchema=" + name;
    }

    /** {@code select count(*) from <from>} in this schema. */
    public long count(String from) throws SQLException {
        try (Connection connection = connect(url());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from " + from)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        execute("drop schema if exists " + name + " cascade");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect("jdbc:postgresql://" + host + ":" + port + "/" + database);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(
                url,
                System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "postgres"),
                System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", ""));
    }
}
