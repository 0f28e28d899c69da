package se.skanna.shared;

import java.util.Map;

/**
 * Token buckets by key ("what is being limited, for whom"): each key may spend {@code burst} at once and earns
 * {@code perSecond} back. The one implementation today keeps its state in memory on each node
 * ({@link InMemoryRateLimiter}); one shared across nodes can take its place behind this interface.
 */
public interface RateLimiter {

    /** How much a key may do: a sustained rate and the burst it may spend at once. */
    record Limit(double perSecond, double burst) {
        public Limit {
            if (!(perSecond > 0) || !(burst >= 1)) {
                throw new IllegalArgumentException("A limit needs a rate above 0 and a burst of at least 1");
            }
        }

        public static Limit perMinute(double perMinute, double burst) {
            return new Limit(perMinute / 60.0, burst);
        }
    }

    /** Seconds to wait before the key may act again, or 0 if it may act now (and this action is counted). */
    long admit(String key, Limit limit);

    /**
     * Counts the action, or refuses it with 429 {@code too_many_requests}, a {@code retryAfter} member and the
     * matching {@code Retry-After} header.
     */
    default void require(String key, Limit limit, String detail) {
        long wait = admit(key, limit);
        if (wait > 0) {
            throw new ProblemException(ErrorCode.TOO_MANY_REQUESTS, detail, Map.of("retryAfter", wait));
        }
    }
}
