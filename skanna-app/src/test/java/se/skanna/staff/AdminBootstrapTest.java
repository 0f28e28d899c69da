package se.skanna.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    @Nested
    @SpringBootTest(
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties =
                    "spring.datasource.url=jdbc:h2:mem:bootstrap-generated;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1")
    @ActiveProfiles("test")
    @ExtendWith(OutputCaptureExtension.class)
    class WithoutAPassword {

        @LocalServerPort
        int port;

        @Test
        void a_random_password_is_printed_once_and_works(CapturedOutput output) {
            // The capture starts before this class's application context, so it holds the start-up log.
            Matcher printed = Pattern.compile("generated password (\\S+)").matcher(output.getAll());

            assertThat(printed.find())
                    .as("start-up log names the generated password")
                    .isTrue();
            String password = printed.group(1);
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);
            assertThat(printed.find()).as("printed only once").isFalse();
            assertThat(status(port, password)).isEqualTo(200);
            assertThat(status(port, "admin")).isEqualTo(401);
        }
    }
}
