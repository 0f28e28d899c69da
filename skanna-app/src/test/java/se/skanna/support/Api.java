package se.skanna.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for black-box calls against the running server, as an outside client would make them. */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient client;
    private final String base;

    public Api(int port) {
        this.base = "http://localhost:" + port;
        this.client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * A client that calls from another loopback address (127.0.0.0/8 all reaches this host), so that limits per
     * client address can be tested one client at a time.
     */
    public Api(int port, java.net.InetAddress from) {
        this.base = "http://127.0.0.1:" + port;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .localAddress(from)
                .build();
    }

    public record Response(int status, String contentType, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** The problem+json {@code code}, asserting the answer really is a problem document. */
        public String problemCode() {
            if (contentType == null || !contentType.startsWith("application/problem+json")) {
                throw new AssertionError("Not a problem+json answer (" + status + ", " + contentType + "): " + body);
            }
            return json().path("code").asString();
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger NEXT_ADDRESS =
            new java.util.concurrent.atomic.AtomicInteger(1);

    /** A loopback address (127.1.x.y) that no other client in this JVM has called from. */
    public static java.net.InetAddress freshAddress() {
        int n = NEXT_ADDRESS.getAndIncrement();
        try {
            return java.net.InetAddress.getByAddress(new byte[] {127, 1, (byte) (n >> 8), (byte) n});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client calling from an address of its own: a "different device" for limits per client address. */
    public static Api ownAddress(int port) {
        return new Api(port, freshAddress());
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    public Request request(String method, String path) {
        return new Request(method, path);
    }

    public Response get(String path) {
        return request("GET", path).send();
    }

    public final class Request {
        private final HttpRequest.Builder builder;
        private final String method;
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        Request(String method, String path) {
            this.method = method;
            this.builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        }

        public Request as(String username, String password) {
            String token =
                    Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            builder.header("Authorization", "Basic " + token);
            return this;
        }

        public Request header(String name, String value) {
            builder.header(name, value);
            return this;
        }

        public Request json(Object value) {
            return body("application/json", value instanceof String text ? text : Api.json(value));
        }

        public Request body(String contentType, String text) {
            builder.header("Content-Type", contentType);
            body = HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
            return this;
        }

        public Response send() {
            try {
                HttpResponse<String> response = client.send(
                        builder.method(method, body).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new Response(
                        response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(null),
                        response.body(),
                        response);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
