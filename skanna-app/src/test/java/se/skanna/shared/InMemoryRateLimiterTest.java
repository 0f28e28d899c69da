package se.skanna.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import se.skanna.shared.RateLimiter.Limit;

class InMemoryRateLimiterTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final ManualClock clock = new ManualClock();
    final InMemoryRateLimiter limiter = new InMemoryRateLimiter(clock);
    final Limit sixAMinute = Limit.perMinute(6, 3);

    @Test
    void a_key_spends_its_burst_then_waits_for_what_it_earns_back() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.admit("k", sixAMinute)).isZero();
        }

        long wait = limiter.admit("k", sixAMinute);
        clock.advance(Duration.ofSeconds(10));
        long afterTenSeconds = limiter.admit("k", sixAMinute);

        assertThat(wait).isEqualTo(10);
        assertThat(afterTenSeconds).isZero();
        assertThat(limiter.admit("other", sixAMinute)).as("keys are apart").isZero();
    }

    @Test
    void an_emptied_bucket_is_not_forgotten_before_it_has_filled_up_again() {
        Limit onceAMinute = Limit.perMinute(1, 3);
        for (int i = 0; i < 3; i++) {
            limiter.admit("k", onceAMinute);
        }

        // a minute idle earns one back; forgetting the bucket now (as "idle") would hand out a whole new burst
        clock.advance(Duration.ofSeconds(61));
        limiter.dropFull();
        int admitted = 0;
        while (limiter.admit("k", onceAMinute) == 0) {
            admitted++;
        }
        clock.advance(Duration.ofMinutes(3));
        limiter.dropFull();

        assertThat(admitted).isEqualTo(1);
        assertThat(limiter.size()).as("full again after 3 min: forgotten").isZero();
    }

    @Test
    void require_refuses_with_429_and_the_seconds_to_wait() {
        limiter.require("k", new Limit(1, 1), "slow down");

        assertThatThrownBy(() -> limiter.require("k", new Limit(1, 1), "slow down"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
                    assertThat(e.properties()).containsEntry("retryAfter", 1L);
                });
    }
}
