package se.skanna.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import se.skanna.shared.ClusterSignals;

/**
 * The whole store network held in memory: the public list and status page are read far more often than
 * stores change, so reads never touch the database. Refreshed right after a local change commits, at once when
 * another node signals a change (PostgreSQL LISTEN/NOTIFY), and on a short interval as a safety net; every
 * difference is published as a {@link StoreChanged} event.
 */
@Component
class StoreSnapshot {

    private final StoreRepository stores;
    private final ApplicationEventPublisher events;
    private volatile View view = null;

    /** The stores and the chain's revision from the database (the same on every node and after a restart). */
    record View(Map<String, Store> byId, long revision) {
        List<Store> all() {
            return List.copyOf(byId.values());
        }
    }

    StoreSnapshot(StoreRepository stores, ApplicationEventPublisher events) {
        this.stores = stores;
        this.events = events;
    }

    View view() {
        View current = view;
        if (current == null) {
            refresh();
            current = view;
        }
        return current;
    }

    Optional<Store> find(String id) {
        return Optional.ofNullable(view().byId().get(id));
    }

    @Scheduled(fixedDelayString = "${skanna.stores.refresh-interval:2s}")
    void scheduledRefresh() {
        refresh();
    }

    /** Reloads the stores when the chain's revision has moved: one cheap query when nothing has changed. */
    synchronized void refresh() {
        View previous = view;
        if (previous != null && stores.revision() == previous.revision()) {
            return;
        }
        StoreRepository.Everything everything = stores.findAll();
        Map<String, Store> loaded = new LinkedHashMap<>();
        for (Store store : everything.stores()) {
            loaded.put(store.id(), store);
        }
        long revision = everything.revision();
        view = new View(Collections.unmodifiableMap(loaded), revision);
        if (previous == null) {
            return;
        }
        List<Store> changed = new ArrayList<>();
        for (Store store : loaded.values()) {
            if (!Objects.equals(previous.byId().get(store.id()), store)) {
                changed.add(store);
            }
        }
        changed.forEach(store -> events.publishEvent(new StoreChanged(store, revision)));
    }

    /** Another node changed a store (PostgreSQL NOTIFY): catch up now rather than at the next poll. */
    @EventListener
    void onClusterSignal(ClusterSignals.Signal signal) {
        if (signal.concerns(ClusterSignals.STORES)) {
            refresh();
        }
    }
}
