package se.skanna.staff;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** The two filters the sign-in work adds to the security chains. */
final class SignInFilters {

    private SignInFilters() {}

    /**
     * A console session opened before its account was disabled, deleted or given a new password ends here: the
     * session is dropped and the request goes on unauthenticated (to the login page, or 401 on the API).
     */
    static final class SessionStillValid extends OncePerRequestFilter {

        private final StaffAccounts accounts;

        SessionStillValid(StaffAccounts accounts) {
            this.accounts = accounts;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null
                    && authentication.getPrincipal() instanceof StaffPrincipal principal
                    && !accounts.sessionStillValid(principal)) {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                SecurityContextHolder.clearContext();
            }
            chain.doFilter(request, response);
        }
    }

    /**
     * {@code Authorization: Bearer skanna_…} signs an integration in for this request only (nothing is kept in
     * a session). An unknown or revoked token is 401 at once. Other bearer tokens (a shopper's trip) pass by.
     */
    static final class ApiTokenAuthentication extends OncePerRequestFilter {

        private final ApiTokens tokens;

        ApiTokenAuthentication(ApiTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                chain.doFilter(request, response);
                return;
            }
            String token = header.substring(7).strip();
            if (!token.startsWith(ApiTokens.PREFIX)) {
                chain.doFilter(request, response);
                return;
            }
            Optional<StaffPrincipal> caller = tokens.authenticate(token);
            if (caller.isEmpty()) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"Skanna\", error=\"invalid_token\"");
                SecurityConfiguration.write(
                        response, se.skanna.shared.ErrorCode.INVALID_TOKEN, "This API token is unknown or revoked.");
                return;
            }
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    caller.get(), null, caller.get().getAuthorities()));
            SecurityContextHolder.setContext(context);
            chain.doFilter(request, response);
        }
    }
}
