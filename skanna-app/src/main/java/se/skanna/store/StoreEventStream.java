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
 * {@code store} event carrying the store's JSON. Connections are capped; browsers reconnect by themselves.
 */
@RestController
class StoreEventStream {

    private final Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();
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
    ResponseEntity<SseEmitter> subscribe() throws IOException {
        if (emitters.size() >= limits.maxConnections()) {
            throw new ProblemException(ErrorCode.SERVICE_UNAVAILABLE, "Too many live listeners; reload later.");
        }
        SseEmitter emitter = new SseEmitter(limits.timeout().toMillis());
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(() -> emitters.remove(emitter));
        emitter.onError(e -> emitters.remove(emitter));
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
        emitters.forEach(emitter -> send(emitter, event));
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
            emitters.remove(emitter);
            emitter.completeWithError(e);
        }
    }
}
