package se.skanna.staff;

import static org.assertj.core.api.Assertions.assertThat;

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

/** API tokens for integrations: created by HQ and shown once, scoped, stored hashed, revocable. */
@SkannaTest
class ApiTokensTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Store store;
    String hq;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        store = fixtures.store();
        hq = fixtures.account(Role.HQ);
    }

    @Test
    void a_managers_token_acts_in_its_store_only_is_stored_hashed_and_records_its_last_use() {
        Api.Response created =
                create(Map.of("name", "Kassaintegration", "role", "MANAGER", "storeIds", List.of(store.id())));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String token = created.json().get("token").asString();
        String id = created.json().get("id").asString();
        assertThat(token).startsWith("skanna_").hasSizeGreaterThanOrEqualTo(40);

        Api.Response own = bearer("PUT", "/api/v1/stores/" + store.id() + "/status", token)
                .json(Map.of("status", "APP_ONLY", "message", "Via integration"))
                .send();
        Api.Response other = bearer("PUT", "/api/v1/stores/" + fixtures.store().id() + "/status", token)
                .json(Map.of("status", "CLOSED"))
                .send();

        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(other.status()).isEqualTo(403);
        Map<String, Object> row = jdbc.sql("select token_hash, last_used_at from api_token where id = :id")
                .param("id", id)
                .query()
                .singleRow();
        assertThat(row.get("token_hash")).isEqualTo(ApiTokens.hash(token));
        assertThat(row.get("last_used_at")).isNotNull();
        assertThat(jdbc.sql(
                                "select count(*) from console_action where username = :u and action = 'STORE_STATUS_CHANGED'")
                        .param("u", "token:" + id)
                        .query(Long.class)
                        .single())
                .isOne();
        Api.Response list = api.request("GET", "/api/v1/tokens")
                .as(hq, TestFixtures.PASSWORD)
                .send();
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body())
                .contains(id)
                .contains("Kassaintegration")
                .doesNotContain(token)
                .doesNotContain(ApiTokens.hash(token));
    }

    @Test
    void a_revoked_or_unknown_token_is_401_problem_json_and_a_second_revoke_is_409() {
        Api.Response created = create(Map.of("name", "Lager", "role", "HQ"));
        String token = created.json().get("token").asString();
        String id = created.json().get("id").asString();
        assertThat(bearer("GET", "/api/v1/stores/" + store.id() + "/journal/verification", token)
                        .send()
                        .status())
                .isEqualTo(200);

        Api.Response revoked = api.request("DELETE", "/api/v1/tokens/" + id)
                .as(hq, TestFixtures.PASSWORD)
                .send();
        Api.Response again = api.request("DELETE", "/api/v1/tokens/" + id)
                .as(hq, TestFixtures.PASSWORD)
                .send();
        Api.Response afterRevoke = bearer("GET", "/api/v1/stores/" + store.id() + "/journal/verification", token)
                .send();
        Api.Response unknown = bearer(
                        "GET",
                        "/api/v1/stores/" + store.id() + "/journal/verification",
                        "skanna_not-a-token-anyone-was-given-0000000000000")
                .send();

        assertThat(revoked.status()).isEqualTo(204);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problemCode()).isEqualTo("token_revoked");
        assertThat(afterRevoke.status()).isEqualTo(401);
        assertThat(afterRevoke.problemCode()).isEqualTo("invalid_token");
        assertThat(afterRevoke.header("WWW-Authenticate")).contains("Bearer").contains("invalid_token");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.problemCode()).isEqualTo("invalid_token");
        assertThat(api.request("DELETE", "/api/v1/tokens/nope")
                        .as(hq, TestFixtures.PASSWORD)
                        .send()
                        .problemCode())
                .isEqualTo("token_not_found");
        assertThat(jdbc.sql("select action from console_action where target = :id order by id")
                        .param("id", id)
                        .query(String.class)
                        .list())
                .containsExactly("TOKEN_CREATED", "TOKEN_REVOKED");
    }

    @Test
    void only_hq_people_manage_tokens_not_managers_and_not_tokens() {
        String manager = fixtures.account(Role.MANAGER, store.id());
        String hqToken = create(Map.of("name", "Ekonomi", "role", "HQ"))
                .json()
                .get("token")
                .asString();

        Api.Response byManager = api.request("POST", "/api/v1/tokens")
                .as(manager, TestFixtures.PASSWORD)
                .json(Map.of("name", "x", "role", "STAFF", "storeIds", List.of(store.id())))
                .send();
        Api.Response byToken = bearer("POST", "/api/v1/tokens", hqToken)
                .json(Map.of("name", "x", "role", "HQ"))
                .send();
        Api.Response accountByToken = bearer("POST", "/api/v1/staff", hqToken)
                .json(Map.of("username", TestFixtures.unique("t-"), "password", "long-enough-password", "role", "HQ"))
                .send();
        Api.Response hqReadsWithToken = bearer("GET", "/api/v1/stores/" + store.id() + "/journal/verification", hqToken)
                .send();

        assertThat(byManager.status()).isEqualTo(403);
        assertThat(byToken.status()).isEqualTo(403);
        assertThat(accountByToken.status()).isEqualTo(403);
        assertThat(hqReadsWithToken.status()).as(hqReadsWithToken.body()).isEqualTo(200);
    }

    @Test
    void bad_token_requests_are_refused_and_create_nothing() {
        long before =
                jdbc.sql("select count(*) from api_token").query(Long.class).single();

        Api.Response noStores = create(Map.of("name", "x", "role", "STAFF"));
        Api.Response noName = create(Map.of("role", "HQ"));
        Api.Response unknownStore = create(Map.of("name", "x", "role", "STAFF", "storeIds", List.of("nope")));

        assertThat(noStores.problemCode()).isEqualTo("validation_failed");
        assertThat(noName.problemCode()).isEqualTo("validation_failed");
        assertThat(unknownStore.problemCode()).isEqualTo("validation_failed");
        assertThat(jdbc.sql("select count(*) from api_token").query(Long.class).single())
                .isEqualTo(before);
    }

    @Test
    void a_shoppers_trip_token_still_opens_its_trip() {
        String[] trip = TestFixtures.tripWith(api, store.id());

        Api.Response read = bearer("GET", "/api/v1/trips/" + trip[0], trip[1]).send();

        assertThat(read.status()).isEqualTo(200);
    }

    private Api.Response create(Map<String, ?> body) {
        return api.request("POST", "/api/v1/tokens")
                .as(hq, TestFixtures.PASSWORD)
                .json(body)
                .send();
    }

    private Api.Request bearer(String method, String path, String token) {
        return api.request(method, path).header("Authorization", "Bearer " + token);
    }
}
