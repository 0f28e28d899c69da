package se.skanna.staff;

import java.io.Serial;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A signed-in staff account: its role and the stores it is bound to. */
public final class StaffPrincipal implements UserDetails, CredentialsContainer {

    @Serial
    private static final long serialVersionUID = 2L;

    static final String TOKEN_PREFIX = "token:";

    private final String username;
    private String passwordHash;
    private final Role role;

    @SuppressWarnings("serial") // Set.copyOf gives a serializable set
    private final Set<String> storeIds;

    private final boolean enabled;
    // changes whenever the password changes or the account is disabled: older console sessions stop working
    private final String credentialsStamp;
    private final boolean viaToken;

    StaffPrincipal(
            String username,
            String passwordHash,
            Role role,
            Set<String> storeIds,
            boolean enabled,
            String credentialsStamp) {
        this(username, passwordHash, role, storeIds, enabled, credentialsStamp, false);
    }

    private StaffPrincipal(
            String username,
            String passwordHash,
            Role role,
            Set<String> storeIds,
            boolean enabled,
            String credentialsStamp,
            boolean viaToken) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
        this.storeIds = Set.copyOf(storeIds);
        this.enabled = enabled;
        this.credentialsStamp = credentialsStamp;
        this.viaToken = viaToken;
    }

    /** An integration calling with an API token: named {@code token:<id>} in the action log, no password. */
    static StaffPrincipal forToken(String tokenId, Role role, Set<String> storeIds) {
        return new StaffPrincipal(TOKEN_PREFIX + tokenId, null, role, storeIds, true, null, true);
    }

    /** Whether this caller is an API token rather than a person who signed in with a password. */
    public boolean viaToken() {
        return viaToken;
    }

    String credentialsStamp() {
        return credentialsStamp;
    }

    public Role role() {
        return role;
    }

    public Set<String> storeIds() {
        return storeIds;
    }

    /** Whether this account holds at least {@code minimum} in the given store. */
    public boolean may(Role minimum, String storeId) {
        if (role == Role.HQ) {
            return true;
        }
        return role.includes(minimum) && minimum != Role.HQ && storeIds.contains(storeId);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String toString() {
        return "StaffPrincipal[" + username + ", " + role + ", stores=" + storeIds + (viaToken ? ", token" : "") + "]";
    }
}
