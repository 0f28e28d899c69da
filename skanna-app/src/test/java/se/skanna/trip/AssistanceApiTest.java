package se.skanna.trip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/** A shopper calls for staff with the trip's token: one open request per trip, validated, problem+json refusals. */
@SkannaTest
class AssistanceApiTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Store store;
    String milk;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        store = fixtures.store();
        milk = TestFixtures.gtin();
        fixtures.importCatalog(api, Map.of("products", List.of(TestFixtures.product(milk, "Mjölk", 1500))));
    }

    Api.Response call(String[] trip, Object body) {
        Api.Request request = api.request("POST", path(trip[0])).header("Authorization", "Bearer " + trip[1]);
        return body == null ? request.send() : request.json(body).send();
    }

    Api.Response latest(String[] trip) {
        return api.request("GET", path(trip[0]))
                .header("Authorization", "Bearer " + trip[1])
                .send();
    }

    static String path(String tripId) {
        return "/api/v1/trips/" + tripId + "/assistance";
    }

    long requests(String tripId) {
        return jdbc.sql("select count(*) from assistance_request where trip_id = :t")
                .param("t", tripId)
                .query(Long.class)
                .single();
    }

    @Test
    void the_first_call_opens_a_request_and_calling_again_answers_the_same_open_request() {
        String[] trip = TestFixtures.tripWith(api, store.id(), milk);

        Api.Response first = call(trip, Map.of("message", "  Var finns mjölken?  "));
        Api.Response second = call(trip, Map.of("message", "Hallå?"));
        Api.Response withoutBody = call(trip, null);
        Api.Response followed = latest(trip);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.header("Location")).isEqualTo(path(trip[0]));
        assertThat(first.json().get("state").asString()).isEqualTo("OPEN");
        assertThat(first.json().get("message").asString()).isEqualTo("Var finns mjölken?");
        assertThat(first.json().get("tripId").asString()).isEqualTo(trip[0]);
        String requestId = first.json().get("requestId").asString();
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("requestId").asString()).isEqualTo(requestId);
        assertThat(second.json().get("message").asString())
                .as("the open request keeps its first message")
                .isEqualTo("Var finns mjölken?");
        assertThat(withoutBody.status()).isEqualTo(200);
        assertThat(withoutBody.json().get("requestId").asString()).isEqualTo(requestId);
        assertThat(followed.status()).isEqualTo(200);
        assertThat(followed.json().get("requestId").asString()).isEqualTo(requestId);
        assertThat(followed.json().has("acknowledgedBy")).isFalse();
        assertThat(requests(trip[0])).isEqualTo(1);
    }

    @Test
    void a_call_without_a_message_is_fine() {
        String[] trip = TestFixtures.tripWith(api, store.id());

        Api.Response called = call(trip, null);

        assertThat(called.status()).isEqualTo(201);
        assertThat(called.json().get("message").isNull()).isTrue();
    }

    @Test
    void bad_messages_are_refused_as_problems_and_open_nothing() {
        String[] trip = TestFixtures.tripWith(api, store.id());

        Api.Response tooLong = call(trip, Map.of("message", "x".repeat(201)));
        Api.Response control = call(trip, Map.of("message", "Hjälp\u0000"));
        Api.Response malformed = api.request("POST", path(trip[0]))
                .header("Authorization", "Bearer " + trip[1])
                .json("{\"message\":")
                .send();

        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.problemCode()).isEqualTo("validation_failed");
        assertThat(tooLong.json().at("/errors/0/path").asString()).isEqualTo("message");
        assertThat(control.status()).isEqualTo(422);
        assertThat(control.problemCode()).isEqualTo("validation_failed");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.problemCode()).isEqualTo("malformed_request");
        assertThat(requests(trip[0])).isZero();
        Api.Response none = latest(trip);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.problemCode()).isEqualTo("assistance_not_found");
    }

    @Test
    void only_the_trips_own_token_may_call_or_follow() {
        String[] trip = TestFixtures.tripWith(api, store.id());
        String[] another = TestFixtures.tripWith(api, store.id());

        Api.Response noToken = api.request("POST", path(trip[0])).send();
        Api.Response wrongToken = call(new String[] {trip[0], another[1]}, null);
        Api.Response wrongTokenRead = latest(new String[] {trip[0], another[1]});
        Api.Response unknown = call(new String[] {"t-no-such-trip", trip[1]}, null);

        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.problemCode()).isEqualTo("unauthorized");
        assertThat(wrongToken.status()).isEqualTo(403);
        assertThat(wrongToken.problemCode()).isEqualTo("forbidden");
        assertThat(wrongTokenRead.status()).isEqualTo(403);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problemCode()).isEqualTo("trip_not_found");
        assertThat(requests(trip[0])).isZero();
    }

    @Test
    void an_expired_trip_cannot_call() {
        String[] trip = TestFixtures.tripWith(api, store.id());
        jdbc.sql("update trip set last_activity_at = :at where id = :id")
                .param("at", OffsetDateTime.now(ZoneOffset.UTC).minusHours(5))
                .param("id", trip[0])
                .update();

        Api.Response called = call(trip, null);

        assertThat(called.status()).isEqualTo(409);
        assertThat(called.problemCode()).isEqualTo("trip_not_open");
        assertThat(called.json().get("status").asInt()).isEqualTo(409);
        assertThat(called.json().get("tripStatus").asString()).isEqualTo("EXPIRED");
        assertThat(requests(trip[0])).isZero();
    }

    void backdate(String requestId, int minutes) {
        jdbc.sql("update assistance_request set created_at = :at where id = :id")
                .param("at", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(minutes))
                .param("id", requestId)
                .update();
    }

    Api.Response waiting(String staff) {
        return api.request("GET", "/api/v1/stores/" + store.id() + "/assistance")
                .as(staff, TestFixtures.PASSWORD)
                .send();
    }

    @Test
    void staff_list_the_stores_calls_newest_first_with_their_total() {
        String[] first = TestFixtures.tripWith(api, store.id());
        String[] second = TestFixtures.tripWith(api, store.id());
        String[] elsewhere = TestFixtures.tripWith(api, fixtures.store().id());
        String older =
                call(first, Map.of("message", "Först")).json().get("requestId").asString();
        backdate(older, 5);
        String newer =
                call(second, Map.of("message", "Sedan")).json().get("requestId").asString();
        call(elsewhere, null);
        String staff = fixtures.account(se.skanna.staff.Role.STAFF, store.id());
        String otherStaff =
                fixtures.account(se.skanna.staff.Role.STAFF, fixtures.store().id());

        Api.Response list = waiting(staff);
        Api.Response forbidden = waiting(otherStaff);
        Api.Response anonymous = api.get("/api/v1/stores/" + store.id() + "/assistance");

        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().get("total").asLong()).isEqualTo(2);
        assertThat(list.json().get("limit").asInt()).isEqualTo(Assistance.OPEN_LIMIT);
        assertThat(list.json().at("/requests/0/requestId").asString()).isEqualTo(newer);
        assertThat(list.json().at("/requests/1/requestId").asString()).isEqualTo(older);
        assertThat(list.json().get("requests").size()).isEqualTo(2);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void a_call_older_than_the_expiry_leaves_the_list_shows_as_expired_and_the_trip_may_call_again() {
        String[] trip = TestFixtures.tripWith(api, store.id());
        String[] recent = TestFixtures.tripWith(api, store.id());
        String old =
                call(trip, Map.of("message", "Hallå")).json().get("requestId").asString();
        String kept = call(recent, null).json().get("requestId").asString();
        backdate(old, 31);
        String staff = fixtures.account(se.skanna.staff.Role.STAFF, store.id());

        Api.Response list = waiting(staff);
        Api.Response followed = latest(trip);
        Api.Response again = call(trip, Map.of("message", "Igen"));

        assertThat(list.json().get("total").asLong()).isEqualTo(1);
        assertThat(list.json().at("/requests/0/requestId").asString()).isEqualTo(kept);
        assertThat(followed.json().get("state").asString()).isEqualTo("EXPIRED");
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.json().get("requestId").asString()).isNotEqualTo(old);
        assertThat(jdbc.sql("select state from assistance_request where id = :id")
                        .param("id", old)
                        .query(String.class)
                        .single())
                .isEqualTo("EXPIRED");
        assertThat(waiting(staff).json().get("total").asLong()).isEqualTo(2);
    }
}
