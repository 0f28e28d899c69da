package se.skanna;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import se.skanna.shared.ClusterSignals;
import se.skanna.staff.Role;
import se.skanna.staff.StaffAccounts;
import se.skanna.store.Store;
import se.skanna.store.StoreNetwork;
import se.skanna.store.StoreStatus;
import se.skanna.support.Api;
import se.skanna.support.SkannaNode;
import se.skanna.support.TestFixtures;

/**
 * Two Skanna nodes on one PostgreSQL schema, as behind a load balancer. Their safety-net polls are set to ten
 * minutes, so whatever reaches the other node within a second came through LISTEN/NOTIFY. Runs in the suite's
 * PostgreSQL pass.
 */
@EnabledIfEnvironmentVariable(named = "SPRING_DATASOURCE_URL", matches = "jdbc:postgresql:.*")
class MultiNodeTest {

    private static final Duration WITHIN = Duration.ofSeconds(1);
    private static String schema;
    private static SkannaNode a;
    private static SkannaNode b;

    @BeforeAll
    static void startTwoNodes() throws SQLException {
        schema = "skanna_nodes_" + UUID.randomUUID().toString().substring(0, 8);
        admin("create schema " + schema);
        Map<String, String> settings = Map.of(
                "spring.datasource.url", withSchema(System.getenv("SPRING_DATASOURCE_URL"), schema),
                "skanna.stores.refresh-interval", "10m",
                "skanna.catalog.refresh-interval", "10m",
                "skanna.demo.enabled", "true");
        // both at the same moment on an empty schema: migrations, demo chain and admin account exactly once
        CompletableFuture<SkannaNode> first = CompletableFuture.supplyAsync(() -> SkannaNode.start(settings));
        CompletableFuture<SkannaNode> second = CompletableFuture.supplyAsync(() -> SkannaNode.start(settings));
        a = first.join();
        b = second.join();
        awaitListening(a);
        awaitListening(b);
    }

    @Test
    void two_nodes_started_at_the_same_moment_load_the_demo_chain_once() throws SQLException {
        assertThat(count("store where id like 's%'"))
                .as("the demo chain of its seed")
                .isEqualTo(801);
        assertThat(count("catalog_import where imported_by = 'demo'")).isEqualTo(1);
        assertThat(count("staff_account where username = 'admin'")).isEqualTo(1);
    }

    private static long count(String from) throws SQLException {
        String url = withSchema(System.getenv("SPRING_DATASOURCE_URL"), schema);
        try (Connection connection = DriverManager.getConnection(
                        url,
                        System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "postgres"),
                        System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", ""));
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("select count(*) from " + from)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @AfterAll
    static void stopNodes() throws SQLException {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        admin("drop schema if exists " + schema + " cascade");
    }

    @Test
    void a_status_change_on_one_node_reaches_a_live_status_page_of_the_other_within_a_second() throws Exception {
        Store store = store();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> stream = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + b.port() + "/stores/events"))
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        CompletableFuture<Instant> arrived = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = events.readLine()) != null; ) {
                    if (line.startsWith("data:") && line.contains(store.id()) && line.contains("APP_ONLY")) {
                        return Instant.now();
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            throw new AssertionError("stream ended");
        });
        Thread.sleep(200); // the stream is open before the change
        String hq = account(Role.HQ);

        Api.Response change = a.api()
                .request("PUT", "/api/v1/stores/" + store.id() + "/status")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("status", "APP_ONLY", "message", "Kassorna ligger nere"))
                .send();
        Instant committed = Instant.now();
        assertThat(change.status()).as(change.body()).isEqualTo(200);

        Instant seen = arrived.get(5, TimeUnit.SECONDS);
        assertThat(Duration.between(committed, seen))
                .as("from A's answer (the change committed) to B's event")
                .isLessThan(WITHIN);
        stream.body().close();
    }

    @Test
    void both_nodes_derive_the_same_etag_from_the_database_and_neither_answers_304_to_a_stale_one()
            throws InterruptedException {
        Store store = store();
        awaitSameEtag();
        String before = a.api().get("/api/v1/stores").header("ETag");

        a.api()
                .request("PUT", "/api/v1/stores/" + store.id() + "/status")
                .as(account(Role.HQ), TestFixtures.PASSWORD)
                .json(Map.of("status", "CLOSED"))
                .send();

        String after = awaitSameEtag();
        assertThat(after).isNotEqualTo(before);
        Api.Response stale = b.api()
                .request("GET", "/api/v1/stores")
                .header("If-None-Match", before)
                .send();
        assertThat(stale.status()).isEqualTo(200);
        Api.Response fresh = b.api()
                .request("GET", "/api/v1/stores")
                .header("If-None-Match", after)
                .send();
        assertThat(fresh.status()).isEqualTo(304);
    }

    @Test
    void a_catalog_import_on_one_node_prices_scans_on_the_other_within_a_second() throws InterruptedException {
        Store store = store();
        String milk = TestFixtures.gtin();
        Api.Response imported = a.api()
                .request("POST", "/api/v1/catalog/imports")
                .as(account(Role.HQ), TestFixtures.PASSWORD)
                .json(Map.of("products", List.of(TestFixtures.product(milk, "Mellanmjölk 1 l", 1795))))
                .send();
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        long importedAt = System.nanoTime();

        int lookup;
        do {
            lookup = b.api()
                    .get("/api/v1/stores/" + store.id() + "/products/" + milk)
                    .status();
            if (lookup == 200) {
                break;
            }
            Thread.sleep(50);
        } while (System.nanoTime() - importedAt < WITHIN.toNanos());
        assertThat(lookup).as("the product on the other node within " + WITHIN).isEqualTo(200);
    }

    private String awaitSameEtag() throws InterruptedException {
        long until = System.nanoTime() + WITHIN.toNanos();
        String etagA;
        String etagB;
        do {
            etagA = a.api().get("/api/v1/stores").header("ETag");
            etagB = b.api().get("/api/v1/stores").header("ETag");
            if (etagA != null && etagA.equals(etagB)) {
                return etagA;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < until);
        throw new AssertionError("ETags differ: " + etagA + " on A, " + etagB + " on B");
    }

    private static Store store() {
        Store store = new Store(
                TestFixtures.unique("n"), "Matboden Nod", "Nodby", "Nodlän", StoreStatus.OPEN, null, Instant.now());
        a.bean(StoreNetwork.class).register(List.of(store));
        return store;
    }

    private static String account(Role role) {
        String username = TestFixtures.unique("hq-");
        a.bean(StaffAccounts.class).create(username, TestFixtures.PASSWORD, role, Set.of());
        return username;
    }

    private static void awaitListening(SkannaNode node) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!node.bean(ClusterSignals.class).listening()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("node on port " + node.port() + " is not listening for signals");
            }
            Thread.onSpinWait();
        }
    }

    private static String withSchema(String url, String schema) {
        String base = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        return base + "?currentSchema=" + schema;
    }

    private static void admin(String sql) throws SQLException {
        String url = System.getenv("SPRING_DATASOURCE_URL");
        String base = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        try (Connection connection = DriverManager.getConnection(
                        base,
                        System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "postgres"),
                        System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", ""));
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
