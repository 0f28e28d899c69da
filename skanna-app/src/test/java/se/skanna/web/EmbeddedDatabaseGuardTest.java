package se.skanna.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The embedded H2 file database: owner-only files and a generated password, also for an existing database. */
class EmbeddedDatabaseGuardTest {

    @TempDir
    Path temp;

    String url(Path folder) {
        return "jdbc:h2:file:" + folder + "/skanna;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    }

    String startWith(String url, String password) {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "test",
                        Map.of(
                                "spring.datasource.url", url,
                                "spring.datasource.username", "skanna",
                                "spring.datasource.password", password)));
        new EmbeddedDatabaseGuard().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty("spring.datasource.password");
    }

    static boolean opens(String url, String password) {
        try (Connection connection = DriverManager.getConnection(url, "skanna", password)) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    @Test
    void a_new_database_gets_an_owner_only_folder_and_a_generated_password_kept_for_later_starts() throws Exception {
        Path folder = temp.resolve("data");
        String url = url(folder);

        String password = startWith(url, "");
        assertThat(opens(url, password)).isTrue();

        assertThat(password).hasSizeGreaterThanOrEqualTo(32);
        assertThat(opens(url, "")).isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
                .isEqualTo("rwx------");
        Path passwordFile = folder.resolve(EmbeddedDatabaseGuard.PASSWORD_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                .isEqualTo("rw-------");
        assertThat(startWith(url, "")).isEqualTo(password);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("skanna.mv.db"))))
                .isEqualTo("rw-------");
    }

    @Test
    void an_existing_database_with_the_empty_password_gets_one_on_its_first_start_and_keeps_its_data()
            throws Exception {
        Path folder = Files.createDirectories(temp.resolve("old"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        String url = url(folder);
        try (Connection old = DriverManager.getConnection(url, "skanna", "")) {
            old.createStatement().execute("create table kept(id int); insert into kept values (7)");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("skanna.mv.db"))))
                .isNotEqualTo("rw-------");

        String password = startWith(url, "");

        assertThat(opens(url, "")).isFalse();
        try (Connection connection = DriverManager.getConnection(url, "skanna", password)) {
            var rows = connection.createStatement().executeQuery("select id from kept");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(7);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("skanna.mv.db"))))
                .isEqualTo("rw-------");
    }

    @Test
    void a_configured_password_and_other_databases_are_left_alone() {
        Path folder = temp.resolve("configured");
        assertThat(startWith(url(folder), "chosen-by-the-operator")).isEqualTo("chosen-by-the-operator");
        assertThat(Files.exists(folder)).isFalse();
        assertThat(startWith("jdbc:postgresql://db/skanna", "")).isEmpty();
    }

    @Test
    void a_database_whose_password_is_lost_is_not_opened_with_a_new_one() throws Exception {
        Path folder = temp.resolve("lost");
        String url = url(folder);
        assertThat(opens(url, startWith(url, ""))).isTrue();
        Files.delete(folder.resolve(EmbeddedDatabaseGuard.PASSWORD_FILE));

        assertThatThrownBy(() -> startWith(url, ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("spring.datasource.password");
        assertThat(Files.exists(folder.resolve(EmbeddedDatabaseGuard.PASSWORD_FILE)))
                .isFalse();
    }
}
