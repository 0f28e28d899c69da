package se.skanna.shared;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Skanna's one time zone and its one way between {@link Instant} and the database's {@code timestamp with time
 * zone}: parameters go as {@link OffsetDateTime} at UTC (what both PostgreSQL's and H2's drivers take), columns come
 * back through {@link OffsetDateTime}. SQL NULL is {@code null} both ways.
 */
public final class Times {

    /** Every store is in Sweden: business days, opening hours and the times shown on pages are Stockholm's. */
    public static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    private Times() {}

    /** A JDBC parameter for a {@code timestamp with time zone} column; {@code null} stays {@code null}. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** A {@code timestamp with time zone} read back; {@code null} stays {@code null}. */
    public static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    /** The column's instant, or {@code null} for SQL NULL. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        return instant(rs.getObject(column, OffsetDateTime.class));
    }
}
