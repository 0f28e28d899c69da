package se.skanna.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-01T08:00:00Z");

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

    final TestClock clock = new TestClock();
    final List<String> lockouts = new ArrayList<>();
    final InMemorySignInAttemptStore store = new InMemorySignInAttemptStore(1000);
    final SignInThrottle throttle = new SignInThrottle(
            store,
            new SignInThrottle.Limits(
                    3, Duration.ofSeconds(1), Duration.ofSeconds(5), 6, Duration.ofMinutes(15), Duration.ofMinutes(15)),
            new SignInThrottle.Limits(
                    10,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(5),
                    20,
                    Duration.ofMinutes(30),
                    Duration.ofMinutes(15)),
            clock,
            (key, detail) -> lockouts.add(key + " " + detail));

    @Test
    void the_first_failures_are_free_then_each_doubles_the_wait_up_to_the_cap_then_the_account_is_locked() {
        List<Optional<Duration>> waits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clock.advance(waits.isEmpty() ? Duration.ZERO : waits.getLast().orElse(Duration.ZERO));
            throttle.failed("anna", "10.0.0.1");
            waits.add(throttle.waitBefore("anna", "10.0.0.2"));
        }

        assertThat(waits)
                .containsExactly(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(Duration.ofSeconds(1)),
                        Optional.of(Duration.ofSeconds(2)),
                        Optional.of(Duration.ofMinutes(15)));
        assertThat(lockouts)
                .containsExactly("account:anna locked for 15 min: account anna after 6 failed sign-ins from 10.0.0.1");
        assertThat(throttle.waitBefore("ANNA ", "10.0.0.3"))
                .as("names are keyed case-blind")
                .isPresent();
        assertThat(throttle.waitBefore("bertil", "10.0.0.3"))
                .as("other accounts go on")
                .isEmpty();
    }

    @Test
    void the_wait_is_capped_below_the_lockout() {
        SignInThrottle.Limits limits = new SignInThrottle.Limits(
                0, Duration.ofSeconds(1), Duration.ofSeconds(5), 50, Duration.ofHours(1), Duration.ofMinutes(15));

        assertThat(limits.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(limits.delayAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(limits.delayAfter(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(limits.delayAfter(49)).isEqualTo(Duration.ofSeconds(5));
        assertThat(limits.delayAfter(50)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void a_lockout_ends_after_its_time_and_a_correct_password_starts_the_account_from_zero() {
        for (int i = 0; i < 6; i++) {
            throttle.failed("anna", "10.0.0.1");
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(throttle.waitBefore("anna", "10.0.0.1")).isPresent();

        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.waitBefore("anna", "10.0.0.1")).isEmpty();
        throttle.succeeded("anna");
        throttle.failed("anna", "10.0.0.1");
        assertThat(throttle.waitBefore("anna", "10.0.0.1"))
                .as("one failure after a success is free")
                .isEmpty();
    }

    @Test
    void an_address_guessing_many_accounts_is_throttled_and_locked_though_each_account_is_not() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("user" + i, "10.0.0.9");
        }
        assertThat(throttle.waitBefore("someone-else", "10.0.0.9")).isEmpty();
        throttle.failed("user10", "10.0.0.9");
        assertThat(throttle.waitBefore("someone-else", "10.0.0.9")).contains(Duration.ofSeconds(1));
        assertThat(throttle.waitBefore("someone-else", "10.0.0.8"))
                .as("other addresses go on")
                .isEmpty();

        throttle.succeeded("user10");
        assertThat(throttle.waitBefore("someone-else", "10.0.0.9"))
                .as("a success does not clear the address")
                .isPresent();
        for (int i = 11; i < 20; i++) {
            clock.advance(Duration.ofSeconds(6));
            throttle.failed("user" + i, "10.0.0.9");
        }
        assertThat(throttle.waitBefore("someone-else", "10.0.0.9")).contains(Duration.ofMinutes(30));
        assertThat(lockouts).singleElement().asString().startsWith("address:10.0.0.9 locked for 30 min");
    }

    @Test
    void failures_are_forgotten_after_a_quiet_while() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("anna", "10.0.0.1");
        }
        clock.advance(Duration.ofMinutes(31));

        throttle.failed("anna", "10.0.0.1");
        assertThat(throttle.waitBefore("anna", "10.0.0.1")).isEmpty();
    }

    @Test
    void the_store_stays_bounded_when_flooded_with_made_up_names() {
        for (int i = 0; i < 5000; i++) {
            throttle.failed("made-up-" + i, "10.0." + (i / 250) + "." + (i % 250));
        }

        assertThat(store.size()).isLessThanOrEqualTo(1000);
    }
}
