package se.skanna.staff;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** The sign-in throttle, the bound on concurrent password checks, and the one authentication provider. */
@Configuration(proxyBeanMethods = false)
class SignInConfiguration {

    @Bean
    @ConditionalOnMissingBean(SignInAttemptStore.class)
    SignInAttemptStore signInAttemptStore(@Value("${skanna.sign-in.max-tracked-keys:100000}") int maxKeys) {
        return new InMemorySignInAttemptStore(maxKeys);
    }

    @Bean
    SignInThrottle signInThrottle(
            SignInAttemptStore store,
            Clock clock,
            ActionLog log,
            @Value("${skanna.sign-in.account.free-failures:5}") int accountFree,
            @Value("${skanna.sign-in.account.lockout-after:10}") int accountLockoutAfter,
            @Value("${skanna.sign-in.account.lockout:15m}") Duration accountLockout,
            @Value("${skanna.sign-in.address.free-failures:20}") int addressFree,
            @Value("${skanna.sign-in.address.lockout-after:100}") int addressLockoutAfter,
            @Value("${skanna.sign-in.address.lockout:15m}") Duration addressLockout,
            @Value("${skanna.sign-in.first-delay:1s}") Duration firstDelay,
            @Value("${skanna.sign-in.max-delay:1m}") Duration maxDelay,
            @Value("${skanna.sign-in.forget-after:15m}") Duration forgetAfter) {
        return new SignInThrottle(
                store,
                new SignInThrottle.Limits(
                        accountFree, firstDelay, maxDelay, accountLockoutAfter, accountLockout, forgetAfter),
                new SignInThrottle.Limits(
                        addressFree, firstDelay, maxDelay, addressLockoutAfter, addressLockout, forgetAfter),
                clock,
                (key, detail) -> log.recordSystem("SIGN_IN_LOCKED", key, detail));
    }

    /**
     * bcrypt runs on the request's (virtual) thread and holds its carrier for the whole hash; with as many checks
     * as cores, nothing else would run. So by default at most half the cores hash passwords at once.
     */
    @Bean
    PasswordChecks passwordChecks(
            StaffAccountRepository accounts,
            PasswordEncoder passwords,
            SignInThrottle throttle,
            @Value("${skanna.sign-in.max-concurrent-checks:0}") int maxConcurrent) {
        int slots = maxConcurrent > 0
                ? maxConcurrent
                : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        return new PasswordChecks(accounts, passwords, throttle, slots);
    }

    /** The only provider: Basic and the form login both check passwords through {@link PasswordChecks}. */
    @Bean
    AuthenticationProvider staffAuthenticationProvider(PasswordChecks checks) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                        ? details.getRemoteAddress()
                        : null;
                Object credentials = authentication.getCredentials();
                StaffPrincipal principal = checks.check(
                        authentication.getName(), address, credentials == null ? null : credentials.toString());
                UsernamePasswordAuthenticationToken result =
                        UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
                result.setDetails(authentication.getDetails());
                return result;
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }
}
