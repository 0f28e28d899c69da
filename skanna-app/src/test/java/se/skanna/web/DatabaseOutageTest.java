package se.skanna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.PostgresSchema;
import se.skanna.support.SkannaTest;
import se.skanna.support.TcpProxy;
import se.skanna.support.TestFixtures;

/**
 * PostgreSQL stops or freezes under a running node: callers get 503 {@code database_unavailable} with Retry-After
 * within seconds instead of hanging, readiness goes DOWN while liveness stays UP, the public status page and the
 * shopper app's page keep serving, and the node recovers by itself once the database is back. The database sits
 * behind an in-test TCP proxy that cuts or freezes every connection. Runs in the suite's PostgreSQL pass (an
 * embedded H2 database cannot go away).
 */
@SkannaTest
@EnabledIfEnvironmentVariable(named = "SPRING_DATASOURCE_URL", matches = "jdbc:postgresql:.*")
class DatabaseOutageTest {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(3);
    private static final Duration RECOVERS_WITHIN = Duration.ofSeconds(15);

    private static TcpProxy proxy;
    private static PostgresSchema schema;

    @DynamicPropertySource
    static void databaseBehindTheProxy(DynamicPropertyRegistry registry) throws SQLException {
        schema = PostgresSchema.create("skanna_outage_");
        proxy = new TcpProxy(schema.host(), schema.port());
        registry.add("spring.datasource.url", () -> schema.url(proxy.port()));
        // a statement caught by the freeze waits for the socket timeout; keep it short here
        registry.add("skanna.database.socket-timeout", () -> "2s");
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (proxy != null) {
            proxy.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    Api api;
    Store store;
    String milk;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        store = fixtures.store();
        milk = TestFixtures.gtin();
        fixtures.importCatalog(api, Map.of("products", List.of(TestFixtures.product(milk, "Mellanmjölk 1 l", 1795))));
        TestFixtures.tripWith(api, store.id(), milk);
    }

    @AfterEach
    void restore() {
        proxy.restore();
    }

    @Test
    void a_stopped_database_answers_503_within_seconds_and_the_node_recovers_by_itself() throws InterruptedException {
        String hq = fixtures.account(se.skanna.staff.Role.HQ);
        String staff = fixtures.account(se.skanna.staff.Role.STAFF, store.id());
        se.skanna.console.ConsoleSession console = new se.skanna.console.ConsoleSession(port);
        assertThat(console.signIn(staff, TestFixtures.PASSWORD).statusCode()).isEqualTo(302);
        String page = "/console/stores/" + store.id();
        assertThat(console.get(page).statusCode()).isEqualTo(200);
        proxy.cut();

        long asked = System.nanoTime();
        java.net.http.HttpResponse<String> consolePage = console.get(page);
        assertThat(Duration.ofNanos(System.nanoTime() - asked))
                .as("a signed-in page, whose session is in the database")
                .isLessThan(ANSWER_WITHIN);
        assertThat(consolePage.statusCode()).isEqualTo(503);
        assertThat(consolePage.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(consolePage.body()).contains("Tillfälligt otillgängligt");

        assertUnavailableQuickly(() -> startTrip());
        assertUnavailableQuickly(() -> api.request("GET", "/api/v1/staff")
                .as(hq, TestFixtures.PASSWORD)
                .send());
        Timed readiness = timed(() -> api.get("/actuator/health/readiness"));
        assertThat(readiness.response().status()).isEqualTo(503);
        assertThat(readiness.took()).isLessThan(ANSWER_WITHIN);
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/stores").status())
                .as("the public status list")
                .isEqualTo(200);
        assertThat(api.get("/stores").status()).as("the public status page").isEqualTo(200);
        assertThat(api.get("/s/" + store.id()).status())
                .as("the shopper app's page")
                .isEqualTo(200);

        proxy.restore();

        assertRecovers();
        assertThat(console.get(page).statusCode())
                .as("still signed in after the outage")
                .isEqualTo(200);
    }

    @Test
    void a_frozen_database_answers_503_within_seconds_and_the_node_recovers_by_itself() throws InterruptedException {
        proxy.freeze();

        assertUnavailableQuickly(() -> startTrip());
        Timed readiness = timed(() -> api.get("/actuator/health/readiness"));
        assertThat(readiness.response().status()).isEqualTo(503);
        assertThat(readiness.took()).isLessThan(ANSWER_WITHIN);
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);

        proxy.restore();

        assertRecovers();
    }

    private Api.Response startTrip() {
        return api.request("POST", "/api/v1/trips")
                .json(Map.of("storeId", store.id()))
                .send();
    }

    private void assertUnavailableQuickly(java.util.function.Supplier<Api.Response> call) {
        Timed answer = timed(call);
        assertThat(answer.response().status()).as(answer.response().body()).isEqualTo(503);
        assertThat(answer.response().problemCode()).isEqualTo("database_unavailable");
        assertThat(answer.response().header("Retry-After")).isEqualTo("5");
        assertThat(answer.took()).isLessThan(ANSWER_WITHIN);
    }

    private void assertRecovers() throws InterruptedException {
        long until = System.nanoTime() + RECOVERS_WITHIN.toNanos();
        Api.Response last = null;
        while (System.nanoTime() < until) {
            last = startTrip();
            if (last.status() == 201 && api.get("/actuator/health/readiness").status() == 200) {
                TestFixtures.tripWith(api, store.id(), milk);
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no recovery within " + RECOVERS_WITHIN + ": " + last.status() + " " + last.body());
    }

    private record Timed(Api.Response response, Duration took) {}

    private static Timed timed(java.util.function.Supplier<Api.Response> call) {
        long start = System.nanoTime();
        Api.Response response = call.get();
        return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
    }
}
