package se.skanna.staff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import se.skanna.staff.SignInAttemptStore.Failures;

/**
 * Slows down password guessing, per account and per client address: the first failures are free, each one
 * after them makes the key wait twice as long before the next try, and enough of them lock the key out for a
 * while (written to the action log). A correct password clears the account's count; the address's count only
 * expires, so one valid account cannot reset the count of an address that guesses others.
 */
final class SignInThrottle {

    /** The rules for one kind of key. */
    record Limits(
            int freeFailures,
            Duration firstDelay,
            Duration maxDelay,
            int lockoutAfter,
            Duration lockout,
            Duration forgetAfter) {

        Limits {
            if (freeFailures < 0 || lockoutAfter <= freeFailures) {
                throw new IllegalArgumentException("lockout-after must be greater than free-failures");
            }
        }

        /** How long a key must wait after its {@code count}-th failure in a row. */
        Duration delayAfter(int count) {
            if (count >= lockoutAfter) {
                return lockout;
            }
            if (count <= freeFailures) {
                return Duration.ZERO;
            }
            int doublings = Math.min(30, count - freeFailures - 1);
            Duration delay = firstDelay.multipliedBy(1L << doublings);
            return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
        }
    }

    static final int MAX_KEY_LENGTH = 64;

    private final SignInAttemptStore store;
    private final Limits account;
    private final Limits address;
    private final Clock clock;
    private final BiConsumer<String, String> lockedOut;

    /** {@code lockedOut} hears of each lockout: the key and a sentence for the action log. */
    SignInThrottle(
            SignInAttemptStore store,
            Limits account,
            Limits address,
            Clock clock,
            BiConsumer<String, String> lockedOut) {
        this.store = store;
        this.account = account;
        this.address = address;
        this.clock = clock;
        this.lockedOut = lockedOut;
    }

    /** How long this account, from this address, must still wait before a password is checked; empty: go on. */
    Optional<Duration> waitBefore(String username, String remoteAddress) {
        Instant now = clock.instant();
        Duration wait = max(
                store.get(accountKey(username), now).remaining(now),
                store.get(addressKey(remoteAddress), now).remaining(now));
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /** Counts a wrong password for the account and the address. */
    void failed(String username, String remoteAddress) {
        Instant now = clock.instant();
        count(
                accountKey(username),
                account,
                now,
                "account " + name(username) + " after %d failed sign-ins from " + name(remoteAddress));
        count(
                addressKey(remoteAddress),
                address,
                now,
                "address " + name(remoteAddress) + " after %d failed sign-ins, the last for " + name(username));
    }

    /** A correct password: the account starts again from zero. */
    void succeeded(String username) {
        store.clear(accountKey(username));
    }

    /** HQ (or a manager) re-enabled the account or gave it a new password: lift its lockout. */
    void release(String username) {
        store.clear(accountKey(username));
    }

    private void count(String key, Limits limits, Instant now, String lockDetail) {
        Failures failures =
                store.update(key, now, now.plus(limits.forgetAfter()).plus(limits.lockout()), old -> {
                    int count = old.count() + 1;
                    Duration delay = limits.delayAfter(count);
                    return new Failures(count, delay.isZero() ? null : now.plus(delay));
                });
        if (failures.count() >= limits.lockoutAfter()) {
            lockedOut.accept(
                    key,
                    "locked for " + limits.lockout().toMinutes() + " min: " + lockDetail.formatted(failures.count()));
        }
    }

    static String accountKey(String username) {
        return "account:" + name(username).toLowerCase(Locale.ROOT);
    }

    static String addressKey(String remoteAddress) {
        return "address:" + name(remoteAddress);
    }

    private static String name(String text) {
        String value = text == null || text.isBlank() ? "-" : text.strip();
        return value.length() <= MAX_KEY_LENGTH ? value : value.substring(0, MAX_KEY_LENGTH);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
