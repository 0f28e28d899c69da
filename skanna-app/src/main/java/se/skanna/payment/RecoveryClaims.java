package se.skanna.payment;

import static se.skanna.shared.Times.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How payment and refund recovery split their work across nodes: a node claims up to {@code limit} PENDING rows
 * whose next check is due, skipping rows another node is claiming (FOR UPDATE SKIP LOCKED), and moves each claimed
 * row's next check ahead by its backoff, so no other node asks about it meanwhile. Call in a transaction; it holds
 * the claim until it commits. The table has {@code id}, {@code status}, {@code checks} and {@code next_check_at}.
 */
final class RecoveryClaims {

    interface Rows<T> {
        T row(ResultSet rs) throws SQLException;
    }

    private RecoveryClaims() {}

    static <T> List<T> claimDue(
            JdbcClient jdbc,
            String table,
            Rows<T> rows,
            Function<T, String> id,
            Instant now,
            int limit,
            IntFunction<Duration> backoff) {
        record Claimed<T>(T row, int checks) {}
        List<Claimed<T>> due = jdbc.sql("select t.*, t.checks as claim_checks from " + table + " t"
                        + " where t.status = 'PENDING' and t.next_check_at <= :now order by t.next_check_at"
                        + " limit :limit for update skip locked")
                .param("now", utc(now))
                .param("limit", limit)
                .query((rs, n) -> new Claimed<>(rows.row(rs), rs.getInt("claim_checks")))
                .list();
        for (Claimed<T> claimed : due) {
            jdbc.sql("update " + table + " set checks = checks + 1, next_check_at = :next where id = :id")
                    .param("next", utc(now.plus(backoff.apply(claimed.checks()))))
                    .param("id", id.apply(claimed.row()))
                    .update();
        }
        return due.stream().map(Claimed::row).toList();
    }
}
