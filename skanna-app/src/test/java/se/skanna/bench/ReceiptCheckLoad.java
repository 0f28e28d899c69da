package se.skanna.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a receipt check costs as a store's journal grows: grows one store's journal by paid trips to each size
 * in {@code --sizes}, then has {@code --threads} clients check the store's first and its newest receipt for
 * {@code --duration} seconds each (after a warm-up), and times one whole-journal check (HQ) twice: the first
 * may walk everything, the second only what came after the first. Loopback only.
 *
 * <pre>--base=http://127.0.0.1:PORT --store=s0001 --code=7310865004703 --sizes=1,600,3000 --threads=4
 * --warmup=3 --duration=10 --admin-password=…</pre>
 */
public final class ReceiptCheckLoad {

    private static final Pattern FIELD = Pattern.compile("\"(tripId|token|status|receiptId)\"\\s*:\\s*\"([^\"]*)\"");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String adminAuth;

    private ReceiptCheckLoad(String base, String adminPassword) {
        this.base = base;
        this.adminAuth = "Basic "
                + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
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
        ReceiptCheckLoad load = new ReceiptCheckLoad(base, options.getOrDefault("admin-password", ""));
        String store = options.getOrDefault("store", "s0001");
        String code = options.getOrDefault("code", "7310865004703");
        int threads = Integer.parseInt(options.getOrDefault("threads", "4"));
        long warmup = Long.parseLong(options.getOrDefault("warmup", "3"));
        long duration = Long.parseLong(options.getOrDefault("duration", "10"));
        List<String> receipts = new ArrayList<>();
        System.out.println("| entries | receipt checked | threads | checks/s | mean ms | p50 ms | p99 ms | errors |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|");
        List<String> journalRows = new ArrayList<>();
        for (String size : options.getOrDefault("sizes", "1,600,3000").split(",")) {
            int target = Integer.parseInt(size.strip());
            load.grow(store, code, receipts, target);
            load.measure(target, "first", receipts.getFirst(), threads, warmup, duration);
            load.measure(target, "newest", receipts.getLast(), threads, warmup, duration);
            String[] first = load.timeJournalCheck(store);
            String[] second = load.timeJournalCheck(store);
            journalRows.add(String.format("| %d | %s | %s | %s |", target, first[1], first[0], second[0]));
        }
        System.out.println();
        System.out.println("| receipts made | journal entries | whole-journal check, 1st call ms | 2nd call ms |");
        System.out.println("|---:|---:|---:|---:|");
        journalRows.forEach(System.out::println);
    }

    /** Pays trips in the store until it has {@code target} receipts; 8 at a time. */
    private void grow(String store, String code, List<String> receipts, int target) throws InterruptedException {
        int missing = target - receipts.size();
        if (missing <= 0) {
            return;
        }
        String[] made = new String[missing];
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int w = 0; w < 8; w++) {
                pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < missing; i = next.getAndIncrement()) {
                        made[i] = paidReceipt(store, code);
                    }
                    return null;
                });
            }
        }
        // the journal's order, not the order the workers finished in, decides first and newest: fetch numbers
        receipts.addAll(Arrays.asList(made));
        receipts.sort((a, b) -> Long.compare(number(a), number(b)));
    }

    private final Map<String, Long> numbers = new java.util.concurrent.ConcurrentHashMap<>();

    private long number(String receiptId) {
        return numbers.getOrDefault(receiptId, Long.MAX_VALUE);
    }

    private String paidReceipt(String store, String code) throws IOException, InterruptedException {
        Map<String, String> trip = fields(send("POST", "/api/v1/trips", null, "{\"storeId\":\"" + store + "\"}", 201));
        String tripPath = "/api/v1/trips/" + trip.get("tripId");
        send(
                "POST",
                tripPath + "/scans",
                trip.get("token"),
                "{\"scanId\":\"" + UUID.randomUUID() + "\",\"code\":\"" + code + "\"}",
                200);
        HttpRequest checkout = HttpRequest.newBuilder(URI.create(base + tripPath + "/checkout"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + trip.get("token"))
                .header("Idempotency-Key", "bench-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofString("{\"method\":\"test\"}"))
                .build();
        String paid = http.send(checkout, HttpResponse.BodyHandlers.ofString()).body();
        if (!"PAID".equals(fields(paid).get("status"))) {
            throw new IllegalStateException("not paid: " + paid);
        }
        String receipt = send("GET", tripPath + "/receipt", trip.get("token"), null, 200);
        String id = fields(receipt).get("receiptId");
        Matcher number = Pattern.compile("\"number\"\\s*:\\s*(\\d+)").matcher(receipt);
        if (number.find()) {
            numbers.put(id, Long.parseLong(number.group(1)));
        }
        return id;
    }

    private void measure(int entries, String which, String receiptId, int threads, long warmup, long duration)
            throws InterruptedException {
        String path = "/api/v1/receipts/" + receiptId + "/verification";
        long start = System.nanoTime();
        long measureFrom = start + warmup * 1_000_000_000L;
        long end = measureFrom + duration * 1_000_000_000L;
        long[][] samples = new long[threads][];
        int[] counts = new int[threads];
        LongAdder errors = new LongAdder();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int me = t;
                samples[me] = new long[1_000_000];
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long sent = System.nanoTime();
                        try {
                            String body = send("GET", path, null, null, 200);
                            if (!body.contains("\"valid\":true")) {
                                throw new IllegalStateException("not valid: " + body);
                            }
                        } catch (RuntimeException | IOException e) {
                            if (sent >= measureFrom) {
                                errors.increment();
                            }
                            continue;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        long done = System.nanoTime();
                        if (sent >= measureFrom && done <= end && counts[me] < samples[me].length) {
                            samples[me][counts[me]++] = done - sent;
                        }
                    }
                });
            }
        }
        int n = Arrays.stream(counts).sum();
        long[] all = new long[n];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(samples[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        double mean = n == 0 ? 0 : Arrays.stream(all).average().orElse(0) / 1e6;
        System.out.printf(
                "| %d | %s | %d | %.1f | %.2f | %.2f | %.2f | %d |%n",
                entries, which, threads, n / (double) duration, mean, ms(all, 0.50), ms(all, 0.99), errors.sum());
    }

    /** Milliseconds of one whole-journal check, and the entries it reports. */
    private String[] timeJournalCheck(String store) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/stores/" + store + "/journal/verification"))
                .timeout(Duration.ofSeconds(300))
                .header("Authorization", adminAuth)
                .GET()
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        double millis = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 200 || !response.body().contains("\"valid\":true")) {
            throw new IllegalStateException("journal check " + response.statusCode() + ": " + response.body());
        }
        Matcher entries = Pattern.compile("\"entries\"\\s*:\\s*(\\d+)").matcher(response.body());
        return new String[] {String.format("%.1f", millis), entries.find() ? entries.group(1) : "?"};
    }

    private String send(String method, String path, String token, String body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode());
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
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
