package se.skanna.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/** Staff see their store's calls for staff, oldest first, acknowledge and resolve them; other stores cannot. */
@SkannaTest
class AssistanceConsoleTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Store own;
    Store other;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        own = fixtures.store();
        other = fixtures.store();
    }

    ConsoleSession signedIn(String username) {
        ConsoleSession session = new ConsoleSession(port);
        assertThat(session.signIn(username, TestFixtures.PASSWORD).statusCode()).isEqualTo(302);
        return session;
    }

    String call(String[] trip, String message) {
        Api.Response called = api.request("POST", "/api/v1/trips/" + trip[0] + "/assistance")
                .header("Authorization", "Bearer " + trip[1])
                .json(message == null ? Map.of() : Map.of("message", message))
                .send();
        assertThat(called.status()).as(called.body()).isIn(200, 201);
        return called.json().get("requestId").asString();
    }

    String shopperSees(String[] trip) {
        return api.request("GET", "/api/v1/trips/" + trip[0] + "/assistance")
                .header("Authorization", "Bearer " + trip[1])
                .send()
                .json()
                .get("state")
                .asString();
    }

    List<String> logged(String username) {
        return jdbc.sql("select action || ' ' || store_id || ' ' || target from console_action where username = :u"
                        + " order by id")
                .param("u", username)
                .query(String.class)
                .list();
    }

    @Test
    void staff_see_calls_newest_first_with_their_count_acknowledge_and_resolve_them_and_the_shopper_sees_each_step() {
        String[] first = TestFixtures.tripWith(api, own.id());
        String[] second = TestFixtures.tripWith(api, own.id());
        String[] elsewhere = TestFixtures.tripWith(api, other.id());
        String firstRequest = call(first, "Var finns kaffet?");
        String secondRequest = call(second, null);
        String elsewhereRequest = call(elsewhere, "Annan butik");
        String staff = fixtures.account(Role.STAFF, own.id());
        ConsoleSession session = signedIn(staff);
        String page = "/console/stores/" + own.id();

        String before = session.get(page).body();
        assertThat(before).contains("Kunder som kallar på personal").contains("Var finns kaffet?");
        assertThat(before.indexOf(secondRequest)).as("newest first").isLessThan(before.indexOf(firstRequest));
        assertThat(before).contains("2 väntar, senaste först");
        assertThat(before).doesNotContain(elsewhereRequest).doesNotContain("Annan butik");

        HttpResponse<String> acknowledged =
                session.postWithToken(page, page + "/assistance/" + firstRequest + "/acknowledge", Map.of());
        assertThat(acknowledged.statusCode()).isEqualTo(302);
        assertThat(shopperSees(first)).isEqualTo("ACKNOWLEDGED");
        String after = session.get(page).body();
        assertThat(after).contains("På väg: " + staff);

        HttpResponse<String> again =
                session.postWithToken(page, page + "/assistance/" + firstRequest + "/acknowledge", Map.of());
        assertThat(again.statusCode()).isEqualTo(302);

        session.postWithToken(page, page + "/assistance/" + firstRequest + "/resolve", Map.of());
        session.postWithToken(page, page + "/assistance/" + secondRequest + "/resolve", Map.of());
        assertThat(shopperSees(first)).isEqualTo("RESOLVED");
        assertThat(shopperSees(second)).isEqualTo("RESOLVED");
        assertThat(session.get(page).body()).contains("Ingen kund kallar på personal.");
        assertThat(logged(staff))
                .containsExactly(
                        "ASSISTANCE_ACKNOWLEDGED " + own.id() + " " + first[0],
                        "ASSISTANCE_RESOLVED " + own.id() + " " + first[0],
                        "ASSISTANCE_RESOLVED " + own.id() + " " + second[0]);

        String newRequest = call(first, "Igen");
        assertThat(newRequest).as("a resolved request makes room for a new one").isNotEqualTo(firstRequest);
        assertThat(shopperSees(first)).isEqualTo("OPEN");
    }

    @Test
    void staff_of_another_store_can_neither_see_nor_acknowledge_a_stores_calls() {
        String[] trip = TestFixtures.tripWith(api, own.id());
        String request = call(trip, "Hjälp");
        String stranger = fixtures.account(Role.STAFF, other.id());
        ConsoleSession session = signedIn(stranger);
        String otherPage = "/console/stores/" + other.id();

        HttpResponse<String> ownPage = session.get("/console/stores/" + own.id());
        HttpResponse<String> viaOwnUrl = session.postWithToken(
                otherPage, "/console/stores/" + own.id() + "/assistance/" + request + "/acknowledge", Map.of());
        HttpResponse<String> viaOtherUrl =
                session.postWithToken(otherPage, otherPage + "/assistance/" + request + "/acknowledge", Map.of());
        HttpResponse<String> resolveViaOtherUrl =
                session.postWithToken(otherPage, otherPage + "/assistance/" + request + "/resolve", Map.of());

        assertThat(ownPage.statusCode()).isEqualTo(403);
        assertThat(viaOwnUrl.statusCode()).isEqualTo(403);
        assertThat(viaOwnUrl.body()).contains("Åtkomst nekad");
        assertThat(viaOtherUrl.statusCode())
                .as("another store's request is not found here")
                .isEqualTo(404);
        assertThat(resolveViaOtherUrl.statusCode()).isEqualTo(404);
        assertThat(session.get(otherPage).body()).doesNotContain(request).doesNotContain("Hjälp");
        assertThat(shopperSees(trip)).isEqualTo("OPEN");
        assertThat(logged(stranger)).isEmpty();
    }
}
