package se.skanna.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.skanna.support.Api;
import se.skanna.support.TightLimits;

/**
 * The status page's live stream under abuse (here: 2 listeners per client address, 4 per node, heartbeats every
 * 200 ms, a write stuck for 1 s drops its listener), with raw sockets as the clients: one that reads, one that
 * stops reading, one that goes away.
 */
@TightLimits
class StoreEventStreamTest {

    @LocalServerPort
    int port;

    @Autowired
    StoreEventStream stream;

    final List<Socket> opened = new ArrayList<>();

    /** Not the common pool: with one core it would run the reader and the broadcast one after the other. */
    final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeEach
    void noListenersLeft() {
        eventually(Duration.ofSeconds(10), () -> stream.listeners() == 0, "listeners of earlier tests are gone");
    }

    @AfterEach
    void closeAll() throws IOException {
        for (Socket socket : opened) {
            socket.close();
        }
        threads.shutdownNow();
    }

    /** Opens {@code /stores/events} from {@code from}; with {@code receiveBuffer} > 0 the socket's buffer is tiny. */
    Socket open(InetAddress from, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        opened.add(socket);
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        socket.getOutputStream()
                .write(("GET /stores/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Reads lines until one contains {@code marker}; the lines read, in order. */
    static List<String> readUntil(BufferedReader in, String marker) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            lines.add(line);
            if (line.contains(marker)) {
                return lines;
            }
        }
        throw new AssertionError("stream ended before " + marker + ": " + lines);
    }

    /** A refused subscription's answer; a stream that is let in fails the test (and is closed) at once. */
    record Refusal(int status, String contentType, String retryAfter, String body) {}

    Refusal subscribe(InetAddress from) throws IOException {
        Socket socket = open(from, 0);
        BufferedReader in = reader(socket);
        String statusLine = in.readLine();
        Map<String, String> headers = new HashMap<>();
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            int colon = line.indexOf(':');
            headers.put(
                    line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).strip());
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        if (status == 200) {
            socket.close();
            throw new AssertionError("the stream was let in: " + statusLine);
        }
        String body;
        if (headers.containsKey("content-length")) {
            char[] chars = new char[Integer.parseInt(headers.get("content-length"))]; // the detail is ASCII
            int read = 0;
            while (read < chars.length) {
                int n = in.read(chars, read, chars.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            body = new String(chars, 0, read);
        } else {
            body = String.join("", readUntil(in, "}"));
        }
        socket.close();
        return new Refusal(status, headers.get("content-type"), headers.get("retry-after"), body);
    }

    static void eventually(Duration within, BooleanSupplier condition, String what) {
        long end = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static void assertUnavailable(Refusal answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body()).contains("\"code\":\"service_unavailable\"");
        assertThat(answer.retryAfter()).isEqualTo("30");
    }

    @Test
    void one_address_gets_only_so_many_streams_and_the_node_only_so_many_in_all() throws IOException {
        InetAddress greedy = Api.freshAddress();
        InetAddress other = Api.freshAddress();
        for (int i = 0; i < 2; i++) {
            assertThat(readUntil(reader(open(greedy, 0)), "event:ready").getFirst())
                    .isEqualTo("HTTP/1.1 200 ");
        }

        Refusal third = subscribe(greedy);
        for (int i = 0; i < 2; i++) {
            readUntil(reader(open(other, 0)), "event:ready");
        }
        Refusal overNode = subscribe(Api.freshAddress());

        assertUnavailable(third);
        assertUnavailable(overNode);
        assertThat(stream.listeners()).isEqualTo(4);
        opened.getFirst().close();
        // the node notices a closed client at a write that fails (a heartbeat), which a busy CI machine may delay
        eventually(Duration.ofSeconds(15), () -> stream.listeners() == 3, "a closed stream frees its place");
        assertThat(readUntil(reader(open(greedy, 0)), "event:ready").getFirst()).isEqualTo("HTTP/1.1 200 ");
    }

    @Test
    void an_idle_stream_gets_heartbeat_comments_and_a_client_that_went_away_is_dropped() throws IOException {
        Socket socket = open(Api.freshAddress(), 0);
        BufferedReader in = reader(socket);
        readUntil(in, "event:ready");

        List<String> idle = readUntil(in, ":keep-alive");
        socket.close();

        assertThat(idle).anyMatch(line -> line.equals(":keep-alive"));
        eventually(Duration.ofSeconds(5), () -> stream.listeners() == 0, "the gone client is dropped");
    }

    @Test
    void a_client_that_stops_reading_neither_holds_up_the_broadcast_nor_the_others_and_is_dropped() throws Exception {
        open(Api.freshAddress(), 1024); // sends its request, then never reads a byte
        BufferedReader reading = reader(open(Api.freshAddress(), 0));
        readUntil(reading, "event:ready");
        eventually(Duration.ofSeconds(5), () -> stream.listeners() == 2, "both listen");
        CompletableFuture<List<String>> received = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return readUntil(reading, "\"id\":\"s-live-2000\"");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                threads);
        String message = "x".repeat(4000);

        long started = System.nanoTime();
        CompletableFuture<Void> broadcast = CompletableFuture.runAsync(
                () -> {
                    for (int i = 1; i <= 2000; i++) {
                        stream.onStoreChanged(new StoreChanged(
                                new Store(
                                        "s-live-" + i,
                                        "Butik " + i,
                                        "Ort",
                                        "Län",
                                        StoreStatus.APP_ONLY,
                                        message,
                                        Instant.parse("2026-12-01T10:00:00Z")),
                                i));
                    }
                },
                threads);
        broadcast.get(10, TimeUnit.SECONDS);
        long broadcastMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(broadcastMillis)
                .as("8 MB to two listeners, one of them stuck")
                .isLessThan(10_000);
        List<String> lines = received.get(20, TimeUnit.SECONDS);
        assertThat(lines.getLast())
                .as("the reading listener got the last change")
                .startsWith("data:{\"id\":\"s-live-2000\"");
        // only this test's stores: on a shared database other tests' store changes reach the stream too
        assertThat(lines.stream()
                        .filter(line -> line.startsWith("data:{\"id\":\"s-live-"))
                        .count())
                .as("and every change before it")
                .isEqualTo(2000);
        eventually(Duration.ofSeconds(10), () -> stream.listeners() == 1, "the stuck listener is dropped");
    }
}
