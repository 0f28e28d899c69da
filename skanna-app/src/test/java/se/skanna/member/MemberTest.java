package se.skanna.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;
import se.skanna.trip.Trips;
import tools.jackson.databind.JsonNode;

/** Member prices and a member's clean history count only for a verified member: imported, or a signed token. */
@SkannaTest
class MemberTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Trips trips;

    @Value("${skanna.members.token-key}")
    String tokenKey;

    Api api;
    Store store;
    String hq;
    String coffee;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        store = fixtures.store();
        hq = fixtures.account(Role.HQ);
        coffee = TestFixtures.gtin();
        fixtures.importCatalog(
                api,
                Map.of(
                        "products",
                        List.of(TestFixtures.product(coffee, "Kaffe 450 g", 6995)),
                        "offers",
                        List.of(Map.of(
                                "id",
                                TestFixtures.unique("o-member-"),
                                "description",
                                "Medlemspris",
                                "type",
                                "MEMBER_PRICE",
                                "gtins",
                                List.of(coffee),
                                "price",
                                4995))));
    }

    Api.Response importIds(String user, List<String> ids) {
        return api.request("POST", "/api/v1/members/imports")
                .as(user, TestFixtures.PASSWORD)
                .json(Map.of("memberIds", ids))
                .send();
    }

    Api.Response start(Map<String, Object> body) {
        Map<String, Object> request = new java.util.HashMap<>(body);
        request.put("storeId", store.id());
        return api.request("POST", "/api/v1/trips").json(request).send();
    }

    /** Total of a cart with one coffee, for a started trip. */
    long coffeeTotal(JsonNode started) {
        return api.request("POST", "/api/v1/trips/" + started.get("tripId").asString() + "/scans")
                .header("Authorization", "Bearer " + started.get("token").asString())
                .json(Map.of("scanId", UUID.randomUUID().toString(), "code", coffee))
                .send()
                .json()
                .at("/cart/total")
                .asLong();
    }

    long tripsInStore() {
        return jdbc.sql("select count(*) from trip where store_id = :s")
                .param("s", store.id())
                .query(Long.class)
                .single();
    }

    String token(String header, String payload, String key) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signed = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signed + "." + b64.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    String memberToken(String memberId, long expiresInSeconds) {
        return token(
                "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"sub\":\"" + memberId + "\",\"exp\":" + (Instant.now().getEpochSecond() + expiresInSeconds) + "}",
                tokenKey);
    }

    @Test
    void an_imported_member_gets_member_prices_and_an_unknown_id_is_refused_and_starts_nothing() {
        String member = TestFixtures.unique("m-");
        Api.Response imported = importIds(hq, List.of(member, member, TestFixtures.unique("m-")));

        JsonNode known = start(Map.of("memberId", member)).json();
        long before = tripsInStore();
        Api.Response unknown = start(Map.of("memberId", TestFixtures.unique("m-")));

        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("received").asInt()).isEqualTo(2);
        assertThat(imported.json().get("added").asInt()).isEqualTo(2);
        assertThat(coffeeTotal(known)).isEqualTo(4995);
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(422);
        assertThat(unknown.problemCode()).isEqualTo("unknown_member");
        assertThat(tripsInStore()).isEqualTo(before);
        assertThat(coffeeTotal(start(Map.of()).json())).isEqualTo(6995);
    }

    @Test
    void hq_removes_a_member_id_and_new_trips_cannot_use_it_any_more() {
        String member = TestFixtures.unique("m-");
        importIds(hq, List.of(member));
        assertThat(start(Map.of("memberId", member)).status()).isEqualTo(201);

        Api.Response byManager = api.request("DELETE", "/api/v1/members/" + member)
                .as(fixtures.account(Role.MANAGER, store.id()), TestFixtures.PASSWORD)
                .send();
        Api.Response removed = api.request("DELETE", "/api/v1/members/" + member)
                .as(hq, TestFixtures.PASSWORD)
                .send();
        Api.Response again = api.request("DELETE", "/api/v1/members/" + member)
                .as(hq, TestFixtures.PASSWORD)
                .send();
        Api.Response malformed = api.request("DELETE", "/api/v1/members/no%20spaces")
                .as(hq, TestFixtures.PASSWORD)
                .send();

        assertThat(byManager.status()).isEqualTo(403);
        assertThat(removed.status()).as(removed.body()).isEqualTo(204);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.problemCode()).isEqualTo("member_not_found");
        assertThat(malformed.status()).isEqualTo(422);
        Api.Response after = start(Map.of("memberId", member));
        assertThat(after.status()).isEqualTo(422);
        assertThat(after.problemCode()).isEqualTo("unknown_member");
        assertThat(jdbc.sql("select detail from console_action where username = :u and action = 'MEMBER_REMOVED'")
                        .param("u", hq)
                        .query(String.class)
                        .list())
                .singleElement()
                .asString()
                .doesNotContain(member);
    }

    @Test
    void member_ids_are_stored_only_as_keyed_hashes_and_importing_again_adds_nothing() {
        String member = TestFixtures.unique("m-");
        importIds(hq, List.of(member));

        Api.Response again = importIds(hq, List.of(member));

        assertThat(again.json().get("added").asInt()).isZero();
        assertThat(jdbc.sql("select detail from console_action where username = :u and action = 'MEMBERS_IMPORTED'"
                                + " order by id")
                        .param("u", hq)
                        .query(String.class)
                        .list())
                .containsExactly("1 member ids, 1 new", "1 member ids, 0 new");
        List<String> stored =
                jdbc.sql("select id_hash from member").query(String.class).list();
        assertThat(stored).doesNotContain(member).allMatch(hash -> hash.matches("[0-9a-f]{64}"));
        assertThat(stored).doesNotContain(sha256Hex(member));
    }

    @Test
    void only_hq_imports_members_and_a_malformed_id_rejects_the_whole_import() {
        String manager = fixtures.account(Role.MANAGER, store.id());
        String good = TestFixtures.unique("m-");

        Api.Response notHq = importIds(manager, List.of(good));
        Api.Response malformed = importIds(hq, List.of(good, "no spaces allowed"));

        assertThat(notHq.status()).isEqualTo(403);
        assertThat(malformed.status()).as(malformed.body()).isEqualTo(422);
        assertThat(malformed.problemCode()).isEqualTo("validation_failed");
        assertThat(malformed.json().at("/errors/0/path").asString()).isEqualTo("memberIds[1]");
        assertThat(start(Map.of("memberId", good)).problemCode()).isEqualTo("unknown_member");
    }

    @Test
    void a_signed_member_token_gets_member_prices() {
        JsonNode started = start(Map.of("memberToken", memberToken(TestFixtures.unique("m-"), 600)))
                .json();

        assertThat(coffeeTotal(started)).isEqualTo(4995);
    }

    @Test
    void an_expired_forged_or_unsigned_member_token_is_refused() {
        String member = TestFixtures.unique("m-");
        String payload = "{\"sub\":\"" + member + "\",\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}";
        String good = memberToken(member, 600);
        int signature = good.lastIndexOf('.') + 1;
        char flipped = good.charAt(signature) == 'A' ? 'B' : 'A';
        String tampered = good.substring(0, signature) + flipped + good.substring(signature + 1);

        for (String bad : List.of(
                memberToken(member, -5),
                token("{\"alg\":\"HS256\"}", payload, "another-key-that-is-long-enough-0123456789"),
                tampered,
                token("{\"alg\":\"none\"}", payload, tokenKey),
                "not-a-token")) {
            Api.Response refused = start(Map.of("memberToken", bad));
            assertThat(refused.status()).as(bad + ": " + refused.body()).isEqualTo(422);
            assertThat(refused.problemCode()).isEqualTo("invalid_member_token");
        }
    }

    @Test
    void only_verified_trips_count_as_a_members_history() {
        String member = TestFixtures.unique("m-");
        importIds(hq, List.of(member));
        JsonNode first = start(Map.of("memberId", member)).json();
        coffeeTotal(first);
        api.request("POST", "/api/v1/trips/" + first.get("tripId").asString() + "/checkout")
                .header("Authorization", "Bearer " + first.get("token").asString())
                .header("Idempotency-Key", "key-" + UUID.randomUUID())
                .json(Map.of("method", "test"))
                .send();
        String second = start(Map.of("memberId", member)).json().get("tripId").asString();

        long verifiedHistory = trips.risk(second).previousTrips();
        // a trip from before member ids were verified: its id proves nothing
        jdbc.sql("update trip set member_verified = false where id = :t")
                .param("t", first.get("tripId").asString())
                .update();
        long unverifiedHistory = trips.risk(second).previousTrips();

        assertThat(verifiedHistory).isEqualTo(1);
        assertThat(unverifiedHistory).isZero();
    }

    @Test
    void a_trip_whose_member_id_was_never_verified_gets_no_member_price() {
        String member = TestFixtures.unique("m-");
        importIds(hq, List.of(member));
        JsonNode started = start(Map.of("memberId", member)).json();
        jdbc.sql("update trip set member_verified = false where id = :t")
                .param("t", started.get("tripId").asString())
                .update();

        assertThat(coffeeTotal(started)).isEqualTo(6995);
    }

    static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void an_import_without_member_ids_is_refused_naming_the_field_and_adds_nothing() {
        long before = jdbc.sql("select count(*) from member").query(Long.class).single();
        Map<String, Object> nullIds = new java.util.HashMap<>();
        nullIds.put("memberIds", null);

        for (Object body : List.of(Map.of("memberIds", List.of()), Map.of(), nullIds)) {
            Api.Response refused = api.request("POST", "/api/v1/members/imports")
                    .as(hq, TestFixtures.PASSWORD)
                    .json(body)
                    .send();

            assertThat(refused.status()).as(refused.body()).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.problemCode()).isEqualTo("validation_failed");
            assertThat(refused.json().get("detail").asString()).isEqualTo("Give at least one member id.");
            assertThat(refused.json().at("/errors/0/path").asString()).isEqualTo("memberIds");
        }
        assertThat(jdbc.sql("select count(*) from member").query(Long.class).single())
                .isEqualTo(before);
    }
}
