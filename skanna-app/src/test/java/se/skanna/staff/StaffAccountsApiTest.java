package se.skanna.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

@SkannaTest
class StaffAccountsApiTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Test
    void hq_creates_a_manager_who_can_then_sign_in_and_the_password_is_stored_hashed() {
        Store store = fixtures.store();
        String hq = fixtures.account(Role.HQ);
        String username = TestFixtures.unique("chef-");
        Api api = new Api(port);

        Api.Response created = api.request("POST", "/api/v1/staff")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of(
                        "username",
                        username,
                        "password",
                        "a-long-enough-secret",
                        "role",
                        "MANAGER",
                        "storeIds",
                        List.of(store.id())))
                .send();
        Api.Response asManager = api.request("PUT", "/api/v1/stores/" + store.id() + "/status")
                .as(username, "a-long-enough-secret")
                .json(Map.of("status", "APP_ONLY"))
                .send();

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("a-long-enough-secret").doesNotContain("password");
        assertThat(asManager.status()).isEqualTo(200);
        String hash = jdbc.sql("select password_hash from staff_account where username = :u")
                .param("u", username)
                .query(String.class)
                .single();
        assertThat(hash).startsWith("{bcrypt}").doesNotContain("a-long-enough-secret");
    }

    @Test
    void weak_passwords_duplicates_and_unknown_stores_are_refused() {
        Store store = fixtures.store();
        String hq = fixtures.account(Role.HQ);
        String existing = fixtures.account(Role.STAFF, store.id());
        Api api = new Api(port);

        Api.Response weak = create(
                api,
                hq,
                Map.of(
                        "username",
                        TestFixtures.unique("a-"),
                        "password",
                        "short",
                        "role",
                        "STAFF",
                        "storeIds",
                        List.of(store.id())));
        Api.Response duplicate = create(
                api,
                hq,
                Map.of(
                        "username",
                        existing,
                        "password",
                        "long-enough-password",
                        "role",
                        "STAFF",
                        "storeIds",
                        List.of(store.id())));
        Api.Response unknownStore = create(
                api,
                hq,
                Map.of(
                        "username",
                        TestFixtures.unique("b-"),
                        "password",
                        "long-enough-password",
                        "role",
                        "STAFF",
                        "storeIds",
                        List.of("nope")));
        Api.Response storeless = create(
                api,
                hq,
                Map.of(
                        "username",
                        TestFixtures.unique("c-"),
                        "password",
                        "long-enough-password",
                        "role",
                        "STAFF",
                        "storeIds",
                        List.of()));

        assertThat(weak.problemCode()).isEqualTo("weak_password");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.problemCode()).isEqualTo("account_exists");
        assertThat(unknownStore.problemCode()).isEqualTo("validation_failed");
        assertThat(storeless.problemCode()).isEqualTo("validation_failed");
    }

    @Test
    void only_hq_manages_accounts() {
        Store store = fixtures.store();
        String manager = fixtures.account(Role.MANAGER, store.id());
        Api api = new Api(port);

        Api.Response byManager = create(
                api,
                manager,
                Map.of("username", TestFixtures.unique("d-"), "password", "long-enough-password", "role", "HQ"));
        Api.Response list = api.request("GET", "/api/v1/staff")
                .as(manager, TestFixtures.PASSWORD)
                .send();

        assertThat(byManager.status()).isEqualTo(403);
        assertThat(list.status()).isEqualTo(403);
    }

    private static Api.Response create(Api api, String as, Map<String, ?> body) {
        return api.request("POST", "/api/v1/staff")
                .as(as, TestFixtures.PASSWORD)
                .json(body)
                .send();
    }
}
