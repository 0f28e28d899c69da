package se.skanna.console;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import se.skanna.receipt.ReceiptIssued;
import se.skanna.shared.ClusterSignals;
import se.skanna.staff.AccessPolicy;
import se.skanna.staff.Role;
import se.skanna.staff.StaffPrincipal;
import se.skanna.trip.FloorChanged;

/**
 * Tells a store's open staff pages at once that a call for staff or an age check changed, or a sale was made, on
 * this node or (through PostgreSQL NOTIFY) on another: a {@code floor} event with no content, upon which the page
 * re-reads its lists.
 * The pages' own re-read every few seconds stays as the safety net. For the store's staff, its managers and HQ;
 * at most {@code max-connections} per node and {@code max-connections-per-account}. A change only marks a page as
 * due; one write per page is in flight at a time, on a virtual thread, so a slow page never holds up the scan or
 * the call that caused the change.
 */
@Controller
class FloorEventStream implements DisposableBean {

    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> perAccount = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();
    private final AccessPolicy access;
    private final ClusterSignals signals;
    private final int maxConnections;
    private final int maxPerAccount;
    private final Duration timeout;

    FloorEventStream(
            AccessPolicy access,
            ClusterSignals signals,
            @Value("${skanna.floor.events.max-connections:2000}") int maxConnections,
            @Value("${skanna.floor.events.max-connections-per-account:10}") int maxPerAccount,
            @Value("${skanna.floor.events.timeout:30m}") Duration timeout) {
        this.access = access;
        this.signals = signals;
        this.maxConnections = maxConnections;
        this.maxPerAccount = maxPerAccount;
        this.timeout = timeout;
    }

    @GetMapping(path = "/console/stores/{storeId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> subscribe(@PathVariable String storeId) throws IOException {
        StaffPrincipal me = access.requireInStore(Role.STAFF, storeId);
        if (!admit(me.getUsername())) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header("Retry-After", "30")
                    .build();
        }
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        Listener listener = new Listener(storeId, me.getUsername(), emitter);
        emitter.onCompletion(listener::close);
        emitter.onTimeout(listener::close);
        emitter.onError(e -> listener.close());
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

    /** Takes a place for the account, unless it or the node has none left. */
    private boolean admit(String account) {
        if (total.incrementAndGet() > maxConnections) {
            total.decrementAndGet();
            return false;
        }
        boolean[] admitted = {false};
        perAccount.compute(account, (name, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxPerAccount) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            total.decrementAndGet();
        }
        return admitted[0];
    }

    /** A change on this node, once it is committed (or at once when it ran outside a transaction). */
    @TransactionalEventListener(fallbackExecution = true)
    void onFloorChanged(FloorChanged change) {
        listeners.forEach(listener -> {
            if (change.concerns(listener.storeId)) {
                listener.offer();
            }
        });
    }

    /**
     * A sale in a store: its paid trip leaves the staff page's list of open trips. Comes after commit through the
     * event publication registry (a node that crashed first hands it on at its next start) and is announced to
     * every node, whose pages then re-read their lists.
     */
    @ApplicationModuleListener
    void onReceiptIssued(ReceiptIssued sale) {
        if (!signals.listening()) {
            onFloorChanged(new FloorChanged(sale.storeId())); // H2, or the listening connection is down
        }
        signals.announce(ClusterSignals.FLOOR, sale.storeId());
    }

    /** A change on another node. */
    @EventListener
    void onClusterSignal(ClusterSignals.Signal signal) {
        listeners.forEach(listener -> {
            if (signal.concerns(ClusterSignals.FLOOR, listener.storeId)) {
                listener.offer();
            }
        });
    }

    /** Keeps idle connections open through proxies and notices pages that went away. */
    @Scheduled(fixedDelayString = "${skanna.floor.events.heartbeat:25s}")
    void heartbeat() {
        listeners.forEach(listener ->
                writers.execute(() -> listener.send(SseEmitter.event().comment("keep-alive"))));
    }

    int listeners() {
        return listeners.size();
    }

    @Override
    public void destroy() {
        listeners.forEach(listener -> listener.emitter.complete());
        writers.shutdown();
    }

    private final class Listener {
        final String storeId;
        final String account;
        final SseEmitter emitter;
        private final AtomicBoolean due = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();

        Listener(String storeId, String account, SseEmitter emitter) {
            this.storeId = storeId;
            this.account = account;
            this.emitter = emitter;
        }

        /** Marks the page due; the write already on its way, if any, carries this change too. */
        void offer() {
            if (!closed.get() && due.compareAndSet(false, true)) {
                try {
                    writers.execute(() -> {
                        due.set(false);
                        send(SseEmitter.event().name("floor").data("{}", MediaType.APPLICATION_JSON));
                    });
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    close(); // shutting down
                }
            }
        }

        void send(SseEmitter.SseEventBuilder event) {
            if (closed.get()) {
                return;
            }
            try {
                synchronized (this) {
                    emitter.send(event);
                }
            } catch (IOException | IllegalStateException e) {
                close();
                emitter.completeWithError(e);
            }
        }

        void close() {
            if (closed.compareAndSet(false, true)) {
                listeners.remove(this);
                total.decrementAndGet();
                perAccount.computeIfPresent(account, (name, count) -> count <= 1 ? null : count - 1);
            }
        }
    }
}
