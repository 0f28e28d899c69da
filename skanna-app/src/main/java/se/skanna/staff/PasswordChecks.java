package se.skanna.staff;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Every check of a staff password goes through here (HTTP Basic, the console's form, a password change): a
 * throttled account or address is refused before any hashing, and at most {@code maxConcurrent} bcrypt checks
 * run at once on this node. One more fails at once instead of queueing, so a flood of guesses cannot take every
 * carrier thread and starve the shoppers' requests.
 */
final class PasswordChecks {

    private final StaffAccountRepository accounts;
    private final PasswordEncoder passwords;
    private final SignInThrottle throttle;
    private final Semaphore slots;
    private final int maxConcurrent;
    // checked against when the account does not exist, so a wrong name costs as long as a wrong password
    private final String unknownAccountHash;

    PasswordChecks(
            StaffAccountRepository accounts, PasswordEncoder passwords, SignInThrottle throttle, int maxConcurrent) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.throttle = throttle;
        this.maxConcurrent = maxConcurrent;
        this.slots = new Semaphore(maxConcurrent);
        this.unknownAccountHash = passwords.encode("no account has this password, it only costs time");
    }

    /**
     * The account, if {@code password} is its password and it is enabled.
     *
     * @throws SignInRefusedException when the password was not checked (throttled or busy)
     * @throws BadCredentialsException when the name or password is wrong (counted as a failure)
     * @throws DisabledException when the password is right but the account is disabled
     */
    StaffPrincipal check(String username, String remoteAddress, String password) {
        Optional<java.time.Duration> wait = throttle.waitBefore(username, remoteAddress);
        if (wait.isPresent()) {
            throw SignInRefusedException.throttled(wait.get());
        }
        if (!slots.tryAcquire()) {
            throw SignInRefusedException.slotsTaken();
        }
        Optional<StaffPrincipal> account;
        boolean matches;
        try {
            account = username == null || username.isBlank() ? Optional.empty() : accounts.find(username);
            matches = matches(password, account.map(StaffPrincipal::getPassword).orElse(unknownAccountHash))
                    && account.isPresent();
        } finally {
            slots.release();
        }
        if (!matches) {
            throttle.failed(username, remoteAddress);
            throw new BadCredentialsException("Wrong username or password");
        }
        if (!account.get().isEnabled()) {
            throw new DisabledException("Account disabled");
        }
        throttle.succeeded(username);
        return account.get();
    }

    int maxConcurrent() {
        return maxConcurrent;
    }

    /** Takes a slot as a password check would, for tests that need every slot taken. */
    boolean tryTakeSlot() {
        return slots.tryAcquire();
    }

    void releaseSlot() {
        slots.release();
    }

    private boolean matches(String password, String hash) {
        if (password == null || password.getBytes(StandardCharsets.UTF_8).length > StaffAccounts.MAX_PASSWORD_BYTES) {
            // bcrypt refuses more than 72 bytes; no stored password is that long
            passwords.matches("-", hash);
            return false;
        }
        return passwords.matches(password, hash);
    }
}
