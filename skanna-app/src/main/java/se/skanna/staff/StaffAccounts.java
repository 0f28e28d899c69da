package se.skanna.staff;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;

/** Staff, manager and HQ accounts. Passwords are only ever kept as adaptive hashes. */
@Service
public class StaffAccounts implements UserDetailsService {

    static final int MIN_PASSWORD_LENGTH = 12;
    static final int MAX_PASSWORD_BYTES = 72;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    private final StaffAccountRepository accounts;
    private final PasswordEncoder passwords;
    private final Clock clock;

    StaffAccounts(StaffAccountRepository accounts, PasswordEncoder passwords, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** A new account. STAFF and MANAGER must be bound to at least one existing store; HQ to none. */
    @Transactional
    public StaffAccount create(String username, String password, Role role, Set<String> storeIds) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ProblemException.invalidField(
                    "username", "2–64 characters: lower-case letters, digits, '.', '_' or '-'.");
        }
        if (role == null) {
            throw ProblemException.invalidField("role", "Role must be one of STAFF, MANAGER, HQ.");
        }
        if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.isBlank()) {
            throw new ProblemException(
                    ErrorCode.WEAK_PASSWORD, "A password needs at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            // bcrypt reads at most 72 bytes; a longer password would silently lose its end
            throw ProblemException.invalidField("password", "A password has at most " + MAX_PASSWORD_BYTES + " bytes.");
        }
        Set<String> stores = storeIds == null ? Set.of() : Set.copyOf(storeIds);
        if (role == Role.HQ && !stores.isEmpty()) {
            throw ProblemException.invalidField("storeIds", "HQ accounts are not bound to stores.");
        }
        if (role != Role.HQ && stores.isEmpty()) {
            throw ProblemException.invalidField("storeIds", "STAFF and MANAGER accounts need at least one store.");
        }
        if (accounts.countKnownStores(stores) != stores.size()) {
            throw ProblemException.invalidField("storeIds", "Some of these stores do not exist.");
        }
        if (accounts.exists(username)) {
            throw new ProblemException(ErrorCode.ACCOUNT_EXISTS, "An account named " + username + " exists.");
        }
        accounts.insert(username, passwords.encode(password), role, stores, clock.instant());
        return new StaffAccount(username, role, stores);
    }

    public boolean exists(String username) {
        return accounts.exists(username);
    }

    public List<StaffAccount> list() {
        return accounts.usernames().stream()
                .map(accounts::find)
                .flatMap(java.util.Optional::stream)
                .map(p -> new StaffAccount(p.getUsername(), p.role(), p.storeIds()))
                .toList();
    }

    @Override
    public StaffPrincipal loadUserByUsername(String username) {
        return accounts.find(username).orElseThrow(() -> new UsernameNotFoundException("unknown account"));
    }

    /** An account as others may see it: never with its password hash. */
    public record StaffAccount(String username, Role role, Set<String> storeIds) {}
}
