package se.skanna.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The embedded H2 file database is kept from other users of the machine: its folder is made owner-only
 * (0700, its files 0600) and it gets a generated password instead of the empty one, kept in the owner-only
 * file {@code db-password} next to it and used on every later start. A database created by an older Skanna
 * with the empty password gets the new password on its first start after the upgrade ({@code ALTER USER}).
 * Only for {@code jdbc:h2:file:} URLs and only while {@code spring.datasource.password} is empty (the
 * default): a password set in the configuration is used as given, and PostgreSQL is never touched.
 */
public class EmbeddedDatabaseGuard implements EnvironmentPostProcessor, Ordered {

    static final String PASSWORD_FILE = "db-password";
    private static final String PREFIX = "jdbc:h2:file:";
    private static final Pattern USER = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after application.yml and the environment have been read
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("spring.datasource.url", "");
        String password = environment.getProperty("spring.datasource.password", "");
        if (!url.startsWith(PREFIX) || !password.isEmpty()) {
            return;
        }
        String user = environment.getProperty("spring.datasource.username", "sa");
        String generated = prepare(url, user);
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "skanna-embedded-database", Map.of("spring.datasource.password", generated)));
    }

    /** Makes the database's folder owner-only and returns its password, generating and setting one if needed. */
    static String prepare(String url, String user) {
        String location = url.substring(PREFIX.length()).split(";", 2)[0];
        Path database = Path.of(
                        location.startsWith("~") ? System.getProperty("user.home") + location.substring(1) : location)
                .toAbsolutePath();
        Path folder = database.getParent();
        Path passwordFile = folder.resolve(PASSWORD_FILE);
        try {
            ownerOnly(folder);
            if (Files.exists(passwordFile)) {
                return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            }
            String password = newPassword();
            Path written = write(folder, password);
            boolean existing = Files.exists(Path.of(database + ".mv.db"));
            if (existing) {
                try {
                    setPassword(url, user, password);
                } catch (SQLException | RuntimeException e) {
                    Files.deleteIfExists(written);
                    throw new IllegalStateException(
                            "The embedded database " + database + " has no password file (" + passwordFile
                                    + ") and its password is not the old empty one either; set"
                                    + " spring.datasource.password (SPRING_DATASOURCE_PASSWORD) to its password.",
                            e);
                }
            }
            Files.move(written, passwordFile, StandardCopyOption.ATOMIC_MOVE);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the embedded database folder " + folder, e);
        }
    }

    private static void setPassword(String url, String user, String password) throws SQLException {
        if (!USER.matcher(user).matches()) {
            throw new IllegalStateException("Unexpected database user name: " + user);
        }
        try (Connection connection = DriverManager.getConnection(url, user, "");
                Statement statement = connection.createStatement()) {
            // the password is base64url: nothing in it can end the literal
            statement.execute("ALTER USER " + user + " SET PASSWORD '" + password + "'");
        }
    }

    private static String newPassword() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static Path write(Path folder, String password) throws IOException {
        Path file = folder.resolve(PASSWORD_FILE + ".new");
        Files.deleteIfExists(file);
        if (posix()) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /** The folder 0700 and the files directly in it 0600 (H2 creates its files with the process umask). */
    private static void ownerOnly(Path folder) throws IOException {
        if (!posix()) {
            Files.createDirectories(folder);
            return;
        }
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        }
        Files.setPosixFilePermissions(folder, OWNER_DIR);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    Files.setPosixFilePermissions(file, OWNER_FILE);
                }
            }
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
