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
    private static final long serialVersionUID = 1L;

    private final String username;
    private String passwordHash;
    private final Role role;

    @SuppressWarnings("serial") // Set.copyOf gives a serializable set
    private final Set<String> storeIds;

    private final boolean enabled;

    StaffPrincipal(String username, String passwordHash, Role role, Set<String> storeIds, boolean enabled) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
        this.storeIds = Set.copyOf(storeIds);
        this.enabled = enabled;
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
        return "StaffPrincipal[" + username + ", " + role + ", stores=" + storeIds + "]";
    }
}
