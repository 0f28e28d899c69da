package se.skanna.staff;

import java.io.Serial;
import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/**
 * No password was checked: the account or address must wait ({@link #throttled}), or every password check
 * slot of this node is taken ({@link #busy}). Either way the caller is told when to try again.
 */
final class SignInRefusedException extends AuthenticationException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final boolean busy;
    private final long retryAfterSeconds;

    private SignInRefusedException(String message, boolean busy, long retryAfterSeconds) {
        super(message);
        this.busy = busy;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static SignInRefusedException throttled(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return new SignInRefusedException("Too many failed sign-ins", false, seconds);
    }

    static SignInRefusedException slotsTaken() {
        return new SignInRefusedException("Too many sign-ins at once", true, 1);
    }

    boolean busy() {
        return busy;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
