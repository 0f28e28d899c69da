package se.skanna;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
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
import se.skanna.console.ConsoleSession;
import se.skanna.shared.ClusterSignals;
import se.skanna.staff.Role;
import se.skanna.staff.StaffAccounts;
import se.skanna.store.Store;
import se.skanna.store.StoreNetwork;
import se.skanna.store.StoreStatus;
import se.skanna.support.Api;
import se.skanna.support.PostgresSchema;
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
    private static PostgresSchema schema;
    private static SkannaNode a;
    private static SkannaNode b;

    @BeforeAll
    static void startTwoNodes() throws SQLException {
        schema = PostgresSchema.create("skanna_nodes_");
        Map<String, String> settings = Map.of(
                "spring.datasource.url", schema.url(),
                "skanna.stores.refresh-interval", "10m",
                "skanna.catalog.refresh-interval", "10m",
                "skanna.demo.enabled", "true",
                // 4 trip starts per client address, then 1 a minute, counted across both nodes
                "skanna.trips.start-burst-per-client", "4",
                "skanna.trips.starts-per-minute-per-client", "1",
                // two wrong passwords free, then a wait of a minute, counted across both nodes
                "skanna.sign-in.account.free-failures", "2",
                "skanna.sign-in.first-delay", "60s");
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
        assertThat(schema.count("store where id like 's%'"))
                .as("the demo chain of its seed")
                .isEqualTo(801);
        assertThat(schema.count("catalog_import where imported_by = 'demo'")).isEqualTo(1);
        assertThat(schema.count("staff_account where username = 'admin'")).isEqualTo(1);
    }

    @AfterAll
    static void stopNodes() throws SQLException {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (schema != null) {
            schema.close();
        }
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

    @Test
    void a_rate_limit_holds_across_nodes() {
        Store store = store();
        java.net.InetAddress client = Api.freshAddress();
        List<Integer> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            SkannaNode node = i % 2 == 0 ? a : b;
            answers.add(new Api(node.port(), client)
                    .request("POST", "/api/v1/trips")
                    .json(Map.of("storeId", store.id()))
                    .send()
                    .status());
        }

        assertThat(answers)
                .as("the burst of 4 is shared: alone, each node would have allowed 4")
                .containsExactly(201, 201, 201, 201, 429, 429);
    }

    @Test
    void a_console_session_opened_on_one_node_serves_the_other_and_hears_its_calls_for_staff() throws Exception {
        Store store = store();
        String staff = TestFixtures.unique("staff-");
        a.bean(StaffAccounts.class).create(staff, TestFixtures.PASSWORD, Role.STAFF, Set.of(store.id()));
        ConsoleSession onA = new ConsoleSession(a.port());
        assertThat(onA.signIn(staff, TestFixtures.PASSWORD).statusCode()).isEqualTo(302);
        ConsoleSession onB = onA.on(b.port());
        String page = "/console/stores/" + store.id();

        assertThat(onB.get(page).statusCode()).as("signed in on A, served by B").isEqualTo(200);
        try (ConsoleSession.Events events = onB.events(page + "/events")) {
            assertThat(events.await("ready", WITHIN)).isTrue();
            Api shopper = new Api(a.port(), Api.freshAddress());
            String[] trip = TestFixtures.tripWith(shopper, store.id(), product(shopper));
            Api.Response called = shopper.request("POST", "/api/v1/trips/" + trip[0] + "/assistance")
                    .header("Authorization", "Bearer " + trip[1])
                    .json(Map.of())
                    .send();
            assertThat(called.status()).as(called.body()).isIn(200, 201);

            assertThat(events.await("floor", WITHIN))
                    .as("a call for staff on A reaches B's staff page within a second")
                    .isTrue();
        }
        assertThat(onB.post(
                                "/logout",
                                Map.of(
                                        "_csrf",
                                        ConsoleSession.csrf(onB.get(page).body())))
                        .statusCode())
                .isEqualTo(302);
        assertThat(onA.get(page).statusCode())
                .as("signed out on B, signed out on A too")
                .isEqualTo(302);
    }

    @Test
    void a_sale_on_one_node_reaches_the_staff_page_on_the_other_within_a_second() throws Exception {
        Store store = store();
        String staff = TestFixtures.unique("staff-");
        a.bean(StaffAccounts.class).create(staff, TestFixtures.PASSWORD, Role.STAFF, Set.of(store.id()));
        ConsoleSession onB = new ConsoleSession(b.port());
        assertThat(onB.signIn(staff, TestFixtures.PASSWORD).statusCode()).isEqualTo(302);
        Api shopper = new Api(a.port(), Api.freshAddress());
        String[] trip = TestFixtures.tripWith(shopper, store.id(), product(shopper));

        try (ConsoleSession.Events events = onB.events("/console/stores/" + store.id() + "/events")) {
            assertThat(events.await("ready", WITHIN)).isTrue();
            assertThat(checkout(shopper, trip, "key-" + UUID.randomUUID()).status())
                    .isEqualTo(200);

            assertThat(events.await("floor", WITHIN))
                    .as("ReceiptIssued on A, after commit, announced to B's staff page")
                    .isTrue();
        }
        String publications = "event_publication where serialized_event like '%" + store.id() + "%'";
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        while (schema.count(publications) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(schema.count(publications))
                .as("the publication was handled and deleted")
                .isZero();
    }

    @Test
    void wrong_passwords_spread_over_both_nodes_count_as_one_guesser() {
        Store store = store();
        String manager = TestFixtures.unique("manager-");
        a.bean(StaffAccounts.class).create(manager, TestFixtures.PASSWORD, Role.MANAGER, Set.of(store.id()));
        String path = "/api/v1/stores/" + store.id() + "/journal/verification";

        List<Integer> guesses = List.of(
                a.api().request("GET", path).as(manager, "guess-1").send().status(),
                b.api().request("GET", path).as(manager, "guess-2").send().status(),
                a.api().request("GET", path).as(manager, "guess-3").send().status());
        Api.Response right =
                b.api().request("GET", path).as(manager, TestFixtures.PASSWORD).send();

        assertThat(guesses).containsExactly(401, 401, 401);
        assertThat(right.status()).as("B counts A's failures too").isEqualTo(429);
        assertThat(right.problemCode()).isEqualTo("sign_in_throttled");
    }

    @Test
    void one_idempotency_key_sent_to_both_nodes_at_once_pays_once() throws Exception {
        Store store = store();
        Api onA = new Api(a.port(), Api.freshAddress());
        Api onB = new Api(b.port(), Api.freshAddress());
        String[] trip = TestFixtures.tripWith(onA, store.id(), product(onA));
        String key = "key-" + UUID.randomUUID();

        CompletableFuture<Api.Response> first = CompletableFuture.supplyAsync(() -> checkout(onA, trip, key));
        CompletableFuture<Api.Response> second = CompletableFuture.supplyAsync(() -> checkout(onB, trip, key));

        assertThat(List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS)))
                .extracting(Api.Response::status)
                .containsOnly(200);
        assertThat(schema.count("payment where trip_id = '" + trip[0] + "'")).isEqualTo(1);
        assertThat(schema.count("receipt where trip_id = '" + trip[0] + "'")).isEqualTo(1);
    }

    @Test
    void an_exit_pass_used_on_one_node_is_refused_on_the_other() {
        Store store = store();
        Api onA = new Api(a.port(), Api.freshAddress());
        String[] trip = TestFixtures.tripWith(onA, store.id(), product(onA));
        assertThat(checkout(onA, trip, "key-" + UUID.randomUUID()).status()).isEqualTo(200);
        String pass = onA.request("GET", "/api/v1/trips/" + trip[0] + "/exit-pass")
                .header("Authorization", "Bearer " + trip[1])
                .send()
                .json()
                .get("token")
                .asString();
        String staff = TestFixtures.unique("staff-");
        a.bean(StaffAccounts.class).create(staff, TestFixtures.PASSWORD, Role.STAFF, Set.of(store.id()));

        Api.Response onFirst = verifyPass(a, staff, pass);
        Api.Response replayed = verifyPass(b, staff, pass);

        assertThat(onFirst.json().get("result").asString()).isEqualTo("PASS");
        assertThat(replayed.json().get("result").asString()).isEqualTo("INVALID");
        assertThat(replayed.json().get("reason").asString()).isEqualTo("already_used");
    }

    private static Api.Response verifyPass(SkannaNode node, String staff, String pass) {
        return node.api()
                .request("POST", "/api/v1/exit/verify")
                .as(staff, TestFixtures.PASSWORD)
                .json(Map.of("token", pass))
                .send();
    }

    private static Api.Response checkout(Api api, String[] trip, String key) {
        return api.request("POST", "/api/v1/trips/" + trip[0] + "/checkout")
                .header("Authorization", "Bearer " + trip[1])
                .header("Idempotency-Key", key)
                .json(Map.of("method", "test"))
                .send();
    }

    /** A product of its own, imported through {@code api}'s node: its GTIN. */
    private static String product(Api api) {
        String milk = TestFixtures.gtin();
        Api.Response imported = api.request("POST", "/api/v1/catalog/imports")
                .as(account(Role.HQ), TestFixtures.PASSWORD)
                .json(Map.of("products", List.of(TestFixtures.product(milk, "Mellanmjölk 1 l", 1795))))
                .send();
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        return milk;
    }

    @Test
    void a_receipt_signed_on_one_node_verifies_on_the_other() {
        Store store = store();
        Api onA = new Api(a.port(), Api.freshAddress());
        String[] trip = TestFixtures.tripWith(onA, store.id(), product(onA));
        Api.Response paid = checkout(onA, trip, "key-" + UUID.randomUUID());
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        String receiptId = onA.request("GET", "/api/v1/trips/" + trip[0] + "/receipt")
                .header("Authorization", "Bearer " + trip[1])
                .send()
                .json()
                .get("receiptId")
                .asString();

        Api.Response verified =
                new Api(b.port(), Api.freshAddress()).get("/api/v1/receipts/" + receiptId + "/verification");

        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().get("valid").asBoolean()).as(verified.body()).isTrue();
        assertThat(b.api().get("/api/v1/keys/signing").json().get("keyId").asString())
                .isEqualTo(
                        a.api().get("/api/v1/keys/signing").json().get("keyId").asString());
    }

    @Test
    void a_node_with_another_signing_key_refuses_to_start(@org.junit.jupiter.api.io.TempDir java.nio.file.Path keys) {
        Map<String, String> settings = Map.of(
                "spring.datasource.url", schema.url(),
                "skanna.signing.key-file", keys.resolve("other-ed25519.pk8").toString(),
                "skanna.signing.rotate", "false");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SkannaNode.start(settings))
                .hasStackTraceContaining("but the chain signs with key")
                .hasStackTraceContaining("SKANNA_SIGNING_KEY");
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
}
