package se.skanna.trip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.skanna.gs1.CheckDigits;
import se.skanna.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * Every scan, change and removal is durable before it is acknowledged. Skanna runs here as a child JVM on the
 * demo data, is killed with SIGKILL right after its last acknowledged answer (no shutdown of any kind) and is
 * started again on the same database: the cart holds exactly the acknowledged lines. The database is a fresh
 * embedded H2 file database with the default settings of {@code application.yml}, or, when
 * {@code SPRING_DATASOURCE_URL} names a PostgreSQL database, a fresh schema of its own there.
 */
class TripCrashTest {

    private static final Duration READY_WITHIN = Duration.ofSeconds(90);
    private static final Duration DIES_WITHIN = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 80;

    /** Demo catalog: Mellanmjölk 1,5 % 1 l, 17,95 kr. */
    private static final String MILK = "7310865004703";
    /** Demo catalog: Coca-Cola 33 cl burk, 13,95 kr plus 2 kr deposit; in no offer. */
    private static final String COLA = "7313222156008";
    /** Demo catalog: weight labels of Prästost (139 kr/kg) and Bananer (27,90 kr/kg) start with these. */
    private static final String CHEESE_LABEL = "23000001";

    private static final String BANANA_LABEL = "23000002";

    @TempDir
    Path dir;

    private final Map<String, String> childEnvironment = new HashMap<>();
    private final List<Child> children = new ArrayList<>();
    /** What each code adds to the total, deposit included, to check the acknowledged totals independently. */
    private final Map<String, Long> piecePrice = new HashMap<>();

    private String postgresUrl;
    private String schema;

    private record Child(String name, Process process, Api api, Path log) {}

    private record Trip(String id, String token) {}

    /** A cart line as far as durability goes: what was scanned and how many. */
    private record Line(String code, int quantity) {}

    @BeforeEach
    void fresh_database() throws SQLException {
        childEnvironment.put("SKANNA_ADMIN_PASSWORD", UUID.randomUUID().toString());
        String url = System.getenv("SPRING_DATASOURCE_URL");
        if (url != null && url.startsWith("jdbc:postgresql:")) {
            // a schema of its own, so the demo data loads into it as into a new installation
            postgresUrl = url;
            schema = "crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection connection = postgres();
                    Statement statement = connection.createStatement()) {
                statement.execute("create schema " + schema);
            }
            childEnvironment.put("SPRING_DATASOURCE_URL", withSchema(url, schema));
            // on PostgreSQL the money-less test method is off unless asked for
            childEnvironment.put("SKANNA_TEST_PAYMENTS", "true");
        } else {
            // the default datasource of application.yml, H2 files in a folder of its own
            childEnvironment.put("SKANNA_DATA_DIR", dir.resolve("data").toString());
        }
        piecePrice.put(MILK, 1795L);
        piecePrice.put(COLA, 1395L + 200L);
    }

    @AfterEach
    void stop_children_and_drop_schema() throws Exception {
        for (Child child : children) {
            child.process().destroyForcibly();
            child.process().waitFor(DIES_WITHIN.toSeconds(), TimeUnit.SECONDS);
        }
        if (schema != null) {
            try (Connection connection = postgres();
                    Statement statement = connection.createStatement()) {
                statement.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

    @Test
    void kill_9_right_after_the_last_acknowledged_change_and_a_restart_lose_no_line() throws Exception {
        Child first = start("first");
        Trip trip = startTrip(first.api(), openStore(first));
        List<String> codes = List.of(
                MILK,
                cheese(1300),
                COLA,
                MILK,
                bananas(1100),
                COLA,
                MILK,
                cheese(800),
                bananas(900),
                COLA,
                MILK,
                bananas(1500),
                cheese(1200),
                COLA,
                MILK,
                bananas(700),
                COLA,
                cheese(500),
                MILK,
                bananas(1000));
        Map<String, Line> acknowledged = new LinkedHashMap<>();
        List<String> lineIds = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            lineIds.add(scanAcknowledged(first, trip, i, codes.get(i), acknowledged));
        }
        String milkLine = lineIds.getFirst();
        String firstCheeseLine = lineIds.get(1);

        Api.Response changed = first.api()
                .request("PATCH", "/api/v1/trips/" + trip.id() + "/lines/" + milkLine)
                .header("Authorization", "Bearer " + trip.token())
                .json(Map.of("quantity", 3))
                .send();
        assertThat(changed.status()).as(() -> changed.body() + logs()).isEqualTo(200);
        acknowledged.put(milkLine, new Line(MILK, 3));
        assertCart(changed.json(), acknowledged);

        scanAcknowledged(first, trip, 18, codes.get(18), acknowledged);

        Api.Response removed = first.api()
                .request("DELETE", "/api/v1/trips/" + trip.id() + "/lines/" + firstCheeseLine)
                .header("Authorization", "Bearer " + trip.token())
                .send();
        assertThat(removed.status()).as(() -> removed.body() + logs()).isEqualTo(200);
        acknowledged.remove(firstCheeseLine);
        assertCart(removed.json(), acknowledged);

        String lastScanId = scanId(19);
        Api.Response last = scan(first.api(), trip, lastScanId, codes.get(19));
        int exit = kill(first);

        assertThat(last.status()).as(() -> last.body() + logs()).isEqualTo(200);
        acknowledged.put(last.json().at("/line/lineId").asString(), new Line(codes.get(19), 1));
        JsonNode acknowledgedCart = last.json().get("cart");
        assertCart(acknowledgedCart, acknowledged);
        if (!isWindows()) {
            assertThat(exit).as("exit status of a JVM killed by SIGKILL").isEqualTo(128 + 9);
        }

        Child second = start("second");
        Api.Response view = view(second.api(), trip);
        assertThat(view.status()).as(() -> view.body() + logs()).isEqualTo(200);
        assertThat(view.json().get("status").asString()).isEqualTo("OPEN");
        JsonNode cart = view.json().get("cart");
        assertCart(cart, acknowledged);
        assertThat(lines(cart).get(milkLine)).isEqualTo(new Line(MILK, 4));
        assertThat(lines(cart)).doesNotContainKey(firstCheeseLine);
        assertThat(cart).as("the cart of the last acknowledged answer").isEqualTo(acknowledgedCart);

        Api.Response replayed = scan(second.api(), trip, lastScanId, codes.get(19));
        assertThat(replayed.status()).as(() -> replayed.body() + logs()).isEqualTo(200);
        assertThat(replayed.body()).isEqualTo(last.body());
        assertThat(view(second.api(), trip).json().get("cart")).isEqualTo(acknowledgedCart);
    }

    /** Scans one code, requires the acknowledgement and records the line it names in the expected cart. */
    @Test
    void kill_9_between_the_providers_success_and_the_receipt_is_recovered_with_exactly_one_receipt() throws Exception {
        Child first = start("paying", "--skanna.payment.test.halt-after-success=true");
        String storeId = openStore(first);
        Trip trip = startTrip(first.api(), storeId);
        assertThat(scan(first.api(), trip, scanId(1), MILK).status()).isEqualTo(200);
        assertThat(scan(first.api(), trip, scanId(2), COLA).status()).isEqualTo(200);

        try {
            first.api()
                    .request("POST", "/api/v1/trips/" + trip.id() + "/checkout")
                    .header("Authorization", "Bearer " + trip.token())
                    .header("Idempotency-Key", "crash-key-1")
                    .json(Map.of("method", "test"))
                    .send();
            fail("the server should have died while paying");
        } catch (UncheckedIOException expected) {
            // the process halted after the provider said PAID, before Skanna recorded it
        }
        first.process().waitFor(DIES_WITHIN.toSeconds(), TimeUnit.SECONDS);
        assertThat(first.process().isAlive()).isFalse();

        Child second = start("recovering");
        String status = "PENDING";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!status.equals("PAID") && System.nanoTime() < deadline) {
            status = second.api()
                    .request("GET", "/api/v1/trips/" + trip.id() + "/payment")
                    .header("Authorization", "Bearer " + trip.token())
                    .send()
                    .json()
                    .get("status")
                    .asString();
            Thread.sleep(200);
        }
        assertThat(status).as(logs()).isEqualTo("PAID");
        Api.Response again = second.api()
                .request("POST", "/api/v1/trips/" + trip.id() + "/checkout")
                .header("Authorization", "Bearer " + trip.token())
                .header("Idempotency-Key", "crash-key-1")
                .json(Map.of("method", "test"))
                .send();
        assertThat(again.json().get("status").asString()).isEqualTo("PAID");
        JsonNode receipt = second.api()
                .request("GET", "/api/v1/trips/" + trip.id() + "/receipt")
                .header("Authorization", "Bearer " + trip.token())
                .send()
                .json();
        assertThat(receipt.get("total").asLong()).isEqualTo(1795 + 1395 + 200);
        String hq = childEnvironment.get("SKANNA_ADMIN_PASSWORD");
        JsonNode journal = second.api()
                .request("GET", "/api/v1/stores/" + storeId + "/journal/verification")
                .as("admin", hq)
                .send()
                .json();
        assertThat(journal.get("valid").asBoolean()).isTrue();
        assertThat(journal.get("entries").asInt()).as("exactly one receipt").isEqualTo(1);
    }

    private String scanAcknowledged(Child child, Trip trip, int n, String code, Map<String, Line> acknowledged) {
        Api.Response answer = scan(child.api(), trip, scanId(n), code);
        assertThat(answer.status())
                .as(() -> "scan " + n + " of " + code + ": " + answer.body() + logs())
                .isEqualTo(200);
        String lineId = answer.json().at("/line/lineId").asString();
        acknowledged.merge(lineId, new Line(code, 1), (line, one) -> new Line(line.code(), line.quantity() + 1));
        assertCart(answer.json().get("cart"), acknowledged);
        return lineId;
    }

    /** The cart holds exactly the expected lines, in order, and their total. */
    private void assertCart(JsonNode cart, Map<String, Line> expected) {
        assertThat(lines(cart)).containsExactlyEntriesOf(expected);
        long total = expected.values().stream()
                .mapToLong(line -> piecePrice.get(line.code()) * line.quantity())
                .sum();
        assertThat(cart.get("total").asLong()).as("total of %s", expected).isEqualTo(total);
        assertThat(cart.get("discountTotal").asLong()).isZero();
    }

    private static Map<String, Line> lines(JsonNode cart) {
        Map<String, Line> lines = new LinkedHashMap<>();
        for (JsonNode line : cart.get("lines")) {
            lines.put(
                    line.get("lineId").asString(),
                    new Line(line.get("code").asString(), line.get("quantity").asInt()));
        }
        return lines;
    }

    private String cheese(int grams) {
        return label(CHEESE_LABEL, grams, 13900);
    }

    private String bananas(int grams) {
        return label(BANANA_LABEL, grams, 2790);
    }

    /** A weight label; whole hectograms keep the expected amounts exact. */
    private String label(String prefix, int grams, long kiloPrice) {
        String code = CheckDigits.append(prefix + "%04d".formatted(grams));
        piecePrice.put(code, kiloPrice * grams / 1000);
        return code;
    }

    private static String scanId(int n) {
        return "crash-" + n;
    }

    private static Api.Response scan(Api api, Trip trip, String scanId, String code) {
        return api.request("POST", "/api/v1/trips/" + trip.id() + "/scans")
                .header("Authorization", "Bearer " + trip.token())
                .json(Map.of("scanId", scanId, "code", code))
                .send();
    }

    private static Api.Response view(Api api, Trip trip) {
        return api.request("GET", "/api/v1/trips/" + trip.id())
                .header("Authorization", "Bearer " + trip.token())
                .send();
    }

    private String openStore(Child child) {
        Api.Response stores = child.api().get("/api/v1/stores?status=OPEN");
        assertThat(stores.status()).as(() -> stores.body() + logs()).isEqualTo(200);
        assertThat(stores.json().get("stores").isEmpty())
                .as("the demo chain has open stores")
                .isFalse();
        return stores.json().at("/stores/0/id").asString();
    }

    private Trip startTrip(Api api, String storeId) {
        Api.Response started = api.request("POST", "/api/v1/trips")
                .json(Map.of("storeId", storeId))
                .send();
        assertThat(started.status()).as(() -> started.body() + logs()).isEqualTo(201);
        return new Trip(
                started.json().get("tripId").asString(),
                started.json().get("token").asString());
    }

    /** Starts Skanna as a JVM of its own on the test's database and waits until it is ready for traffic. */
    private Child start(String name, String... extraArguments) throws IOException, InterruptedException {
        int port = freePort();
        Path log = dir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(
                java(),
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                applicationClasspath(),
                "se.skanna.SkannaApplication",
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--skanna.demo.enabled=true",
                "--skanna.trips.scan-burst-per-trip=1000",
                "--spring.datasource.hikari.maximum-pool-size=4",
                "--logging.structured.format.console="));
        command.addAll(List.of(extraArguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File(isWindows() ? "NUL" : "/dev/null")));
        if (postgresUrl == null) {
            builder.environment().remove("SPRING_DATASOURCE_URL");
            builder.environment().remove("SPRING_DATASOURCE_USERNAME");
            builder.environment().remove("SPRING_DATASOURCE_PASSWORD");
        }
        builder.environment().putAll(childEnvironment);
        Child child = new Child(name, builder.start(), new Api(port), log);
        children.add(child);
        awaitReady(child);
        return child;
    }

    private void awaitReady(Child child) throws InterruptedException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (true) {
            if (!child.process().isAlive()) {
                fail("Skanna (" + child.name() + ") exited with "
                        + child.process().exitValue() + " before it was ready." + logs());
            }
            try {
                if (child.api().get("/actuator/health/readiness").status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notListeningYet) {
                // still starting
            }
            if (System.nanoTime() > deadline) {
                fail("Skanna (" + child.name() + ") was not ready within " + READY_WITHIN.toSeconds() + " s." + logs());
            }
            Thread.sleep(100);
        }
    }

    /** SIGKILL on Unix: no shutdown hook, no graceful shutdown, no database close. */
    private static int kill(Child child) throws InterruptedException {
        child.process().destroyForcibly();
        assertThat(child.process().waitFor(DIES_WITHIN.toSeconds(), TimeUnit.SECONDS))
                .as("Skanna (%s) died within %s", child.name(), DIES_WITHIN)
                .isTrue();
        return child.process().exitValue();
    }

    /** The tails of the children's logs, for failure messages. */
    private String logs() {
        StringBuilder logs = new StringBuilder();
        for (Child child : children) {
            logs.append("\n--- last lines of Skanna's log (")
                    .append(child.name())
                    .append(") ---\n");
            try {
                List<String> lines = new String(Files.readAllBytes(child.log()), StandardCharsets.UTF_8)
                        .lines()
                        .toList();
                lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())
                        .forEach(line -> logs.append(line).append('\n'));
            } catch (IOException e) {
                logs.append("(unreadable: ").append(e).append(")\n");
            }
        }
        return logs.toString();
    }

    private static String java() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElseGet(() ->
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The test's classpath without the test classes: the application and its libraries. */
    private static String applicationClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank() && !Path.of(entry).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name").startsWith("Windows");
    }

    private Connection postgres() throws SQLException {
        Properties credentials = new Properties();
        String user = System.getenv("SPRING_DATASOURCE_USERNAME");
        String password = System.getenv("SPRING_DATASOURCE_PASSWORD");
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        return DriverManager.getConnection(postgresUrl, credentials);
    }

    /** The JDBC URL with {@code currentSchema} set to the given schema, replacing any given one. */
    static String withSchema(String url, String schema) {
        String without = url.replaceAll("([?&])currentSchema=[^&]*&?", "$1").replaceAll("[?&]$", "");
        return without + (without.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
