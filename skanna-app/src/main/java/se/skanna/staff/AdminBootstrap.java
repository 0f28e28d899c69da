package se.skanna.staff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import se.skanna.shared.ClusterLock;
import se.skanna.shared.ProblemException;

/**
 * On first start, creates the HQ account {@code admin}: with {@code SKANNA_ADMIN_PASSWORD} when set, otherwise
 * with a random password written once to an owner-only file ({@code skanna.admin.password-file}, under
 * SKANNA_DATA_DIR) whose path — never the password — is logged. Logs are shipped and kept; that file is not.
 * There is no fixed default password; admin changes it with {@code PUT /api/v1/account/password}.
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {

    static final String ADMIN = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final StaffAccounts accounts;
    private final ClusterLock lock;
    private final Environment environment;
    private final Path passwordFile;
    private final SecureRandom random = new SecureRandom();

    AdminBootstrap(
            StaffAccounts accounts,
            ClusterLock lock,
            Environment environment,
            @Value("${skanna.admin.password-file:${SKANNA_DATA_DIR:./data}/initial-admin-password.txt}")
                    Path passwordFile) {
        this.accounts = accounts;
        this.lock = lock;
        this.environment = environment;
        this.passwordFile = passwordFile;
    }

    @Override
    public void run(ApplicationArguments args) {
        // several nodes may start at once on an empty database: one creates the account, the others find it
        lock.exclusively("admin-bootstrap", this::bootstrap);
    }

    private void bootstrap() {
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
        writeOwnerOnly(passwordFile, generated);
        try {
            accounts.create(ADMIN, generated, Role.HQ, Set.of());
        } catch (RuntimeException e) {
            deleteQuietly(passwordFile);
            throw e;
        }
        log.warn(
                "Created HQ account 'admin' with a generated password, written to {} (readable by this user only):"
                        + " sign in, change it (PUT /api/v1/account/password) and delete the file;"
                        + " or set SKANNA_ADMIN_PASSWORD before the first start.",
                passwordFile.toAbsolutePath());
    }

    /** Creates the file readable and writable by its owner only, replacing a stale one from an earlier database. */
    static void writeOwnerOnly(Path file, String text) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Files.deleteIfExists(file);
            boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (posix) {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
                java.io.File plain = file.toFile();
                plain.setReadable(false, false);
                plain.setReadable(true, true);
                plain.setWritable(false, false);
                plain.setWritable(true, true);
            }
            Files.writeString(file, text + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("Someone else created " + file + " while Skanna was writing it", e);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot write the admin password to " + file
                            + "; set SKANNA_ADMIN_PASSWORD or skanna.admin.password-file to a writable place",
                    e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}", file, e);
        }
    }

    private String generate(int length) {
        StringBuilder password = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
