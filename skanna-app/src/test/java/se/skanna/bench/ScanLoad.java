package se.skanna.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load harness for shopper scans ({@code POST /api/v1/trips/{id}/scans}) against a running Skanna on 127.0.0.1.
 * Not a test: {@code bench/scans.sh} runs its {@code main}.
 *
 * <p>It first learns per code whether repeated scans merge into one line (countable goods) or add a line each
 * (weighed or price-labelled pieces), creates {@code --trips} trips and then scans round-robin across them, each
 * trip cycling through the codes. A trip retires after {@code --scans-per-trip} scans, before a line would pass
 * quantity 90 or the cart 60 lines; a fresh trip (created in the background) takes its place, so carts stay the
 * size a shopper's would be. The first trips retire after 1 to {@code --scans-per-trip} scans, spread evenly, so
 * that trips are replaced a few at a time and, once every slot has had its second trip for a while, carts are at
 * every stage of a trip; the output gives the average cart size at the measured scans.
 *
 * <p>Open loop ({@code --rate} &gt; 0): sends are scheduled at exact intervals and latency is measured from the
 * intended send time, so a stalled server shows in the latency (no coordinated omission). Closed loop
 * ({@code --rate=0}): {@code --concurrency} workers send back to back; latency is measured per request. Only the
 * requests intended after the warm-up count. Every latency is kept and the percentiles are exact.
 *
 * <pre>
 * java -cp skanna-app/target/test-classes se.skanna.bench.ScanLoad --base=http://127.0.0.1:18100 --store=s0001 \
 *   --codes=7310865004703,7364166317000,2300000112504 --trips=400 --rate=500 --duration=30 --warmup=10
 * </pre>
 *
 * The last line of the output is {@code RESULT key=value ...} for scripts.
 */
public final class ScanLoad {

    private static final int MAX_LINE_QUANTITY = 90; // the server refuses more than 99 per line
    private static final int MAX_LINES = 60;
    private static final Pattern TRIP_ID = Pattern.compile("\"tripId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern LINE_ID = Pattern.compile("\"lineId\"\\s*:");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9()]{1,100}");

    private final Options options;
    private final HttpClient client;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final TripSupply supply;
    private final Recorder recorder = new Recorder();
    private final Recorder warmupRecorder = new Recorder();
    private final AtomicLong nextSlot = new AtomicLong();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final AtomicInteger nextNode = new AtomicInteger();
    private Slot[] slots = new Slot[0];
    private List<String> plan = List.of();
    private int[] planLines = new int[0];

    private ScanLoad(Options options) {
        this.options = options;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build();
        this.supply = new TripSupply();
    }

    public static void main(String[] args) throws Exception {
        // Idle pooled connections are dropped before Tomcat's keep-alive timeout (20 s) closes them under us.
        System.setProperty("jdk.httpclient.keepalive.timeout", "10");
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ScanLoad: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        int status;
        ScanLoad load = new ScanLoad(options);
        try {
            status = load.run();
        } finally {
            load.client.shutdownNow();
            load.executor.shutdownNow();
        }
        System.exit(status);
    }

    private int run() throws InterruptedException {
        long cpuStart = processCpuNanos();
        Map<String, Boolean> measured;
        try {
            measured = probeCodes();
        } catch (SetupException e) {
            System.err.println("ScanLoad: " + e.getMessage());
            return 1;
        }
        plan = planTrip(measured);
        planLines = new int[plan.size()];
        Set<String> merged = new HashSet<>();
        for (int n = 0, lines = 0; n < plan.size(); n++) {
            String code = plan.get(n);
            lines += measured.get(code) || merged.add(code) ? 1 : 0;
            planLines[n] = lines;
        }
        int lines = planLines[plan.size() - 1];
        int maxQuantity = plan.stream()
                .filter(c -> !measured.get(c))
                .mapToInt(c -> (int) plan.stream().filter(c::equals).count())
                .max()
                .orElse(1);

        boolean open = options.rate > 0;
        System.out.printf(
                Locale.ROOT,
                "ScanLoad: %s, %d trips at a time, %d scans per trip (cart ends with %d lines, highest quantity %d),"
                        + " warm-up %d s, measured %d s, %s, store %s%n",
                open ? "open loop at " + options.rate + " scans/s" : "closed loop, " + options.concurrency + " workers",
                options.trips,
                plan.size(),
                lines,
                maxQuantity,
                options.warmup,
                options.duration,
                options.base,
                String.join(",", options.stores));
        StringBuilder codes = new StringBuilder("codes:");
        measured.forEach((code, each) ->
                codes.append(' ').append(code).append(each ? " (a line per scan)" : " (merges into one line)"));
        System.out.println(codes);
        if (open && options.rate / (double) options.trips > 4) {
            System.out.printf(
                    Locale.ROOT,
                    "WARNING: %.1f scans/s per trip is close to the server's per-trip limit (5/s); expect 429s."
                            + " Use more --trips.%n",
                    options.rate / (double) options.trips);
        }

        try {
            slots = new Slot[options.trips];
            long perSecond = open ? Math.max(1, options.rate / plan.size()) : Math.max(8, options.trips / 20);
            supply.start(perSecond * 3 + 16, options.trips);
            for (int i = 0; i < slots.length; i++) {
                // spread evenly over 1..plan size: afterwards the carts are at every stage of a trip
                slots[i] = new Slot(supply.take(), 1 + (int) ((long) i * plan.size() / slots.length));
            }
        } catch (SetupException e) {
            System.err.println("ScanLoad: " + e.getMessage());
            supply.stop();
            return 1;
        }
        System.out.printf(Locale.ROOT, "created %d trips; scanning%n", supply.created.sum());

        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long measureFrom = start + TimeUnit.SECONDS.toNanos(options.warmup);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(options.duration);
        long createdBefore = supply.created.sum();
        long unsent = open ? openLoop(start, measureFrom, end) : closedLoop(start, measureFrom, end);
        supply.stop();
        long cpu = processCpuNanos() - cpuStart;

        // The measured window ends with the run or with the last measured answer, whichever is later.
        long window = Math.max(end, recorder.lastDone.get()) - measureFrom;
        Recorder.Summary s = recorder.summary();
        double achieved = s.ok() / (window / 1e9);
        double cartLines = s.ok() == 0 ? 0.0 : recorder.lines.sum() / (double) s.ok();
        System.out.printf(
                Locale.ROOT,
                "requests sent       %d (after warm-up; %d in warm-up)%n",
                s.sent(),
                warmupRecorder.sent.sum());
        System.out.printf(Locale.ROOT, "2xx                 %d%n", s.ok());
        System.out.printf(
                Locale.ROOT,
                "non-2xx             %d%s%n",
                s.non2xx(),
                s.statuses().isEmpty() ? "" : "  " + s.statuses());
        recorder.samples.forEach((status, body) -> System.out.printf(Locale.ROOT, "  %d e.g. %s%n", status, body));
        System.out.printf(
                Locale.ROOT,
                "no answer           %d%s%n",
                s.failed(),
                s.failures().isEmpty() ? "" : "  " + s.failures());
        recorder.failureSamples.forEach(
                (reason, detail) -> System.out.printf(Locale.ROOT, "  %s e.g. %s%n", reason, detail));
        if (supply.failure != null) {
            System.out.println("trip creation failed at least once: " + supply.failure);
        }
        if (unsent > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "not sent            %d (still waiting for a place %d s after the end)%n",
                    unsent,
                    options.timeout);
        }
        Recorder.Summary w = warmupRecorder.summary();
        if (w.non2xx() + w.failed() > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "warm-up errors      %d non-2xx %s, %d no answer %s%n",
                    w.non2xx(),
                    w.statuses(),
                    w.failed(),
                    w.failures());
            warmupRecorder.failureSamples.forEach(
                    (reason, detail) -> System.out.printf(Locale.ROOT, "  %s e.g. %s%n", reason, detail));
            warmupRecorder.samples.forEach(
                    (status, body) -> System.out.printf(Locale.ROOT, "  %d e.g. %s%n", status, body));
        }
        System.out.printf(
                Locale.ROOT,
                "throughput          %.1f 2xx/s over %.2f s (offered %.1f/s)%n",
                achieved,
                window / 1e9,
                s.sent() / (options.duration * 1.0));
        if (open) {
            System.out.printf(
                    Locale.ROOT,
                    "in flight           at most %d (limit --max-in-flight=%d)%n",
                    peakInFlight.get(),
                    options.maxInFlight);
        }
        System.out.printf(
                Locale.ROOT,
                "latency ms          p50 %s  p90 %s  p99 %s  p99.9 %s  max %s  (%s, all answers)%n",
                ms(s.p50()),
                ms(s.p90()),
                ms(s.p99()),
                ms(s.p999()),
                ms(s.max()),
                open ? "from the intended send time" : "per request");
        System.out.printf(
                Locale.ROOT,
                "answers             %.0f bytes on average%n",
                s.ok() + s.non2xx() == 0 ? 0.0 : recorder.bytes.sum() / (double) (s.ok() + s.non2xx()));
        System.out.printf(
                Locale.ROOT,
                "cart                %.1f lines on average after a scan (a trip ends with %d)%n",
                cartLines,
                lines);
        System.out.printf(
                Locale.ROOT,
                "trips               %d created in all, %d while scanning (%d had to be created inline, no spare ready)%n",
                supply.created.sum(),
                supply.created.sum() - createdBefore,
                supply.inline.sum());
        System.out.printf(
                Locale.ROOT,
                "client CPU          %.1f s (%.0f%% of one CPU over warm-up and run)%n",
                cpu / 1e9,
                cpu * 100.0 / (end - start));
        if (!open && achieved / options.trips > 4) {
            System.out.printf(
                    Locale.ROOT,
                    "WARNING: %.1f scans/s per trip is close to the server's per-trip limit (5/s); use more --trips.%n",
                    achieved / options.trips);
        }
        System.out.printf(
                Locale.ROOT,
                "RESULT mode=%s target=%d sent=%d ok=%d non2xx=%d statuses=%s failed=%d failures=%s unsent=%d"
                        + " achieved=%.1f p50=%s p90=%s p99=%s p999=%s max=%s warmup_errors=%s trips=%d lines=%.1f%n",
                open ? "open" : "closed",
                options.rate,
                s.sent(),
                s.ok(),
                s.non2xx(),
                compact(s.statuses()),
                s.failed(),
                compact(s.failures()),
                unsent,
                achieved,
                ms(s.p50()),
                ms(s.p90()),
                ms(s.p99()),
                ms(s.p999()),
                ms(s.max()),
                warmupErrors(w),
                supply.created.sum(),
                cartLines);
        return 0;
    }

    /**
     * Sends at exact intervals from {@code start} until {@code end}, at most {@code --max-in-flight} at a time (a
     * send waiting for a free place still counts its latency from its intended time). Sends that are still waiting
     * a request timeout after {@code end} are given up; returns how many.
     */
    private long openLoop(long start, long measureFrom, long end) throws InterruptedException {
        Semaphore inFlight = new Semaphore(options.maxInFlight);
        double interval = 1e9 / options.rate;
        long scheduled = (long) Math.ceil((end - start) / interval);
        long giveUp = end + TimeUnit.SECONDS.toNanos(options.timeout);
        for (long i = 0; i < scheduled; i++) {
            long intended = start + (long) (i * interval);
            long now = System.nanoTime();
            while (now < intended) {
                LockSupport.parkNanos(intended - now);
                now = System.nanoTime();
            }
            if (!inFlight.tryAcquire(Math.max(0, giveUp - now), TimeUnit.NANOSECONDS)) {
                drain(inFlight, options.maxInFlight, giveUp);
                return scheduled - i;
            }
            peakInFlight.accumulateAndGet(options.maxInFlight - inFlight.availablePermits(), Math::max);
            boolean measure = intended >= measureFrom;
            executor.execute(() -> {
                try {
                    scan(intended, measure);
                } finally {
                    inFlight.release();
                }
            });
        }
        drain(inFlight, options.maxInFlight, giveUp);
        return 0;
    }

    private long closedLoop(long start, long measureFrom, long end) throws InterruptedException {
        while (System.nanoTime() < start) {
            LockSupport.parkNanos(1_000_000);
        }
        Semaphore done = new Semaphore(0);
        for (int w = 0; w < options.concurrency; w++) {
            executor.execute(() -> {
                try {
                    long now;
                    while ((now = System.nanoTime()) < end) {
                        scan(now, now >= measureFrom);
                    }
                } finally {
                    done.release();
                }
            });
        }
        drain(done, options.concurrency, end);
        return 0;
    }

    /**
     * Waits until {@code permits} are back: at most until {@code end} and a request timeout (and a little more)
     * later, by then every request has been answered or has timed out.
     */
    private void drain(Semaphore semaphore, int permits, long end) throws InterruptedException {
        long deadline = end + TimeUnit.SECONDS.toNanos(options.timeout + 5);
        if (!semaphore.tryAcquire(permits, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            System.out.println("WARNING: requests still running after the timeout; their answers are not counted.");
        }
    }

    private void scan(long intended, boolean measure) {
        Recorder target = measure ? recorder : warmupRecorder;
        Slot slot = slots[(int) Math.floorMod(nextSlot.getAndIncrement(), (long) slots.length)];
        Slot.Pick pick;
        try {
            pick = slot.next(plan, planLines, supply);
        } catch (SetupException e) {
            target.failed("trip_not_created", e.getMessage(), intended);
            return;
        }
        String body = "{\"scanId\":\"" + UUID.randomUUID() + "\",\"code\":\"" + pick.code() + "\"}";
        HttpRequest request = HttpRequest.newBuilder(pick.trip().scans())
                .timeout(Duration.ofSeconds(options.timeout))
                .header("Content-Type", "application/json")
                .header("Authorization", pick.trip().authorization())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            target.answered(response.statusCode(), response.body(), pick.lines(), intended, System.nanoTime());
        } catch (IOException e) {
            target.failed(e.getClass().getSimpleName(), e.getMessage(), intended);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            target.failed("interrupted", null, intended);
        }
    }

    /** Per code: does a second scan add a line (weighed or price-labelled piece) rather than merge? */
    private Map<String, Boolean> probeCodes() throws InterruptedException, SetupException {
        Map<String, Boolean> measured = new LinkedHashMap<>();
        for (String code : options.codes) {
            if (measured.containsKey(code)) {
                continue;
            }
            Trip trip = createTrip(options.stores.get(0));
            for (int i = 0; i < 2; i++) {
                String body = "{\"scanId\":\"probe-" + UUID.randomUUID() + "\",\"code\":\"" + code + "\"}";
                HttpResponse<String> answer = call(HttpRequest.newBuilder(trip.scans())
                        .header("Content-Type", "application/json")
                        .header("Authorization", trip.authorization())
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
                if (answer.statusCode() != 200) {
                    throw new SetupException(
                            "scanning " + code + " answered " + answer.statusCode() + ": " + abbreviate(answer.body()));
                }
            }
            HttpResponse<String> view =
                    call(HttpRequest.newBuilder(URI.create(trip.base() + "/api/v1/trips/" + trip.id()))
                            .header("Authorization", trip.authorization())
                            .GET());
            if (view.statusCode() != 200) {
                throw new SetupException("reading trip " + trip.id() + " answered " + view.statusCode());
            }
            Matcher lines = LINE_ID.matcher(view.body());
            int count = 0;
            while (lines.find()) {
                count++;
            }
            if (count != 1 && count != 2) {
                throw new SetupException(
                        "two scans of " + code + " made " + count + " lines: " + abbreviate(view.body()));
            }
            measured.put(code, count == 2);
        }
        return measured;
    }

    /** The codes one trip scans, in order: the codes round-robin while the cart stays shopper-sized. */
    private List<String> planTrip(Map<String, Boolean> measured) {
        List<String> plan = new ArrayList<>();
        Map<String, Integer> quantities = new LinkedHashMap<>();
        int lines = 0;
        for (int i = 0; plan.size() < options.scansPerTrip; i++) {
            String code = options.codes.get(i % options.codes.size());
            boolean newLine = measured.get(code) || !quantities.containsKey(code);
            int quantity = measured.get(code) ? 1 : quantities.getOrDefault(code, 0) + 1;
            if ((newLine && lines + 1 > MAX_LINES) || quantity > MAX_LINE_QUANTITY) {
                break;
            }
            lines += newLine ? 1 : 0;
            quantities.put(code, quantity);
            plan.add(code);
        }
        return List.copyOf(plan);
    }

    private Trip createTrip(String store) throws InterruptedException, SetupException {
        // several nodes: each new trip goes to the next one, and all of a trip's scans follow it there
        String base = options.bases.get(Math.floorMod(nextNode.getAndIncrement(), options.bases.size()));
        HttpResponse<String> answer;
        try {
            answer = call(HttpRequest.newBuilder(URI.create(base + "/api/v1/trips"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"storeId\":\"" + store + "\"}")));
        } catch (SetupException e) {
            throw new SetupException("starting a trip in " + store + ": " + e.getMessage());
        }
        Matcher id = TRIP_ID.matcher(answer.body());
        Matcher token = TOKEN.matcher(answer.body());
        if (answer.statusCode() != 201 || !id.find() || !token.find()) {
            throw new SetupException("starting a trip in " + store + " answered " + answer.statusCode() + ": "
                    + abbreviate(answer.body()));
        }
        return new Trip(
                id.group(1),
                "Bearer " + token.group(1),
                base,
                URI.create(base + "/api/v1/trips/" + id.group(1) + "/scans"));
    }

    private HttpResponse<String> call(HttpRequest.Builder request) throws InterruptedException, SetupException {
        try {
            return client.send(
                    request.timeout(Duration.ofSeconds(options.timeout)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SetupException(e.toString());
        }
    }

    private static long processCpuNanos() {
        return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                .getProcessCpuTime();
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, nanos < 10_000_000 ? "%.2f" : "%.1f", nanos / 1e6);
    }

    private static String compact(Map<?, Long> counts) {
        if (counts.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder();
        counts.forEach((key, count) ->
                out.append(out.isEmpty() ? "" : ",").append(key).append(':').append(count));
        return out.toString().replace(' ', '_');
    }

    private static String warmupErrors(Recorder.Summary warmup) {
        if (warmup.statuses().isEmpty()) {
            return compact(warmup.failures());
        }
        return warmup.failures().isEmpty()
                ? compact(warmup.statuses())
                : compact(warmup.statuses()) + "," + compact(warmup.failures());
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }

    /** A trip this harness started: its id, the bearer header and where its scans go. */
    private record Trip(String id, String authorization, String base, URI scans) {}

    /** A place in the round-robin: one trip at a time, replaced by a fresh one when its plan is done. */
    private static final class Slot {
        private final ReentrantLock lock = new ReentrantLock();
        private Trip trip;
        private int scans;
        private int limit;

        /** The first trip retires after {@code firstLimit} scans, so that slots retire their trips out of step. */
        Slot(Trip trip, int firstLimit) {
            this.trip = trip;
            this.limit = firstLimit;
        }

        /** The trip and code to scan, and how many lines the cart has after this scan. */
        record Pick(Trip trip, String code, int lines) {}

        Pick next(List<String> plan, int[] planLines, TripSupply supply) throws SetupException {
            lock.lock();
            try {
                if (scans == limit) {
                    trip = supply.take();
                    scans = 0;
                    limit = plan.size();
                }
                int n = scans++;
                return new Pick(trip, plan.get(n), planLines[n]);
            } finally {
                lock.unlock();
            }
        }
    }

    /** Fresh trips: created ahead by background workers, so that retiring a trip does not wait for a new one. */
    private final class TripSupply {
        private final ConcurrentLinkedQueue<Trip> spare = new ConcurrentLinkedQueue<>();
        private final LongAdder created = new LongAdder();
        private final LongAdder inline = new LongAdder();
        private final AtomicLong storeTurn = new AtomicLong();
        private final List<Thread> workers = new ArrayList<>();
        private volatile boolean running;
        private volatile String failure;

        /** Creates {@code initial} trips plus {@code spareTarget} spares, then keeps the spares topped up. */
        void start(long spareTarget, int initial) throws SetupException, InterruptedException {
            running = true;
            long wanted = initial + spareTarget;
            int parallel = 8;
            for (int w = 0; w < parallel; w++) {
                workers.add(Thread.ofVirtual().start(() -> {
                    while (running) {
                        if (spare.size() >= (created.sum() < wanted ? wanted : spareTarget)) {
                            LockSupport.parkNanos(2_000_000);
                            continue;
                        }
                        try {
                            spare.add(create());
                        } catch (SetupException e) {
                            failure = e.getMessage();
                            LockSupport.parkNanos(100_000_000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (created.sum() < wanted) {
                if (failure != null) {
                    throw new SetupException(failure);
                }
                if (System.nanoTime() > deadline) {
                    throw new SetupException("could not create " + wanted + " trips within 120 s");
                }
                Thread.sleep(10);
            }
        }

        Trip take() throws SetupException {
            Trip trip = spare.poll();
            if (trip != null) {
                return trip;
            }
            inline.increment();
            try {
                return create();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SetupException("interrupted");
            }
        }

        private Trip create() throws SetupException, InterruptedException {
            List<String> stores = options.stores;
            Trip trip = createTrip(stores.get((int) (storeTurn.getAndIncrement() % stores.size())));
            created.increment();
            return trip;
        }

        void stop() throws InterruptedException {
            running = false;
            for (Thread worker : workers) {
                worker.join(TimeUnit.SECONDS.toMillis(options.timeout + 5));
            }
        }
    }

    /** Counts and latencies of one phase (warm-up or measured). */
    private static final class Recorder {
        private final LongAdder sent = new LongAdder();
        private final LongAdder bytes = new LongAdder();
        private final LongAdder lines = new LongAdder();
        private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        private final Map<Integer, String> samples = new ConcurrentHashMap<>();
        private final Map<String, String> failureSamples = new ConcurrentHashMap<>();
        private final AtomicLong lastDone = new AtomicLong(Long.MIN_VALUE);
        private long[] latencies = new long[1 << 16];
        private int count;

        void answered(int status, byte[] body, int cartLines, long intended, long done) {
            sent.increment();
            bytes.add(body.length);
            if (status / 100 == 2) {
                lines.add(cartLines);
            }
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            if (status / 100 != 2 && !samples.containsKey(status)) {
                samples.putIfAbsent(status, abbreviate(new String(body, StandardCharsets.UTF_8)));
            }
            lastDone.accumulateAndGet(done, Math::max);
            record(done - intended);
        }

        void failed(String reason, String detail, long intended) {
            long done = System.nanoTime();
            sent.increment();
            failures.computeIfAbsent(reason, r -> new LongAdder()).increment();
            failureSamples.putIfAbsent(reason, detail == null ? "" : abbreviate(detail));
            lastDone.accumulateAndGet(done, Math::max);
            record(done - intended);
        }

        private synchronized void record(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }

        record Summary(
                long sent,
                long ok,
                long non2xx,
                Map<Integer, Long> statuses,
                long failed,
                Map<String, Long> failures,
                long p50,
                long p90,
                long p99,
                long p999,
                long max) {}

        synchronized Summary summary() {
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            Map<Integer, Long> errors = new TreeMap<>();
            long ok = 0;
            for (Map.Entry<Integer, LongAdder> e : statuses.entrySet()) {
                if (e.getKey() / 100 == 2) {
                    ok += e.getValue().sum();
                } else {
                    errors.put(e.getKey(), e.getValue().sum());
                }
            }
            Map<String, Long> failed = new TreeMap<>();
            failures.forEach((reason, n) -> failed.put(reason, n.sum()));
            return new Summary(
                    sent.sum(),
                    ok,
                    errors.values().stream().mapToLong(Long::longValue).sum(),
                    errors,
                    failed.values().stream().mapToLong(Long::longValue).sum(),
                    failed,
                    percentile(sorted, 0.50),
                    percentile(sorted, 0.90),
                    percentile(sorted, 0.99),
                    percentile(sorted, 0.999),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
        }

        /** Nearest rank: the smallest value with at least {@code p} of all values at or below it. */
        private static long percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(p * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
        }
    }

    private static final class SetupException extends Exception {
        private static final long serialVersionUID = 1L;

        SetupException(String message) {
            super(message);
        }
    }

    private record Options(
            String base,
            List<String> bases,
            List<String> stores,
            List<String> codes,
            int trips,
            int rate,
            int concurrency,
            int duration,
            int warmup,
            int scansPerTrip,
            int timeout,
            int maxInFlight) {

        static final String USAGE = "usage: ScanLoad --base=http://127.0.0.1:PORT[,http://127.0.0.1:PORT2...]"
                + " --store=s0001[,s0002...]"
                + " --codes=CODE[,CODE...] [--trips=400] [--rate=SCANS_PER_S|0] [--concurrency=64] [--duration=30]"
                + " [--warmup=10] [--scans-per-trip=80] [--timeout=10] [--max-in-flight=256]";

        private static final Set<String> KEYS = Set.of(
                "base",
                "store",
                "codes",
                "trips",
                "rate",
                "concurrency",
                "duration",
                "warmup",
                "scans-per-trip",
                "timeout",
                "max-in-flight");

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String arg : args) {
                int eq = arg.indexOf('=');
                if (!arg.startsWith("--") || eq < 0 || !KEYS.contains(arg.substring(2, eq))) {
                    throw new IllegalArgumentException("unknown argument " + arg);
                }
                values.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
            List<String> bases = new ArrayList<>();
            for (String one : required(values, "base").split(",")) {
                String base = one.strip().replaceAll("/+$", "");
                URI uri = URI.create(base);
                if (!"http".equals(uri.getScheme())
                        || !("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()))
                        || (uri.getPath() != null && !uri.getPath().isEmpty())) {
                    throw new IllegalArgumentException("--base must be http://127.0.0.1:PORT (local traffic only)");
                }
                bases.add(base);
            }
            String base = String.join(",", bases);
            List<String> stores = list(required(values, "store"), Pattern.compile("[A-Za-z0-9._-]{1,32}"), "store");
            List<String> codes = list(required(values, "codes"), CODE, "code");
            Options options = new Options(
                    base,
                    List.copyOf(bases),
                    stores,
                    codes,
                    number(values, "trips", 400, 1),
                    number(values, "rate", 0, 0),
                    number(values, "concurrency", 64, 1),
                    number(values, "duration", 30, 1),
                    number(values, "warmup", 10, 0),
                    number(values, "scans-per-trip", 80, 1),
                    number(values, "timeout", 10, 1),
                    number(values, "max-in-flight", 256, 1));
            if (options.rate > 1_000_000) {
                throw new IllegalArgumentException("--rate is at most 1,000,000");
            }
            return options;
        }

        private static String required(Map<String, String> values, String key) {
            String value = values.get(key);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("--" + key + " is required");
            }
            return value.strip();
        }

        private static List<String> list(String value, Pattern valid, String what) {
            Set<String> items = new LinkedHashSet<>();
            List<String> all = new ArrayList<>();
            for (String item : value.split(",")) {
                String trimmed = item.strip();
                if (!valid.matcher(trimmed).matches()) {
                    throw new IllegalArgumentException("not a valid " + what + ": '" + trimmed + "'");
                }
                items.add(trimmed);
                all.add(trimmed);
            }
            return List.copyOf(what.equals("code") ? all : new ArrayList<>(items));
        }

        private static int number(Map<String, String> values, String key, int fallback, int min) {
            String value = values.get(key);
            if (value == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(value.strip());
                if (n < min) {
                    throw new IllegalArgumentException("--" + key + " must be at least " + min);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + key + " is not a whole number: " + value, e);
            }
        }
    }
}
