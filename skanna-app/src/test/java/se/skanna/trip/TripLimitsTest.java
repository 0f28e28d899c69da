package se.skanna.trip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.TestFixtures;
import se.skanna.support.TightLimits;

/**
 * Trip starts and calls for staff are limited per client address and per store (here: 3 starts per client and
 * 5 per store, 2 calls per client and 3 new requests per store, each earning back 1 a minute). Beyond a limit:
 * 429 problem+json with Retry-After, and nothing is created.
 */
@TightLimits
class TripLimitsTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    Store store;

    @BeforeEach
    void setUp() {
        store = fixtures.store();
    }

    static Api.Response start(Api api, Store store) {
        return api.request("POST", "/api/v1/trips")
                .json(Map.of("storeId", store.id()))
                .send();
    }

    static Api.Response call(Api api, String[] trip) {
        return api.request("POST", "/api/v1/trips/" + trip[0] + "/assistance")
                .header("Authorization", "Bearer " + trip[1])
                .send();
    }

    long trips(Store store) {
        return jdbc.sql("select count(*) from trip where store_id = :s")
                .param("s", store.id())
                .query(Long.class)
                .single();
    }

    long requests(Store store) {
        return jdbc.sql("select count(*) from assistance_request where store_id = :s")
                .param("s", store.id())
                .query(Long.class)
                .single();
    }

    static void assertLimited(Api.Response answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(429);
        assertThat(answer.problemCode()).isEqualTo("too_many_requests");
        assertThat(Long.parseLong(answer.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(answer.json().get("retryAfter").asLong()).isBetween(1L, 60L);
    }

    @Test
    void a_client_starting_trips_faster_than_a_shopper_gets_429_and_no_trip_while_another_client_still_starts() {
        Api script = Api.ownAddress(port);
        for (int i = 0; i < 3; i++) {
            assertThat(start(script, store).status()).isEqualTo(201);
        }

        Api.Response fourth = start(script, store);
        Api.Response otherStore = start(script, fixtures.store());
        Api.Response shopper = start(Api.ownAddress(port), store);

        assertLimited(fourth);
        assertLimited(otherStore);
        assertThat(shopper.status()).as(shopper.body()).isEqualTo(201);
        assertThat(trips(store)).isEqualTo(4);
    }

    @Test
    void a_store_takes_only_so_many_new_trips_at_once_whichever_addresses_they_come_from() {
        for (int i = 0; i < 5; i++) {
            assertThat(start(Api.ownAddress(port), store).status()).isEqualTo(201);
        }

        Api.Response sixth = start(Api.ownAddress(port), store);
        Api.Response elsewhere = start(Api.ownAddress(port), fixtures.store());

        assertLimited(sixth);
        assertThat(elsewhere.status()).isEqualTo(201);
        assertThat(trips(store)).isEqualTo(5);
    }

    @Test
    void unknown_stores_are_404_and_do_not_use_up_a_stores_limit() {
        Api api = Api.ownAddress(port);

        Api.Response unknown = api.request("POST", "/api/v1/trips")
                .json(Map.of("storeId", "no-such-store"))
                .send();

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problemCode()).isEqualTo("store_not_found");
    }

    @Test
    void a_client_calling_for_staff_again_and_again_gets_429_and_opens_no_request() {
        String[][] trips = new String[3][];
        for (int i = 0; i < trips.length; i++) {
            trips[i] = TestFixtures.tripWith(Api.ownAddress(port), store.id());
        }
        Api script = Api.ownAddress(port);

        Api.Response first = call(script, trips[0]);
        Api.Response second = call(script, trips[1]);
        Api.Response third = call(script, trips[2]);
        Api.Response fromTheShopper = call(Api.ownAddress(port), trips[2]);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertLimited(third);
        assertThat(fromTheShopper.status()).as(fromTheShopper.body()).isEqualTo(201);
        assertThat(requests(store)).isEqualTo(3);
    }

    @Test
    void a_store_takes_only_so_many_new_calls_for_staff_at_once_but_an_open_call_is_still_answered() {
        String[][] trips = new String[4][];
        for (int i = 0; i < trips.length; i++) {
            trips[i] = TestFixtures.tripWith(Api.ownAddress(port), store.id());
        }
        for (int i = 0; i < 3; i++) {
            assertThat(call(Api.ownAddress(port), trips[i]).status()).isEqualTo(201);
        }

        Api.Response fourth = call(Api.ownAddress(port), trips[3]);
        Api.Response again = call(Api.ownAddress(port), trips[0]);

        assertLimited(fourth);
        assertThat(again.status()).as("the open request, unchanged").isEqualTo(200);
        assertThat(requests(store)).isEqualTo(3);
    }
}
