package se.skanna.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import se.skanna.support.Api;

/** First start creates HQ account {@code admin}; each case gets a database of its own, so admin is new. */
class AdminBootstrapTest {

    static int status(int port, String password) {
        return new Api(port)
                .request("GET", "/api/v1/staff")
                .as("admin", password)
                .send()
                .status();
    }

    @Nested
    @SpringBootTest(
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {
                "spring.datasource.url=jdbc:h2:mem:bootstrap-given;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "SKANNA_ADMIN_PASSWORD=chosen-by-the-operator-42"
            })
    @ActiveProfiles("test")
    class WithAPasswordFromTheEnvironment {

        @LocalServerPort
        int port;

        @Test
        void admin_signs_in_with_that_password_only() {
            assertThat(status(port, "chosen-by-the-operator-42")).isEqualTo(200);
            assertThat(status(port, "admin")).isEqualTo(401);
            assertThat(status(port, "")).isEqualTo(401);
        }
    }

    static final Path PASSWORD_FILE = Path.of(
            System.getProperty("java.io.tmpdir"),
            "skanna-bootstrap-test-" + ProcessHandle.current().pid(),
            "initial-admin-password.txt");

    @Nested
    @SpringBootTest(
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {
                "spring.datasource.url=jdbc:h2:mem:bootstrap-generated;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "skanna.admin.password-file=${java.io.tmpdir}/skanna-bootstrap-test-${PID}/initial-admin-password.txt"
            })
    @ActiveProfiles("test")
    @ExtendWith(OutputCaptureExtension.class)
    class WithoutAPassword {

        @LocalServerPort
        int port;

        @Test
        void a_random_password_goes_to_an_owner_only_file_whose_path_is_logged_never_the_password(CapturedOutput output)
                throws Exception {
            String password = Files.readString(PASSWORD_FILE).strip();

            assertThat(password).hasSizeGreaterThanOrEqualTo(20);
            assertThat(Files.getPosixFilePermissions(PASSWORD_FILE))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            // The capture starts before this class's application context, so it holds the start-up log.
            assertThat(output.getAll())
                    .contains(PASSWORD_FILE.toAbsolutePath().toString())
                    .doesNotContain(password);
            assertThat(status(port, password)).isEqualTo(200);
            assertThat(status(port, "admin")).isEqualTo(401);
        }
    }
}
