package se.skanna.exit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.skanna.signing.SigningKeys;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;
import tools.jackson.databind.JsonNode;

/** One exit pass per paid trip: the same pass every time, valid for a while after payment, none once refunded. */
@SkannaTest
class ExitPassTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SigningKeys keys;

    Api api;
    Store store;
    String staff;
    String manager;
    String milk;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        store = fixtures.store();
        staff = fixtures.account(Role.STAFF, store.id());
        manager = fixtures.account(Role.MANAGER, store.id());
        milk = TestFixtures.gtin();
        fixtures.importCatalog(api, Map.of("products", List.of(TestFixtures.product(milk, "Mellanmjölk", 1795))));
    }

    /** A paid trip: {tripId, token, paymentId}. */
    String[] paidTrip() {
        String[] trip = TestFixtures.tripWith(api, store.id(), milk);
        Api.Response paid = api.request("POST", "/api/v1/trips/" + trip[0] + "/checkout")
                .header("Authorization", "Bearer " + trip[1])
                .header("Idempotency-Key", "key-" + UUID.randomUUID())
                .json(Map.of("method", "test"))
                .send();
        assertThat(paid.json().get("status").asString()).as(paid.body()).isEqualTo("PAID");
        return new String[] {trip[0], trip[1], paid.json().get("paymentId").asString()};
    }

    Api.Response pass(String[] trip) {
        return api.request("GET", "/api/v1/trips/" + trip[0] + "/exit-pass")
                .header("Authorization", "Bearer " + trip[1])
                .send();
    }

    JsonNode verify(String token) {
        Api.Response verdict = api.request("POST", "/api/v1/exit/verify")
                .as(staff, TestFixtures.PASSWORD)
                .json(Map.of("token", token))
                .send();
        assertThat(verdict.status()).as(verdict.body()).isEqualTo(200);
        return verdict.json();
    }

    Api.Response refund(String paymentId, long amount) {
        return api.request("POST", "/api/v1/payments/" + paymentId + "/refunds")
                .as(manager, TestFixtures.PASSWORD)
                .header("Idempotency-Key", "refund-" + UUID.randomUUID())
                .json(Map.of("amount", amount, "reason", "Returnerad vara"))
                .send();
    }

    @Test
    void showing_the_pass_again_gives_the_same_pass_and_it_works_once() {
        String[] trip = paidTrip();

        String first = pass(trip).json().get("token").asString();
        String again = pass(trip).json().get("token").asString();
        Api.Response svg = api.request("GET", "/api/v1/trips/" + trip[0] + "/exit-pass.svg")
                .header("Authorization", "Bearer " + trip[1])
                .send();

        assertThat(again).isEqualTo(first);
        assertThat(svg.header("X-Exit-Pass-Token")).isEqualTo(first);
        // the signed payload is the same text as ever, key by key in this order: a stored pass keeps its token
        String payload = new String(
                java.util.Base64.getUrlDecoder().decode(first.substring(0, first.indexOf('.'))),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(payload)
                .matches("\\{\"v\":1,\"pid\":\"x-[0-9a-f-]{36}\",\"tid\":\"" + trip[0] + "\",\"sid\":\"" + store.id()
                        + "\",\"exp\":[0-9]+,\"kid\":\"[0-9a-f]{16}\"\\}");
        assertThat(pass(trip).body()).startsWith("{\"token\":\"" + first + "\",\"expiresAt\":\"");
        assertThat(verify(first).get("result").asString()).isEqualTo("PASS");
        JsonNode replay = verify(again);
        assertThat(replay.get("result").asString()).isEqualTo("INVALID");
        assertThat(replay.get("reason").asString()).isEqualTo("already_used");
        assertThat(pass(trip).json().get("token").asString()).isEqualTo(first);
        assertThat(jdbc.sql("select count(*) from exit_pass where trip_id = :t")
                        .param("t", trip[0])
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void the_pass_expires_two_hours_after_payment_by_default_however_late_it_is_first_shown() {
        String[] trip = paidTrip();
        // paid an hour ago, the pass shown only now
        Instant paidAt = Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        jdbc.sql("update trip set paid_at = :at where id = :t")
                .param("at", paidAt.atOffset(ZoneOffset.UTC))
                .param("t", trip[0])
                .update();

        Instant expiresAt = Instant.parse(pass(trip).json().get("expiresAt").asString());

        assertThat(expiresAt).isEqualTo(paidAt.plus(Duration.ofHours(2)));
    }

    @Test
    void an_expired_pass_is_invalid_and_the_trip_gets_no_new_one() {
        String[] trip = paidTrip();
        String token = pass(trip).json().get("token").asString();
        jdbc.sql("update exit_pass set expires_at = :at where trip_id = :t")
                .param("at", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1))
                .param("t", trip[0])
                .update();

        JsonNode verdict = verify(token);
        Api.Response again = pass(trip);

        assertThat(verdict.get("result").asString()).isEqualTo("INVALID");
        assertThat(verdict.get("reason").asString()).isEqualTo("expired");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.problemCode()).isEqualTo("exit_pass_expired");
    }

    @Test
    void a_trip_paid_longer_ago_than_the_lifetime_gets_no_pass() {
        String[] trip = paidTrip();
        jdbc.sql("update trip set paid_at = :at where id = :t")
                .param("at", OffsetDateTime.now(ZoneOffset.UTC).minusHours(3))
                .param("t", trip[0])
                .update();

        Api.Response late = pass(trip);

        assertThat(late.status()).as(late.body()).isEqualTo(409);
        assertThat(late.problemCode()).isEqualTo("exit_pass_expired");
    }

    @Test
    void a_fully_refunded_trip_has_no_pass_and_its_pass_no_longer_passes() {
        String[] trip = paidTrip();
        String token = pass(trip).json().get("token").asString();

        Api.Response refunded = refund(trip[2], 1795);
        JsonNode verdict = verify(token);
        Api.Response again = pass(trip);

        assertThat(refunded.status()).as(refunded.body()).isEqualTo(200);
        assertThat(verdict.get("result").asString()).isEqualTo("INVALID");
        assertThat(verdict.get("reason").asString()).isEqualTo("refunded");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.problemCode()).isEqualTo("trip_refunded");
    }

    @Test
    void a_partly_refunded_trip_still_passes() {
        String[] trip = paidTrip();
        String token = pass(trip).json().get("token").asString();

        assertThat(refund(trip[2], 500).status()).isEqualTo(200);

        assertThat(verify(token).get("result").asString()).isEqualTo("PASS");
    }

    @Test
    void a_genuinely_signed_pass_that_is_not_the_trips_pass_is_superseded() {
        String[] trip = paidTrip();
        String real = pass(trip).json().get("token").asString();
        String payload = "{\"v\":1,\"pid\":\"x-" + UUID.randomUUID() + "\",\"tid\":\"" + trip[0] + "\",\"sid\":\""
                + store.id() + "\",\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}";
        String body = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        String other = body + "." + keys.sign(body);

        JsonNode verdict = verify(other);

        assertThat(verdict.get("result").asString()).isEqualTo("INVALID");
        assertThat(verdict.get("reason").asString()).isEqualTo("superseded");
        assertThat(verify(real).get("result").asString()).isEqualTo("PASS");
    }
}
