package se.skanna.store;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;

/**
 * Server-sent events for the public status page: each store change is pushed to every open page as a
 * {@code store} event carrying the store's JSON ({@code ?storeId=}: only that store's, for the shopper app). Connections are capped; browsers reconnect by themselves.
 */
@RestController
class StoreEventStream {

    private final Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();
    /** Listeners that asked for one store only (the shopper app): emitter → store id. */
    private final java.util.Map<SseEmitter, String> storeOf = new ConcurrentHashMap<>();

    private final Limits limits;

    @ConfigurationProperties("skanna.stores.events")
    record Limits(Integer maxConnections, Duration timeout) {
        Limits {
            maxConnections = maxConnections == null ? 10_000 : maxConnections;
            timeout = timeout == null ? Duration.ofMinutes(30) : timeout;
        }
    }

    StoreEventStream(Limits limits) {
        this.limits = limits;
    }

    @GetMapping(path = "/stores/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> subscribe(
            @org.springframework.web.bind.annotation.RequestParam(required = false) String storeId) throws IOException {
        if (emitters.size() >= limits.maxConnections()) {
            throw new ProblemException(ErrorCode.SERVICE_UNAVAILABLE, "Too many live listeners; reload later.");
        }
        SseEmitter emitter = new SseEmitter(limits.timeout().toMillis());
        emitter.onCompletion(() -> forget(emitter));
        emitter.onTimeout(() -> forget(emitter));
        emitter.onError(e -> forget(emitter));
        if (storeId != null && !storeId.isBlank()) {
            storeOf.put(emitter, storeId);
        }
        emitters.add(emitter);
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
        emitters.forEach(emitter -> {
            String wanted = storeOf.get(emitter);
            if (wanted == null || wanted.equals(changed)) {
                send(emitter, event);
            }
        });
    }

    private void forget(SseEmitter emitter) {
        emitters.remove(emitter);
        storeOf.remove(emitter);
    }

    /** Keeps idle connections alive through proxies and notices browsers that went away. */
    @Scheduled(fixedDelayString = "${skanna.stores.events.heartbeat:20s}")
    void heartbeat() {
        SseEmitter.SseEventBuilder comment = SseEmitter.event().comment("keep-alive");
        emitters.forEach(emitter -> send(emitter, comment));
    }

    int listeners() {
        return emitters.size();
    }

    private void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            forget(emitter);
            emitter.completeWithError(e);
        }
    }
}
