package se.skanna.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop checkout load: each worker starts a trip, scans a few items and pays with the test provider,
 * again and again. Reports checkouts per second and the latency of the checkout call itself (payment,
 * receipt and journal entry in one transaction, the ReceiptIssued publication), plus the whole trip. Loopback only; every loop
 * ends with the duration.
 *
 * <pre>--base=http://127.0.0.1:PORT --store=s0001 --code=7310865004703 --items=5 --concurrency=16
 * --warmup=10 --duration=30</pre>
 */
public final class CheckoutLoad {

    private static final Pattern FIELD = Pattern.compile("\"(tripId|token|status)\"\\s*:\\s*\"([^\"]*)\"");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    private CheckoutLoad(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            options.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        String base = options.getOrDefault("base", "http://127.0.0.1:8080");
        String host = URI.create(base).getHost();
        if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
            throw new IllegalArgumentException("load goes to this machine only, not " + host);
        }
        String store = options.getOrDefault("store", "s0001");
        String code = options.getOrDefault("code", "7310865004703");
        int items = Integer.parseInt(options.getOrDefault("items", "5"));
        int workers = Integer.parseInt(options.getOrDefault("concurrency", "16"));
        long warmup = Long.parseLong(options.getOrDefault("warmup", "10")) * 1_000_000_000L;
        long duration = Long.parseLong(options.getOrDefault("duration", "30")) * 1_000_000_000L;
        new CheckoutLoad(base).run(store, code, items, workers, warmup, duration);
    }

    private void run(String store, String code, int items, int workers, long warmup, long duration)
            throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup;
        long end = measureFrom + duration;
        int capacity = 2_000_000;
        long[] checkoutNanos = new long[capacity];
        long[] tripNanos = new long[capacity];
        AtomicInteger recorded = new AtomicInteger();
        LongAdder errors = new LongAdder();
        Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < workers; w++) {
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long tripStart = System.nanoTime();
                        try {
                            Map<String, String> trip = fields(
                                    send("POST", "/api/v1/trips", null, null, "{\"storeId\":\"" + store + "\"}", 201));
                            for (int i = 0; i < items; i++) {
                                send(
                                        "POST",
                                        "/api/v1/trips/" + trip.get("tripId") + "/scans",
                                        trip.get("token"),
                                        null,
                                        "{\"scanId\":\"" + UUID.randomUUID() + "\",\"code\":\"" + code + "\"}",
                                        200);
                            }
                            long checkoutStart = System.nanoTime();
                            Map<String, String> payment = fields(send(
                                    "POST",
                                    "/api/v1/trips/" + trip.get("tripId") + "/checkout",
                                    trip.get("token"),
                                    "load-" + UUID.randomUUID(),
                                    "{\"method\":\"test\"}",
                                    200));
                            long done = System.nanoTime();
                            if (!"PAID".equals(payment.get("status"))) {
                                throw new IllegalStateException("payment " + payment.get("status"));
                            }
                            if (checkoutStart >= measureFrom && done <= end) {
                                int slot = recorded.getAndIncrement();
                                if (slot < capacity) {
                                    checkoutNanos[slot] = done - checkoutStart;
                                    tripNanos[slot] = done - tripStart;
                                }
                            }
                        } catch (RuntimeException | IOException e) {
                            if (System.nanoTime() >= measureFrom) {
                                errors.increment();
                                errorKinds
                                        .computeIfAbsent(e.getMessage(), k -> new LongAdder())
                                        .increment();
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                });
            }
        }
        int n = Math.min(recorded.get(), capacity);
        long[] checkout = Arrays.copyOf(checkoutNanos, n);
        long[] trip = Arrays.copyOf(tripNanos, n);
        Arrays.sort(checkout);
        Arrays.sort(trip);
        double seconds = duration / 1e9;
        System.out.printf(
                "workers=%d items=%d checkouts=%d errors=%d checkouts/s=%.1f%n",
                workers, items, n, errors.sum(), n / seconds);
        System.out.printf(
                "checkout call ms: p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f%n",
                ms(checkout, 0.50), ms(checkout, 0.90), ms(checkout, 0.99), ms(checkout, 0.999), ms(checkout, 1.0));
        System.out.printf(
                "whole trip (start, %d scans, pay) ms: p50=%.2f p99=%.2f%n", items, ms(trip, 0.50), ms(trip, 0.99));
        errorKinds.forEach((kind, count) -> System.out.println("error: " + count.sum() + " × " + kind));
        System.out.printf(
                "RESULT workers=%d checkouts_per_s=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d%n",
                workers, n / seconds, ms(checkout, 0.50), ms(checkout, 0.99), errors.sum());
    }

    private String send(String method, String path, String token, String idempotencyKey, String body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(
                    method + " " + path.replaceAll("t-[0-9a-f-]+", "{trip}") + " → " + response.statusCode());
        }
        return response.body();
    }

    private static Map<String, String> fields(String json) {
        Map<String, String> fields = new HashMap<>();
        Matcher matcher = FIELD.matcher(json);
        while (matcher.find()) {
            fields.putIfAbsent(matcher.group(1), matcher.group(2));
        }
        return fields;
    }

    private static double ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
