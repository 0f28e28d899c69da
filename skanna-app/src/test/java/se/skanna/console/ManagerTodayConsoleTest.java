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
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;
import tools.jackson.databind.JsonNode;

/** The manager's "today": trips started, paid, open and abandoned, sales and refunds, of the store only. */
@SkannaTest
class ManagerTodayConsoleTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Store own;
    Store other;
    String manager;
    String milk;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        own = fixtures.store();
        other = fixtures.store();
        manager = fixtures.account(Role.MANAGER, own.id());
        milk = TestFixtures.gtin();
        fixtures.importCatalog(api, Map.of("products", List.of(TestFixtures.product(milk, "Mjölk", 1500))));
    }

    /** A trip of {@code store} with {@code count} milk, paid with the test method: {tripId, paymentId}. */
    String[] paid(Store store, int count) {
        String[] codes = new String[count];
        java.util.Arrays.fill(codes, milk);
        String[] trip = TestFixtures.tripWith(api, store.id(), codes);
        JsonNode payment = api.request("POST", "/api/v1/trips/" + trip[0] + "/checkout")
                .header("Authorization", "Bearer " + trip[1])
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .json(Map.of("method", "test"))
                .send()
                .json();
        assertThat(payment.get("status").asString()).isEqualTo("PAID");
        return new String[] {trip[0], payment.get("paymentId").asString()};
    }

    ConsoleSession signedIn(String username) {
        ConsoleSession session = new ConsoleSession(port);
        assertThat(session.signIn(username, TestFixtures.PASSWORD).statusCode()).isEqualTo(302);
        return session;
    }

    @Test
    void the_manager_sees_todays_trips_sales_and_refunds_of_the_store_and_nothing_of_other_days_or_stores() {
        paid(own, 2);
        String[] refunded = paid(own, 1);
        Api.Response refund = api.request("POST", "/api/v1/payments/" + refunded[1] + "/refunds")
                .as(manager, TestFixtures.PASSWORD)
                .header("Idempotency-Key", "refund-" + UUID.randomUUID())
                .json(Map.of("amount", 500, "reason", "Trasig förpackning"))
                .send();
        assertThat(refund.status()).as(refund.body()).isEqualTo(200);
        TestFixtures.tripWith(api, own.id(), milk);
        String[] cancelled = TestFixtures.tripWith(api, own.id(), milk);
        jdbc.sql("update trip set status = 'CANCELLED' where id = :id")
                .param("id", cancelled[0])
                .update();
        String[] longAgo = paid(own, 3);
        OffsetDateTime twoDaysAgo = OffsetDateTime.now(ZoneOffset.UTC).minusDays(2);
        jdbc.sql("update trip set created_at = :at, paid_at = :at where id = :id")
                .param("at", twoDaysAgo)
                .param("id", longAgo[0])
                .update();
        jdbc.sql("update payment set updated_at = :at where id = :id")
                .param("at", twoDaysAgo)
                .param("id", longAgo[1])
                .update();
        paid(other, 4);

        HttpResponse<String> page = signedIn(manager).get("/console/stores/" + own.id() + "/manager");

        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(cell(html, "trips-started")).isEqualTo("4");
        assertThat(cell(html, "trips-paid")).isEqualTo("2");
        assertThat(cell(html, "trips-open")).isEqualTo("1");
        assertThat(cell(html, "trips-abandoned")).isEqualTo("1");
        assertThat(html).contains("Betalningar (2)").contains("Återbetalningar (1)");
        assertThat(cell(html, "sales-paid")).isEqualTo("45,00 kr");
        assertThat(cell(html, "sales-refunded")).isEqualTo("−5,00 kr");
        assertThat(cell(html, "sales-net")).isEqualTo("40,00 kr");
    }

    @Test
    void staff_and_other_stores_managers_get_the_403_page() {
        paid(own, 1);
        for (String username :
                new String[] {fixtures.account(Role.STAFF, own.id()), fixtures.account(Role.MANAGER, other.id())}) {
            HttpResponse<String> page = signedIn(username).get("/console/stores/" + own.id() + "/manager");
            assertThat(page.statusCode()).as(username).isEqualTo(403);
            assertThat(page.body()).contains("Åtkomst nekad").doesNotContain("15,00 kr");
        }
        HttpResponse<String> hq = signedIn(fixtures.account(Role.HQ)).get("/console/stores/" + own.id() + "/manager");
        assertThat(hq.statusCode()).isEqualTo(200);
        assertThat(cell(hq.body(), "sales-paid")).isEqualTo("15,00 kr");
    }

    /** The text of the element with this id. */
    private static String cell(String html, String id) {
        int start = html.indexOf('>', html.indexOf("id=\"" + id + "\"")) + 1;
        return html.substring(start, html.indexOf('<', start)).strip();
    }
}
