package se.skanna.staff;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;

/**
 * Staff, manager and HQ accounts. Passwords are only ever kept as adaptive hashes. HQ disables, enables,
 * re-keys and deletes accounts; a manager may disable, enable and re-key the STAFF accounts of their own
 * stores. Nobody does that to their own account: they change their own password, given the current one.
 * Passwords are checked only through {@link PasswordChecks} (throttled, bounded), never by a second provider.
 */
@Service
public class StaffAccounts {

    static final int MIN_PASSWORD_LENGTH = 12;
    static final int MAX_PASSWORD_BYTES = 72;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    private final StaffAccountRepository accounts;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final PasswordChecks checks;
    private final SignInThrottle throttle;
    private final ActionLog log;
    private final ApplicationEventPublisher events;
    private final KnownStores knownStores;

    /** Published after an account's password changed (its own change or a reset), once committed. */
    record PasswordChanged(String username) {}

    StaffAccounts(
            StaffAccountRepository accounts,
            PasswordEncoder passwords,
            Clock clock,
            PasswordChecks checks,
            SignInThrottle throttle,
            ActionLog log,
            ApplicationEventPublisher events,
            KnownStores knownStores) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.clock = clock;
        this.checks = checks;
        this.throttle = throttle;
        this.log = log;
        this.events = events;
        this.knownStores = knownStores;
    }

    /** A new account. STAFF and MANAGER must be bound to at least one existing store; HQ to none. */
    @Transactional
    public StaffAccount create(String username, String password, Role role, Set<String> storeIds) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ProblemException.invalidField(
                    "username", "2–64 characters: lower-case letters, digits, '.', '_' or '-'.");
        }
        Set<String> stores = checkRoleAndStores(role, storeIds);
        checkNewPassword(password);
        if (accounts.exists(username)) {
            throw new ProblemException(ErrorCode.ACCOUNT_EXISTS, "An account named " + username + " exists.");
        }
        accounts.insert(username, passwords.encode(password), role, stores, clock.instant());
        return new StaffAccount(username, role, stores, true);
    }

    /** {@link #create} by a signed-in HQ account, written to the action log. */
    public StaffAccount create(StaffPrincipal actor, String username, String password, Role role, Set<String> stores) {
        if (actor.viaToken()) {
            throw new ProblemException(ErrorCode.FORBIDDEN, "Accounts are managed by people, not API tokens.");
        }
        return log.inOneTransaction(() -> {
            StaffAccount account = create(username, password, role, stores);
            log.record(actor, "ACCOUNT_CREATED", storeOf(account.storeIds()), username, role.name());
            return account;
        });
    }

    public boolean exists(String username) {
        return accounts.exists(username);
    }

    public List<StaffAccount> list() {
        return accounts.usernames().stream()
                .map(accounts::find)
                .flatMap(Optional::stream)
                .map(StaffAccounts::view)
                .toList();
    }

    /** The account can no longer sign in, and its open console sessions end. */
    public StaffAccount disable(StaffPrincipal actor, String username) {
        return log.inOneTransaction(() -> {
            StaffPrincipal target = manageable(actor, username, true);
            accounts.setEnabled(username, false);
            log.record(actor, "ACCOUNT_DISABLED", storeOf(target.storeIds()), username, null);
            return new StaffAccount(username, target.role(), target.storeIds(), false);
        });
    }

    /** The account may sign in again (its old sessions stay ended); any sign-in lockout is lifted. */
    public StaffAccount enable(StaffPrincipal actor, String username) {
        StaffAccount enabled = log.inOneTransaction(() -> {
            StaffPrincipal target = manageable(actor, username, true);
            accounts.setEnabled(username, true);
            log.record(actor, "ACCOUNT_ENABLED", storeOf(target.storeIds()), username, null);
            return new StaffAccount(username, target.role(), target.storeIds(), true);
        });
        throttle.release(username);
        return enabled;
    }

    /** Someone else's new password: their sessions end and any sign-in lockout is lifted. */
    public void resetPassword(StaffPrincipal actor, String username, String newPassword) {
        checkNewPassword(newPassword);
        String hash = passwords.encode(newPassword);
        log.inOneTransaction(() -> {
            StaffPrincipal target = manageable(actor, username, true);
            accounts.setPassword(username, hash);
            log.record(actor, "PASSWORD_RESET", storeOf(target.storeIds()), username, null);
            return null;
        });
        throttle.release(username);
        events.publishEvent(new PasswordChanged(username));
    }

    /** HQ deletes an account; its sessions end. The action log keeps its name. */
    public void delete(StaffPrincipal actor, String username) {
        log.inOneTransaction(() -> {
            StaffPrincipal target = manageable(actor, username, false);
            accounts.delete(username);
            log.record(
                    actor,
                    "ACCOUNT_DELETED",
                    storeOf(target.storeIds()),
                    username,
                    target.role().name());
            return null;
        });
    }

    /**
     * The caller's own new password, given the current one (checked, throttled and counted like a sign-in).
     * Every session of the account ends, this one included: sign in again with the new password.
     */
    public void changeOwnPassword(
            StaffPrincipal actor, String remoteAddress, String currentPassword, String newPassword) {
        if (actor.viaToken()) {
            throw new ProblemException(ErrorCode.FORBIDDEN, "An API token has no password.");
        }
        checkNewPassword(newPassword);
        try {
            checks.check(actor.getUsername(), remoteAddress, currentPassword);
        } catch (SignInRefusedException refused) {
            throw new ProblemException(
                    refused.busy() ? ErrorCode.SIGN_IN_BUSY : ErrorCode.SIGN_IN_THROTTLED,
                    refused.busy()
                            ? "Too many password checks at once; try again in a moment."
                            : "Too many wrong passwords; try again later.",
                    Map.of("retryAfter", refused.retryAfterSeconds()));
        } catch (BadCredentialsException | DisabledException wrong) {
            throw new ProblemException(ErrorCode.WRONG_PASSWORD, "That is not your current password.");
        }
        String hash = passwords.encode(newPassword);
        log.inOneTransaction(() -> {
            if (!accounts.setPassword(actor.getUsername(), hash)) {
                throw new ProblemException(ErrorCode.ACCOUNT_NOT_FOUND, "Your account no longer exists.");
            }
            log.record(actor, "PASSWORD_CHANGED", storeOf(actor.storeIds()), actor.getUsername(), null);
            return null;
        });
        events.publishEvent(new PasswordChanged(actor.getUsername()));
    }

    /** STAFF and MANAGER are bound to at least one existing store; HQ to none. Shared with API tokens. */
    Set<String> checkRoleAndStores(Role role, Set<String> storeIds) {
        if (role == null) {
            throw ProblemException.invalidField("role", "Role must be one of STAFF, MANAGER, HQ.");
        }
        Set<String> stores = storeIds == null ? Set.of() : Set.copyOf(storeIds);
        if (role == Role.HQ && !stores.isEmpty()) {
            throw ProblemException.invalidField("storeIds", "HQ accounts are not bound to stores.");
        }
        if (role != Role.HQ && stores.isEmpty()) {
            throw ProblemException.invalidField("storeIds", "STAFF and MANAGER accounts need at least one store.");
        }
        if (knownStores.countKnown(stores) != stores.size()) {
            throw ProblemException.invalidField("storeIds", "Some of these stores do not exist.");
        }
        return stores;
    }

    /** Whether a console session of this account, opened with this stamp, may go on. */
    boolean sessionStillValid(StaffPrincipal principal) {
        return principal.viaToken()
                || accounts.sessionStillValid(principal.getUsername(), principal.credentialsStamp());
    }

    private static void checkNewPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.isBlank()) {
            throw new ProblemException(
                    ErrorCode.WEAK_PASSWORD, "A password needs at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            // bcrypt reads at most 72 bytes; a longer password would silently lose its end
            throw ProblemException.invalidField("password", "A password has at most " + MAX_PASSWORD_BYTES + " bytes.");
        }
    }

    /** The account {@code actor} may manage: HQ any other account; a manager (if allowed) their stores' STAFF. */
    private StaffPrincipal manageable(StaffPrincipal actor, String username, boolean managerMay) {
        if (actor.viaToken()) {
            throw new ProblemException(ErrorCode.FORBIDDEN, "Accounts are managed by people, not API tokens.");
        }
        boolean manager = managerMay && actor.role() == Role.MANAGER;
        if (actor.role() != Role.HQ && !manager) {
            throw new ProblemException(ErrorCode.FORBIDDEN, "Your account may not manage this account.");
        }
        if (actor.getUsername().equals(username)) {
            throw new ProblemException(
                    ErrorCode.OWN_ACCOUNT, "Not your own account; change your own password with your current one.");
        }
        StaffPrincipal target = accounts.find(username == null ? "" : username)
                .orElseThrow(() -> new ProblemException(ErrorCode.ACCOUNT_NOT_FOUND, "There is no such account."));
        if (actor.role() != Role.HQ
                && (target.role() != Role.STAFF || !actor.storeIds().containsAll(target.storeIds()))) {
            throw new ProblemException(
                    ErrorCode.FORBIDDEN, "A manager manages only the STAFF accounts of their own stores.");
        }
        return target;
    }

    private static String storeOf(Set<String> storeIds) {
        return storeIds.size() == 1 ? storeIds.iterator().next() : null;
    }

    private static StaffAccount view(StaffPrincipal principal) {
        return new StaffAccount(principal.getUsername(), principal.role(), principal.storeIds(), principal.isEnabled());
    }

    /** An account as others may see it: never with its password hash. */
    public record StaffAccount(String username, Role role, Set<String> storeIds, boolean enabled) {}
}
