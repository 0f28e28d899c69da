package se.skanna.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/**
 * A store's staff page hears at once when a shopper calls for staff or puts an age-restricted item in the cart,
 * and when a colleague takes the call; ordinary scans and other stores' calls stay quiet.
 */
@SkannaTest
class FloorEventStreamTest {

    private static final Duration AT_ONCE = Duration.ofSeconds(1);

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Test
    void calls_for_staff_and_age_checks_reach_the_store_page_at_once() throws Exception {
        Api api = new Api(port);
        Store store = fixtures.store();
        Store elsewhere = fixtures.store();
        String milk = TestFixtures.gtin();
        String beer = TestFixtures.gtin();
        Map<String, Object> strong = new HashMap<>(TestFixtures.product(beer, "Starköl 50 cl", 2490));
        strong.put("ageLimit", 18);
        fixtures.importCatalog(
                api, Map.of("products", List.of(TestFixtures.product(milk, "Mellanmjölk 1 l", 1795), strong)));
        ConsoleSession staff = new ConsoleSession(port);
        assertThat(staff.signIn(fixtures.account(Role.STAFF, store.id()), TestFixtures.PASSWORD)
                        .statusCode())
                .isEqualTo(302);

        try (ConsoleSession.Events events = staff.events("/console/stores/" + store.id() + "/events")) {
            assertThat(events.status()).isEqualTo(200);
            assertThat(events.await("ready", AT_ONCE)).isTrue();

            String[] quiet = TestFixtures.tripWith(api, store.id(), milk);
            assertThat(events.await("floor", Duration.ofMillis(700)))
                    .as("an ordinary scan is nothing for staff")
                    .isFalse();
            call(api, TestFixtures.tripWith(api, elsewhere.id(), milk));
            assertThat(events.await("floor", Duration.ofMillis(700)))
                    .as("another store's call")
                    .isFalse();

            String request = call(api, quiet);
            assertThat(events.await("floor", AT_ONCE)).as("a call for staff").isTrue();

            TestFixtures.tripWith(api, store.id(), beer);
            assertThat(events.await("floor", AT_ONCE))
                    .as("an age-restricted item")
                    .isTrue();

            ConsoleSession colleague = new ConsoleSession(port);
            colleague.signIn(fixtures.account(Role.STAFF, store.id()), TestFixtures.PASSWORD);
            String page = "/console/stores/" + store.id();
            assertThat(colleague
                            .postWithToken(page, page + "/assistance/" + request + "/acknowledge", Map.of())
                            .statusCode())
                    .isEqualTo(302);
            assertThat(events.await("floor", AT_ONCE))
                    .as("a colleague took the call")
                    .isTrue();
        }
    }

    @Test
    void a_sale_reaches_the_store_page_at_once_and_no_other() throws Exception {
        Api api = new Api(port);
        Store store = fixtures.store();
        Store elsewhere = fixtures.store();
        String milk = TestFixtures.gtin();
        fixtures.importCatalog(api, Map.of("products", List.of(TestFixtures.product(milk, "Mellanmjölk 1 l", 1795))));
        String[] here = TestFixtures.tripWith(api, store.id(), milk);
        String[] there = TestFixtures.tripWith(api, elsewhere.id(), milk);
        ConsoleSession staff = new ConsoleSession(port);
        staff.signIn(fixtures.account(Role.STAFF, store.id()), TestFixtures.PASSWORD);

        try (ConsoleSession.Events events = staff.events("/console/stores/" + store.id() + "/events")) {
            assertThat(events.await("ready", AT_ONCE)).isTrue();

            pay(api, there);
            assertThat(events.await("floor", Duration.ofMillis(700)))
                    .as("a sale in another store")
                    .isFalse();
            pay(api, here);
            assertThat(events.await("floor", AT_ONCE))
                    .as("a sale here: the paid trip leaves the open trips")
                    .isTrue();
        }
    }

    @Test
    void staff_of_another_store_cannot_listen() {
        Store store = fixtures.store();
        Store other = fixtures.store();
        ConsoleSession staff = new ConsoleSession(port);
        staff.signIn(fixtures.account(Role.STAFF, other.id()), TestFixtures.PASSWORD);

        try (ConsoleSession.Events events = staff.events("/console/stores/" + store.id() + "/events")) {
            assertThat(events.status()).isIn(403, 404);
        }
    }

    @Test
    void a_page_that_is_not_signed_in_gets_no_stream() {
        Store store = fixtures.store();
        try (ConsoleSession.Events events =
                new ConsoleSession(port).events("/console/stores/" + store.id() + "/events")) {
            assertThat(events.status()).isNotEqualTo(200);
        }
    }

    private static void pay(Api api, String[] trip) {
        Api.Response paid = api.request("POST", "/api/v1/trips/" + trip[0] + "/checkout")
                .header("Authorization", "Bearer " + trip[1])
                .header("Idempotency-Key", "key-" + java.util.UUID.randomUUID())
                .json(Map.of("method", "test"))
                .send();
        assertThat(paid.json().get("status").asString()).as(paid.body()).isEqualTo("PAID");
    }

    private static String call(Api api, String[] trip) {
        Api.Response called = api.request("POST", "/api/v1/trips/" + trip[0] + "/assistance")
                .header("Authorization", "Bearer " + trip[1])
                .json(Map.of())
                .send();
        assertThat(called.status()).as(called.body()).isIn(200, 201);
        return called.json().get("requestId").asString();
    }
}
