package se.skanna.staff;

import java.security.SecureRandom;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import se.skanna.shared.ProblemException;

/**
 * On first start, creates the HQ account {@code admin}: with {@code SKANNA_ADMIN_PASSWORD} when set,
 * otherwise with a random password printed once. There is no fixed default password.
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {

    static final String ADMIN = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final StaffAccounts accounts;
    private final Environment environment;
    private final SecureRandom random = new SecureRandom();

    AdminBootstrap(StaffAccounts accounts, Environment environment) {
        this.accounts = accounts;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.exists(ADMIN)) {
            return;
        }
        String configured = environment.getProperty("SKANNA_ADMIN_PASSWORD");
        if (configured != null && !configured.isBlank()) {
            try {
                accounts.create(ADMIN, configured, Role.HQ, Set.of());
            } catch (ProblemException e) {
                throw new IllegalStateException("SKANNA_ADMIN_PASSWORD is not usable: " + e.getMessage(), e);
            }
            log.info("Created HQ account 'admin' with the password from SKANNA_ADMIN_PASSWORD.");
            return;
        }
        String generated = generate(24);
        accounts.create(ADMIN, generated, Role.HQ, Set.of());
        log.warn(
                "Created HQ account 'admin' with the generated password {} — it is shown only this once;"
                        + " set SKANNA_ADMIN_PASSWORD before the first start to choose it yourself.",
                generated);
    }

    private String generate(int length) {
        StringBuilder password = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
