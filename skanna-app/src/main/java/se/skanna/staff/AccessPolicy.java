package se.skanna.staff;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;

/**
 * Answers "who is calling, and may they do this in this store?" for every module. Checks live in the
 * service layer so that no path (API, page, future gate device) can skip them.
 */
@Component
public class AccessPolicy {

    /** The signed-in staff account, or 401 if there is none. */
    public StaffPrincipal current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || authentication instanceof AnonymousAuthenticationToken
                || !(authentication.getPrincipal() instanceof StaffPrincipal principal)) {
            throw new ProblemException(ErrorCode.UNAUTHORIZED, "Sign in with a staff account to do this.");
        }
        return principal;
    }

    public StaffPrincipal requireHq() {
        StaffPrincipal principal = current();
        if (principal.role() != Role.HQ) {
            throw new ProblemException(ErrorCode.FORBIDDEN, "Only HQ may do this.");
        }
        return principal;
    }

    /** Requires at least {@code minimum} in {@code storeId}; HQ passes everywhere. */
    public StaffPrincipal requireInStore(Role minimum, String storeId) {
        StaffPrincipal principal = current();
        if (!principal.may(minimum, storeId)) {
            throw new ProblemException(ErrorCode.FORBIDDEN, "Your account may not do this in store " + storeId + ".");
        }
        return principal;
    }
}
