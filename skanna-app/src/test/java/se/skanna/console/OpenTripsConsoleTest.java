package se.skanna.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.ProductEntry;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/** The staff console's list of a store's open trips: what it shows, what it leaves out, and who may see it. */
@SkannaTest
class OpenTripsConsoleTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Store own;
    Store other;
    String milk;
    String snus;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        own = fixtures.store();
        other = fixtures.store();
        milk = TestFixtures.gtin();
        snus = TestFixtures.gtin();
        Map<String, Object> snusProduct =
                ProductEntry.of(snus, "Snus", 6200).ageLimit(18).map();
        fixtures.importCatalog(
                api, Map.of("products", List.of(TestFixtures.product(milk, "Mjölk", 1500), snusProduct)));
    }

    ConsoleSession signedIn(String username) {
        ConsoleSession session = new ConsoleSession(port);
        assertThat(session.signIn(username, TestFixtures.PASSWORD).statusCode()).isEqualTo(302);
        return session;
    }

    @Test
    void staff_see_their_stores_open_and_paying_trips_with_lines_total_and_flags_newest_activity_first() {
        String[] shopping = TestFixtures.tripWith(api, own.id(), milk, milk);
        String[] ageCheck = TestFixtures.tripWith(api, own.id(), milk, snus);
        String[] paying = TestFixtures.tripWith(api, own.id(), milk);
        jdbc.sql("update trip set status = 'PAYING' where id = :id")
                .param("id", paying[0])
                .update();
        String[] paid = TestFixtures.tripWith(api, own.id(), milk);
        Api.Response payment = api.request("POST", "/api/v1/trips/" + paid[0] + "/checkout")
                .header("Authorization", "Bearer " + paid[1])
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .json(Map.of("method", "test"))
                .send();
        assertThat(payment.json().get("status").asString()).isEqualTo("PAID");
        String[] idle = TestFixtures.tripWith(api, own.id(), milk);
        jdbc.sql("update trip set last_activity_at = :at where id = :id")
                .param("at", OffsetDateTime.now(ZoneOffset.UTC).minusHours(5))
                .param("id", idle[0])
                .update();
        String[] elsewhere = TestFixtures.tripWith(api, other.id(), milk);
        Api.Response called = api.request("POST", "/api/v1/trips/" + shopping[0] + "/assistance")
                .header("Authorization", "Bearer " + shopping[1])
                .send();
        assertThat(called.status()).isEqualTo(201);
        // the age-check trip is the most recently active
        api.request("POST", "/api/v1/trips/" + ageCheck[0] + "/scans")
                .header("Authorization", "Bearer " + ageCheck[1])
                .json(Map.of("scanId", UUID.randomUUID().toString(), "code", milk))
                .send();

        ConsoleSession staff = signedIn(fixtures.account(Role.STAFF, own.id()));
        HttpResponse<String> page = staff.get("/console/stores/" + own.id() + "/trips");

        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("Pågående köp");
        assertThat(html.indexOf(ageCheck[0])).as("newest activity first").isLessThan(html.indexOf(shopping[0]));
        assertThat(row(html, shopping[0]))
                .contains(">1<")
                .contains("30,00 kr")
                .contains("Kallar på personal")
                .doesNotContain("Handlar");
        assertThat(row(html, ageCheck[0])).doesNotContain("Kallar på personal");
        assertThat(row(html, ageCheck[0])).contains(">2<").contains("92,00 kr").contains("Väntar på ålderskontroll");
        assertThat(row(html, paying[0])).contains("data-status=\"PAYING\"").contains("Betalning pågår");
        assertThat(html).doesNotContain(paid[0]).doesNotContain(idle[0]).doesNotContain(elsewhere[0]);
        assertThat(staff.get("/console/stores/" + own.id()).body()).contains("/console/stores/" + own.id() + "/trips");
    }

    @Test
    void staff_of_another_store_get_the_403_page_and_hq_see_any_store() {
        String[] trip = TestFixtures.tripWith(api, own.id(), milk);
        ConsoleSession stranger = signedIn(fixtures.account(Role.STAFF, other.id()));

        HttpResponse<String> refused = stranger.get("/console/stores/" + own.id() + "/trips");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Åtkomst nekad").doesNotContain(trip[0]);
        HttpResponse<String> hq = signedIn(fixtures.account(Role.HQ)).get("/console/stores/" + own.id() + "/trips");
        assertThat(hq.statusCode()).isEqualTo(200);
        assertThat(hq.body()).contains(trip[0]);
        assertThat(signedIn(fixtures.account(Role.HQ))
                        .get("/console/stores/no-such-store/trips")
                        .statusCode())
                .isEqualTo(404);
    }

    /** The table row of one trip. */
    private static String row(String html, String tripId) {
        int start = html.lastIndexOf("<tr", html.indexOf("data-trip-id=\"" + tripId + "\""));
        return html.substring(start, html.indexOf("</tr>", start));
    }
}
