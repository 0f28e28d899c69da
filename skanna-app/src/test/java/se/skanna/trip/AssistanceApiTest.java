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
        assertThat(called.json().get("status").asString()).isEqualTo("EXPIRED");
        assertThat(requests(trip[0])).isZero();
    }
}
