package se.skanna.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/**
 * Console sessions live in the database (any node serves them), and only signed-in staff have one: anonymous
 * visitors of the status page, the shopper app, the login page or a console address write no session row.
 */
@SkannaTest
class SessionStorageTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anonymous_visitors_write_no_session_and_signing_in_writes_one_that_signing_out_removes() {
        Store store = fixtures.store();
        String staff = fixtures.account(Role.STAFF, store.id());
        long before = sessions();

        ConsoleSession visitor = new ConsoleSession(port);
        for (String path : new String[] {
            "/stores", "/login", "/console", "/console/stores/" + store.id(), "/console/hq", "/s/" + store.id()
        }) {
            assertThat(visitor.get(path).statusCode()).as(path).isIn(200, 302, 404);
        }
        visitor.signIn(staff, "not-the-password");
        new Api(port).get("/api/v1/stores/" + store.id());
        assertThat(sessions()).as("nothing written for anonymous visitors").isEqualTo(before);

        ConsoleSession signedIn = new ConsoleSession(port);
        assertThat(signedIn.signIn(staff, TestFixtures.PASSWORD).statusCode()).isEqualTo(302);
        assertThat(sessions()).isEqualTo(before + 1);
        assertThat(jdbc.sql("select count(*) from spring_session where principal_name = :name")
                        .param("name", staff)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        String page = "/console/stores/" + store.id();
        signedIn.post(
                "/logout",
                Map.of("_csrf", ConsoleSession.csrf(signedIn.get(page).body())));
        assertThat(sessions()).isEqualTo(before);
        assertThat(signedIn.get(page).statusCode()).isEqualTo(302);
    }

    private long sessions() {
        return jdbc.sql("select count(*) from spring_session").query(Long.class).single();
    }
}
