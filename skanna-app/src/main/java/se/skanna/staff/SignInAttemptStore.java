package se.skanna.staff;

import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * Where failed sign-ins are counted, per key ("account:anna", "address:10.0.0.7"). The default keeps them in
 * this node's memory; a shared implementation (a database table, Redis) can replace it as a bean without
 * touching the policy in {@link SignInThrottle}.
 */
public interface SignInAttemptStore {

    /** The failures counted for {@code key}, or {@link Failures#NONE} when there are none or they expired. */
    Failures get(String key, Instant now);

    /**
     * Atomically replaces the key's failures with {@code change} applied to them, keeping the result until
     * {@code keepUntil}, and returns it.
     */
    Failures update(String key, Instant now, Instant keepUntil, UnaryOperator<Failures> change);

    void clear(String key);

    /** How many failures in a row, and until when the key may not try again ({@code null}: it may). */
    record Failures(int count, Instant blockedUntil) {
        public static final Failures NONE = new Failures(0, null);

        public boolean blockedAt(Instant now) {
            return blockedUntil != null && now.isBefore(blockedUntil);
        }

        public Duration remaining(Instant now) {
            return blockedAt(now) ? Duration.between(now, blockedUntil) : Duration.ZERO;
        }
    }
}
