package se.skanna.store;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Positive;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;

/**
 * Server-sent events for the public status page: each store change is pushed to every open page as a
 * {@code store} event carrying the store's JSON ({@code ?storeId=}: only that store's, for the shopper app). Listeners are capped per client address and per node (503 with
 * {@code Retry-After} beyond); browsers reconnect by themselves.
 *
 * <p>A listener that stops reading must not hold up the others, nor the store refresh that publishes changes:
 * a broadcast only hands each listener its event, and every listener writes on a virtual thread of its own. A
 * listener keeps at most one pending event per store (the newest: the page only needs each store's latest
 * state), so a slow one costs bounded memory; one whose write has not finished within {@code send-timeout} is
 * dropped, as is one whose write fails.
 */
@RestController
class StoreEventStream implements DisposableBean {

    private static final String HEARTBEAT = "";

    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> perClient = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();
    private final Limits limits;

    /** {@code skanna.stores.events.*}: counts and durations must be positive. */
    @Validated
    @ConfigurationProperties("skanna.stores.events")
    record Limits(
            @Positive Integer maxConnections,
            @Positive Integer maxConnectionsPerClient,
            @DurationMin(millis = 1, message = POSITIVE) Duration timeout,
            @DurationMin(millis = 1, message = POSITIVE) Duration sendTimeout,
            @DurationMin(millis = 1, message = POSITIVE) Duration retryAfter) {

        static final String POSITIVE = "must be a positive duration, e.g. 10s";

        Limits {
            maxConnections = maxConnections == null ? 4_000 : maxConnections;
            maxConnectionsPerClient = maxConnectionsPerClient == null ? 20 : maxConnectionsPerClient;
            timeout = timeout == null ? Duration.ofMinutes(30) : timeout;
            sendTimeout = sendTimeout == null ? Duration.ofSeconds(10) : sendTimeout;
            retryAfter = retryAfter == null ? Duration.ofSeconds(30) : retryAfter;
        }
    }

    StoreEventStream(Limits limits) {
        this.limits = limits;
    }

    @GetMapping(path = "/stores/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> subscribe(
            HttpServletRequest request,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String storeId)
            throws IOException {
        String client = request.getRemoteAddr();
        admit(client);
        SseEmitter emitter = new SseEmitter(limits.timeout().toMillis());
        Listener listener = new Listener(emitter, client, storeId == null || storeId.isBlank() ? null : storeId);
        emitter.onCompletion(() -> listener.close(false));
        emitter.onTimeout(() -> listener.close(false));
        emitter.onError(e -> listener.close(false));
        listeners.add(listener);
        emitter.send(SseEmitter.event()
                .name("ready")
                .data("{}", MediaType.APPLICATION_JSON)
                .reconnectTime(3000));
        return ResponseEntity.ok()
                .header("Cache-Control", "no-store")
                .header("X-Accel-Buffering", "no")
                .body(emitter);
    }

    @EventListener
    void onStoreChanged(StoreChanged change) {
        SseEmitter.SseEventBuilder event = SseEmitter.event()
                .name("store")
                .id(Long.toString(change.revision()))
                .data(change.store(), MediaType.APPLICATION_JSON);
        String changed = change.store().id();
        listeners.forEach(listener -> {
            if (listener.wants(changed)) {
                listener.offer(changed, event);
            }
        });
    }

    /** Keeps idle connections alive through proxies, notices browsers that went away and drops stalled ones. */
    @Scheduled(fixedDelayString = "${skanna.stores.events.heartbeat:20s}")
    void heartbeat() {
        SseEmitter.SseEventBuilder comment = SseEmitter.event().comment("keep-alive");
        long stalledSince = System.nanoTime() - limits.sendTimeout().toNanos();
        listeners.forEach(listener -> {
            if (listener.stalledBefore(stalledSince)) {
                listener.close(true);
            } else {
                listener.offer(HEARTBEAT, comment);
            }
        });
    }

    int listeners() {
        return listeners.size();
    }

    @Override
    public void destroy() {
        listeners.forEach(listener -> listener.close(true));
        writers.shutdown();
    }

    /** Takes a place for the client, or refuses with 503 and Retry-After when it or the node has none left. */
    private void admit(String client) {
        if (total.incrementAndGet() > limits.maxConnections()) {
            total.decrementAndGet();
            throw unavailable("Too many live listeners on this server; the page still works, reload later.");
        }
        boolean[] admitted = {false};
        perClient.compute(client, (address, count) -> {
            int now = count == null ? 0 : count;
            if (now >= limits.maxConnectionsPerClient()) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            total.decrementAndGet();
            throw unavailable("Too many live listeners from this address; close other status pages or reload later.");
        }
    }

    private void release(String client) {
        perClient.computeIfPresent(client, (address, count) -> count <= 1 ? null : count - 1);
        total.decrementAndGet();
    }

    private ProblemException unavailable(String detail) {
        return new ProblemException(
                ErrorCode.SERVICE_UNAVAILABLE,
                detail,
                Map.of("retryAfter", Math.max(1, limits.retryAfter().toSeconds())));
    }

    /** One open page: its pending events (the newest per store) and the one write in progress, if any. */
    private final class Listener {

        private final SseEmitter emitter;
        private final String client;
        /** The one store this listener asked for (the shopper app), or null for all. */
        private final String storeId;

        private final AtomicBoolean closed = new AtomicBoolean();
        private final Map<String, SseEmitter.SseEventBuilder> pending = new LinkedHashMap<>();
        private boolean draining;
        private volatile long sendingSince;

        Listener(SseEmitter emitter, String client, String storeId) {
            this.emitter = emitter;
            this.client = client;
            this.storeId = storeId;
        }

        boolean wants(String changedStoreId) {
            return storeId == null || storeId.equals(changedStoreId);
        }

        void offer(String key, SseEmitter.SseEventBuilder event) {
            synchronized (this) {
                if (closed.get()) {
                    return;
                }
                pending.put(key, event);
                if (draining) {
                    return;
                }
                draining = true;
            }
            try {
                writers.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                close(false); // shutting down
            }
        }

        boolean stalledBefore(long nanos) {
            long since = sendingSince;
            return since != 0 && since - nanos < 0;
        }

        private void drain() {
            while (true) {
                SseEmitter.SseEventBuilder next;
                synchronized (this) {
                    Iterator<SseEmitter.SseEventBuilder> queued =
                            pending.values().iterator();
                    if (closed.get() || !queued.hasNext()) {
                        draining = false;
                        return;
                    }
                    next = queued.next();
                    queued.remove();
                }
                sendingSince = System.nanoTime();
                try {
                    emitter.send(next);
                } catch (IOException | RuntimeException e) {
                    close(false);
                    emitter.completeWithError(e);
                    return;
                } finally {
                    sendingSince = 0;
                }
            }
        }

        /** Stops sending to this page and frees its place; {@code complete} also ends the response. */
        void close(boolean complete) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            listeners.remove(this);
            release(client);
            synchronized (this) {
                pending.clear();
            }
            if (complete) {
                // on a thread of its own: a stalled write holds the emitter until the container gives up on it
                try {
                    writers.execute(() -> {
                        try {
                            emitter.complete();
                        } catch (RuntimeException e) {
                            // already completed or broken: nothing left to end
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // shutting down: the container ends the response
                }
            }
        }
    }
}
