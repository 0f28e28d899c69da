package se.skanna.staff;

import static se.skanna.shared.Times.instant;
import static se.skanna.shared.Times.utc;

import java.time.Clock;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import se.skanna.shared.Sha256;

/**
 * Failed sign-ins counted in PostgreSQL, so that a guesser spreading attempts over every node behind the
 * balancer meets one count and one lockout (PostgreSQL for the reasons {@code SharedRateLimiter} gives). A
 * sign-in reads two rows by key; only a failure writes, in a short transaction of its own that locks the one row.
 * Keys longer than the column (made-up user names) are stored as their SHA-256.
 */
@Component
@Primary
@ConditionalOnExpression("'${spring.datasource.url:}'.startsWith('jdbc:postgresql:')")
class SharedSignInAttemptStore implements SignInAttemptStore {

    private static final int MAX_KEY = 200;

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    SharedSignInAttemptStore(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @Override
    public Failures get(String key, Instant now) {
        return jdbc.sql("select failures, blocked_until from sign_in_failure where attempt_key = :key"
                        + " and keep_until > :now")
                .param("key", stored(key))
                .param("now", utc(now))
                .query((rs, n) -> failures(rs))
                .optional()
                .orElse(Failures.NONE);
    }

    @Override
    public Failures update(String key, Instant now, Instant keepUntil, UnaryOperator<Failures> change) {
        String stored = stored(key);
        return ownTransaction.execute(status -> {
            jdbc.sql("insert into sign_in_failure (attempt_key, failures, keep_until) values (:key, 0, :now)"
                            + " on conflict do nothing")
                    .param("key", stored)
                    .param("now", utc(now))
                    .update();
            Failures before = jdbc.sql("select failures, blocked_until, keep_until from sign_in_failure"
                            + " where attempt_key = :key for update")
                    .param("key", stored)
                    .query((rs, n) -> instant(rs, "keep_until").isAfter(now) ? failures(rs) : Failures.NONE)
                    .single();
            Failures after = change.apply(before);
            jdbc.sql("update sign_in_failure set failures = :failures, blocked_until = :blocked, keep_until = :keep"
                            + " where attempt_key = :key")
                    .param("failures", after.count())
                    .param("blocked", after.blockedUntil() == null ? null : utc(after.blockedUntil()))
                    .param("keep", utc(keepUntil))
                    .param("key", stored)
                    .update();
            return after;
        });
    }

    @Override
    public void clear(String key) {
        jdbc.sql("delete from sign_in_failure where attempt_key = :key")
                .param("key", stored(key))
                .update();
    }

    /** Counts past their time would start again from nothing: drop them. */
    @Scheduled(fixedDelay = 60_000)
    void dropExpired() {
        jdbc.sql("delete from sign_in_failure where keep_until <= :now")
                .param("now", utc(clock.instant()))
                .update();
    }

    private static Failures failures(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Failures(rs.getInt("failures"), instant(rs, "blocked_until"));
    }

    private static String stored(String key) {
        return key.length() <= MAX_KEY ? key : "sha256:" + Sha256.hex(key);
    }
}
