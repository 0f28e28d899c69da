package se.skanna.shared;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@link RateLimiter} with its buckets in this node's memory. A bucket is forgotten once it has filled up
 * again, which is exactly when forgetting it changes nothing, so memory holds only keys that acted recently.
 */
@Component
class InMemoryRateLimiter implements RateLimiter {

    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    InMemoryRateLimiter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long admit(String key, Limit limit) {
        long now = clock.millis();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit.burst(), now));
        synchronized (bucket) {
            double perMilli = limit.perSecond() / 1000.0;
            bucket.tokens = Math.min(limit.burst(), bucket.tokens + Math.max(0, now - bucket.updated) * perMilli);
            bucket.updated = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                bucket.fullAt = now + (long) Math.ceil((limit.burst() - bucket.tokens) / perMilli);
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / limit.perSecond()));
        }
    }

    /** Buckets that have filled up again would start exactly as a new one: drop them. */
    @Scheduled(fixedDelay = 60_000)
    void dropFull() {
        long now = clock.millis();
        buckets.values().removeIf(bucket -> {
            synchronized (bucket) {
                return bucket.fullAt <= now;
            }
        });
    }

    int size() {
        return buckets.size();
    }

    private static final class Bucket {
        double tokens;
        long updated;
        long fullAt;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
            this.fullAt = updated;
        }
    }
}
