package se.skanna.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like HTTP session for console pages: a cookie jar, no redirects followed, form posts with the
 * CSRF token taken from a rendered page, as a real form would send it.
 */
public final class ConsoleSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient client;

    public ConsoleSession(int port) {
        this(
                "http://localhost:" + port,
                HttpClient.newBuilder()
                        .cookieHandler(new CookieManager())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build());
    }

    private ConsoleSession(String base, HttpClient client) {
        this.base = base;
        this.client = client;
    }

    /** The same browser (its cookies) talking to another node, as behind a balancer. */
    public ConsoleSession on(int port) {
        return new ConsoleSession("http://localhost:" + port, client);
    }

    /** Signs in through the login form; returns the answer to the form's POST. */
    public HttpResponse<String> signIn(String username, String password) {
        String token = csrf(get("/login").body());
        return post("/login", Map.of("username", username, "password", password, "_csrf", token));
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/html")
                .GET());
    }

    /** Posts a form with a CSRF token taken from {@code tokenPage} (any page of this session). */
    HttpResponse<String> postWithToken(String tokenPage, String path, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("_csrf", csrf(get(tokenPage).body()));
        return post(path, form);
    }

    public HttpResponse<String> post(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts a form with repeated fields (ticked checkboxes) and a CSRF token taken from {@code tokenPage}. */
    HttpResponse<String> postWithToken(String tokenPage, String path, List<Map.Entry<String, String>> fields) {
        List<Map.Entry<String, String>> form = new ArrayList<>(fields);
        form.add(Map.entry("_csrf", csrf(get(tokenPage).body())));
        String body = form.stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * Uploads a file as a browser's {@code multipart/form-data} form does, with the CSRF token of
     * {@code tokenPage} as a form field unless {@code tokenPage} is null.
     */
    HttpResponse<String> upload(String tokenPage, String path, String fileName, String contentType, String content) {
        String boundary = "----skanna" + UUID.randomUUID().toString().replace("-", "");
        StringBuilder body = new StringBuilder();
        if (tokenPage != null) {
            body.append("--")
                    .append(boundary)
                    .append("\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n")
                    .append(csrf(get(tokenPage).body()))
                    .append("\r\n");
        }
        body.append("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                .append(fileName)
                .append("\"\r\nContent-Type: ")
                .append(contentType)
                .append("\r\n\r\n")
                .append(content)
                .append("\r\n--")
                .append(boundary)
                .append("--\r\n");
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/html")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
    }

    /** A server-sent event stream opened with this session's cookies; close it when done. */
    public Events events(String path) {
        try {
            HttpResponse<java.util.stream.Stream<String>> response = client.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .header("Accept", "text/event-stream")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofLines());
            return new Events(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The event names of an open stream as they arrive (read on a thread of its own). */
    public static final class Events implements AutoCloseable {
        private final HttpResponse<java.util.stream.Stream<String>> response;
        private final java.util.concurrent.BlockingQueue<String> names =
                new java.util.concurrent.LinkedBlockingQueue<>();
        private final Thread reader;

        Events(HttpResponse<java.util.stream.Stream<String>> response) {
            this.response = response;
            this.reader = Thread.ofVirtual().start(() -> {
                try {
                    response.body()
                            .filter(line -> line.startsWith("event:"))
                            .forEach(line -> names.add(line.substring(6).strip()));
                } catch (RuntimeException e) {
                    // closed
                }
            });
        }

        public int status() {
            return response.statusCode();
        }

        /** Waits up to {@code within} for the next event called {@code name}; false if none came. */
        public boolean await(String name, Duration within) throws InterruptedException {
            long until = System.nanoTime() + within.toNanos();
            while (true) {
                String next =
                        names.poll(Math.max(0, until - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
                if (next == null) {
                    return false;
                }
                if (next.equals(name)) {
                    return true;
                }
            }
        }

        /** Forgets the events received so far. */
        public void drain() {
            names.clear();
        }

        @Override
        public void close() {
            response.body().close();
            reader.interrupt();
        }
    }

    public static String csrf(String page) {
        Matcher matcher = CSRF.matcher(page);
        if (!matcher.find()) {
            throw new AssertionError("no CSRF token on the page:\n" + page);
        }
        return matcher.group(1);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(
                    request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
