package se.skanna.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.TestFixtures;

/** The console's catalog upload is held to the import size limit (here 4 KB, as CatalogImportTest's small-limit case). */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "skanna.request-limits.imports=4KB")
@ActiveProfiles("test")
@Import(TestFixtures.class)
class HqCatalogUploadLimitTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Test
    void an_oversized_upload_gets_a_413_page_and_changes_nothing() {
        Store store = fixtures.store();
        String hq = fixtures.account(Role.HQ);
        ConsoleSession session = new ConsoleSession(port);
        session.signIn(hq, TestFixtures.PASSWORD);
        String first = TestFixtures.gtin();
        StringBuilder csv = new StringBuilder(HqConsoleTest.CSV_HEADER);
        csv.append(first).append(",Vara,B,EACH,600,1000,0,\n");
        for (int i = 0; i < 100; i++) {
            csv.append(TestFixtures.gtin()).append(",Vara ").append(i).append(",B,EACH,600,1000,0,\n");
        }

        HttpResponse<String> answer = session.upload(
                "/console/hq/catalog", "/console/hq/catalog/imports", "stor.csv", "text/csv", csv.toString());

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(answer.body()).contains("För stort").contains("ingenting ändrades");
        ConsoleBrowserTest.assertNoInternals(answer.body());
        assertThat(new Api(port)
                        .get("/api/v1/stores/" + store.id() + "/products/" + first)
                        .status())
                .isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from console_action where username = :u")
                        .param("u", hq)
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
