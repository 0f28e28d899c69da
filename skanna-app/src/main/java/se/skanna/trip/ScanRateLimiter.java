package se.skanna.trip;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Token buckets per trip and per client address for scans: a shopper scans a few items a second at most, so
 * anything faster is a script or a stuck client. Per node; buckets idle for a minute are dropped.
 */
@Component
class ScanRateLimiter {

    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final double tripRate;
    private final double tripBurst;
    private final double clientRate;
    private final double clientBurst;

    ScanRateLimiter(
            Clock clock,
            @Value("${skanna.trips.scans-per-second-per-trip:5}") double tripRate,
            @Value("${skanna.trips.scan-burst-per-trip:20}") double tripBurst,
            @Value("${skanna.trips.scans-per-second-per-client:50}") double clientRate,
            @Value("${skanna.trips.scan-burst-per-client:200}") double clientBurst) {
        this.clock = clock;
        this.tripRate = tripRate;
        this.tripBurst = tripBurst;
        this.clientRate = clientRate;
        this.clientBurst = clientBurst;
    }

    /** Seconds to wait before the next scan is allowed, or 0 if this one may go ahead (and is counted). */
    long admit(String tripId, String clientAddress) {
        long now = clock.millis();
        long tripWait = take("trip:" + tripId, tripRate, tripBurst, now);
        if (tripWait > 0) {
            return tripWait;
        }
        return take("client:" + clientAddress, clientRate, clientBurst, now);
    }

    private long take(String key, double rate, double burst, long now) {
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updated) * rate / 1000.0);
            bucket.updated = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / rate));
        }
    }

    @Scheduled(fixedDelay = 60_000)
    void dropIdle() {
        long cutoff = clock.millis() - 60_000;
        buckets.values().removeIf(bucket -> bucket.updated < cutoff);
    }

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }
}
