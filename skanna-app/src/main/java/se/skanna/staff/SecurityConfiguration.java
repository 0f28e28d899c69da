package se.skanna.staff;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import se.skanna.shared.DatabaseTrouble;
import se.skanna.shared.ErrorCode;
import se.skanna.web.ProblemResponses;

/**
 * Two doors: the API ({@code /api/**}) takes HTTP Basic or the console's session cookie and answers
 * every refusal as problem+json; pages take a form login with CSRF protection. Everything not named
 * public needs a signed-in account, and services check role and store again.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self';"
            + " script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    /**
     * The camera for Skanna's own pages (scanning in the shopper app and the staff console), the location for
     * their own "stores near me" (asked only when tapped), every other powerful feature off: no page uses the
     * microphone, payment handlers, USB or the like.
     */
    static final String PERMISSIONS_POLICY = "camera=(self), geolocation=(self), microphone=(), payment=(), usb=(),"
            + " serial=(), bluetooth=(), hid=(), midi=(), display-capture=(), screen-wake-lock=(),"
            + " publickey-credentials-get=(), accelerometer=(), gyroscope=(), magnetometer=(), browsing-topics=()";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, StaffAccounts accounts, ApiTokens tokens) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            if (e instanceof SignInRefusedException refused) {
                refuse(response, refused);
                return;
            }
            if (databaseDown(response, e)) {
                return;
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"Skanna\", charset=\"UTF-8\"");
            write(response, ErrorCode.UNAUTHORIZED, "Sign in with a staff account (HTTP Basic) to do this.");
        };
        AccessDeniedHandler forbidden =
                (request, response, e) -> write(response, ErrorCode.FORBIDDEN, "Your account may not do this.");
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(
                                HttpMethod.GET,
                                "/api/v1/stores",
                                "/api/v1/stores/*",
                                "/api/v1/regions",
                                "/api/v1/store-counts",
                                "/api/v1/barcodes",
                                "/api/v1/barcodes/*",
                                "/api/v1/stores/*/products/*",
                                "/api/v1/stores/*/offline-catalog",
                                "/api/v1/receipts/*/verification",
                                "/api/v1/keys/signing")
                        .permitAll()
                        // shoppers: the trip's own bearer token is checked by the trip module on every call
                        .requestMatchers(
                                "/api/v1/trips",
                                "/api/v1/trips/*",
                                "/api/v1/trips/*/scans",
                                "/api/v1/trips/*/lines/*",
                                "/api/v1/trips/*/assistance",
                                "/api/v1/trips/*/checkout",
                                "/api/v1/trips/*/payment",
                                "/api/v1/trips/*/payment/cancel",
                                "/api/v1/trips/*/receipt",
                                "/api/v1/trips/*/exit-pass",
                                "/api/v1/trips/*/exit-pass.svg")
                        .permitAll()
                        // Swish calls this; the body is not trusted, the payment's state is asked from Swish
                        .requestMatchers(HttpMethod.POST, "/api/v1/payments/swish/callback")
                        .permitAll()
                        // a manager may disable, enable and re-key their own stores' STAFF (StaffAccounts checks)
                        .requestMatchers(HttpMethod.POST, "/api/v1/staff/*/disable", "/api/v1/staff/*/enable")
                        .hasAnyRole("HQ", "MANAGER")
                        .requestMatchers(HttpMethod.PUT, "/api/v1/staff/*/password")
                        .hasAnyRole("HQ", "MANAGER")
                        .requestMatchers(
                                "/api/v1/incidents/**",
                                "/api/v1/staff/**",
                                "/api/v1/catalog/**",
                                "/api/v1/tokens",
                                "/api/v1/tokens/**",
                                "/api/v1/members/**")
                        .hasRole("HQ")
                        .anyRequest()
                        .authenticated())
                .httpBasic(basic -> basic.realmName("Skanna").authenticationEntryPoint(unauthorized))
                .addFilterBefore(new SignInFilters.ApiTokenAuthentication(tokens), BasicAuthenticationFilter.class)
                .addFilterAfter(new SignInFilters.SessionStillValid(accounts), SecurityContextHolderFilter.class)
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                // Only the console's session cookie is an ambient credential; calls riding on it need CSRF.
                .csrf(csrf -> csrf.csrfTokenRepository(CSRF_TOKENS)
                        .requireCsrfProtectionMatcher(request -> !isSafe(request.getMethod())
                                && request.getHeader("Authorization") == null
                                && request.getRequestedSessionId() != null))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .permissionsPolicyHeader(policy -> policy.policy(PERMISSIONS_POLICY))
                        .crossOriginOpenerPolicy(coop -> coop.policy(CrossOriginOpenerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, StaffAccounts accounts) throws Exception {
        BasicAuthenticationEntryPoint basicEntryPoint = new BasicAuthenticationEntryPoint();
        basicEntryPoint.setRealmName("Skanna");
        AuthenticationEntryPoint basicOrRefused = (request, response, e) -> {
            if (e instanceof SignInRefusedException refused) {
                refuse(response, refused);
            } else if (!databaseDown(response, e)) {
                basicEntryPoint.commence(request, response, e);
            }
        };
        // the login page says why: wrong password, throttled (for how long) or busy
        AuthenticationFailureHandler formFailure = (request, response, e) -> {
            String query = e instanceof SignInRefusedException refused
                    ? (refused.busy() ? "busy" : "throttled=" + refused.retryAfterSeconds())
                    : "error";
            response.sendRedirect(request.getContextPath() + "/login?" + query);
        };
        http.authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(
                                "/",
                                "/stores",
                                "/stores/events",
                                // the public status pages: one per store, the map, the feeds
                                "/stores/*",
                                "/stores.atom",
                                "/stores.json",
                                // the shopper app (entrance QR), its manifest and service worker, the entrance poster
                                "/s/**",
                                "/stores/*/poster",
                                "/shopper-sw.js",
                                "/img/**",
                                "/css/**",
                                "/js/**",
                                // the camera decoder (skanna-decoder: Web Worker and its ZXing module)
                                "/decoder/**",
                                "/webjars/**",
                                "/favicon.ico",
                                "/login",
                                "/error",
                                "/v3/api-docs",
                                "/v3/api-docs/**",
                                "/actuator/health",
                                "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .hasRole("HQ")
                        .anyRequest()
                        .authenticated())
                .formLogin(form -> form.loginPage("/login")
                        .defaultSuccessUrl("/console")
                        .failureHandler(formFailure)
                        .permitAll())
                .httpBasic(basic -> basic.realmName("Skanna").authenticationEntryPoint(basicOrRefused))
                .addFilterAfter(new SignInFilters.SessionStillValid(accounts), SecurityContextHolderFilter.class)
                .logout(logout -> logout.logoutSuccessUrl("/stores"))
                // nothing in a session for anonymous visitors (sessions live in the database, shared by the nodes):
                // the CSRF token and the page to return to after sign-in travel in cookies
                .csrf(csrf -> csrf.csrfTokenRepository(CSRF_TOKENS))
                .requestCache(cache -> cache.requestCache(new ReturnToPage()))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                        .permissionsPolicyHeader(policy -> policy.policy(PERMISSIONS_POLICY))
                        .crossOriginOpenerPolicy(coop -> coop.policy(CrossOriginOpenerPolicy.SAME_ORIGIN))
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * The page to return to after sign-in, in a cookie. Only its address is kept, so the request that comes back
     * to it goes on as it is, its own headers intact (a page asked for as HTML gets the login page, not a Basic
     * challenge).
     */
    private static final class ReturnToPage extends CookieRequestCache {
        @Override
        public jakarta.servlet.http.HttpServletRequest getMatchingRequest(
                jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response) {
            return super.getMatchingRequest(request, response) == null ? null : request;
        }
    }

    /** CSRF tokens in an HttpOnly cookie (the pages render the token into their forms), for both chains. */
    private static final CookieCsrfTokenRepository CSRF_TOKENS = csrfTokens();

    private static CookieCsrfTokenRepository csrfTokens() {
        CookieCsrfTokenRepository tokens = new CookieCsrfTokenRepository();
        tokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        return tokens;
    }

    private static boolean isSafe(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || "TRACE".equals(method);
    }

    /** 503 {@code database_unavailable} when the password could not be checked because the database is down. */
    private static boolean databaseDown(HttpServletResponse response, Exception e) throws IOException {
        if (!(e instanceof InternalAuthenticationServiceException) || !DatabaseTrouble.isUnavailable(e)) {
            return false;
        }
        response.setHeader("Retry-After", String.valueOf(DatabaseTrouble.RETRY_AFTER_SECONDS));
        write(response, ErrorCode.DATABASE_UNAVAILABLE, "The database is not answering; try again shortly.");
        return true;
    }

    /** 429 (throttled) or 503 (every password check slot taken), with Retry-After; no password was checked. */
    private static void refuse(HttpServletResponse response, SignInRefusedException refused) throws IOException {
        response.setHeader("Retry-After", String.valueOf(refused.retryAfterSeconds()));
        if (refused.busy()) {
            write(response, ErrorCode.SIGN_IN_BUSY, "Too many sign-ins at once; try again in a moment.");
        } else {
            write(
                    response,
                    ErrorCode.SIGN_IN_THROTTLED,
                    "Too many failed sign-ins for this account or address; try again in " + refused.retryAfterSeconds()
                            + " s.");
        }
    }

    static void write(HttpServletResponse response, ErrorCode code, String detail) throws IOException {
        response.setStatus(code.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(ProblemResponses.json(code, detail));
    }
}
