package se.skanna.shared;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@link RateLimiter} whose buckets live in PostgreSQL, so every node behind the balancer counts against the same
 * limit: one atomic upsert per check, no lock held beyond it. Why PostgreSQL and not Redis: it is already the one
 * thing every node shares, it is transactional and backed up, and the limited actions (trip starts, calls for
 * staff, receipt checks) are rare next to the database work they guard; Redis would add a second service to run
 * and keep available for a few hundred writes a second. Scans are the exception: a check per scan would double a
 * scan's database work, so the {@code scan:} keys stay in each node's memory (the per-trip and per-client scan
 * limits guard a node's CPU, which is per node anyway).
 */
@Component
@Primary
@ConditionalOnExpression("'${spring.datasource.url:}'.startsWith('jdbc:postgresql:')")
class SharedRateLimiter implements RateLimiter {

    private static final String LOCAL_PREFIX = "scan:";

    private final JdbcClient jdbc;
    private final InMemoryRateLimiter local;
    private final Clock clock;

    SharedRateLimiter(JdbcClient jdbc, InMemoryRateLimiter local, Clock clock) {
        this.jdbc = jdbc;
        this.local = local;
        this.clock = clock;
    }

    @Override
    public long admit(String key, Limit limit) {
        if (key.startsWith(LOCAL_PREFIX)) {
            return local.admit(key, limit);
        }
        long now = clock.millis();
        double perMilli = limit.perSecond() / 1000.0;
        // available = the bucket refilled up to now; take one token when there is one, and say whether we did
        String available = "least(:burst, b.tokens + greatest(0, :now - b.updated_ms) * :perMilli)";
        Bucket bucket = jdbc.sql(
                        "insert into rate_limit_bucket as b (bucket_key, tokens, updated_ms, full_at_ms, admitted)"
                                + " values (:key, :burst - 1, :now, :now + cast(ceil(1 / :perMilli) as bigint), true)"
                                + " on conflict (bucket_key) do update set"
                                + " tokens = case when " + available + " >= 1 then " + available + " - 1 else "
                                + available
                                + " end,"
                                + " admitted = " + available + " >= 1,"
                                + " full_at_ms = :now + cast(ceil((:burst - " + available + " + case when " + available
                                + " >= 1 then 1 else 0 end) / :perMilli) as bigint),"
                                + " updated_ms = greatest(b.updated_ms, :now)"
                                + " returning tokens, admitted")
                .param("key", key)
                .param("burst", limit.burst())
                .param("now", now)
                .param("perMilli", perMilli)
                .query((rs, n) -> new Bucket(rs.getDouble("tokens"), rs.getBoolean("admitted")))
                .single();
        if (bucket.admitted()) {
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - bucket.tokens()) / limit.perSecond()));
    }

    private record Bucket(double tokens, boolean admitted) {}

    /** Buckets that have filled up again would start exactly as a new one: drop them. */
    @Scheduled(fixedDelay = 60_000)
    void dropFull() {
        jdbc.sql("delete from rate_limit_bucket where full_at_ms <= :now")
                .param("now", clock.millis())
                .update();
    }
}
