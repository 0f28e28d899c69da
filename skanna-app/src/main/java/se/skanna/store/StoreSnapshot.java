package se.skanna.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The whole store network held in memory: the public list and status page are read far more often than
 * stores change, so reads never touch the database. Refreshed right after a local change commits and on
 * a short interval so that changes made on other nodes show up too; every difference is published as a
 * {@link StoreChanged} event.
 */
@Component
class StoreSnapshot {

    private final StoreRepository stores;
    private final ApplicationEventPublisher events;
    private volatile View view = new View(Map.of(), 0);

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
        if (current.revision() == 0) {
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

    synchronized void refresh() {
        View previous = view;
        Map<String, Store> loaded = new LinkedHashMap<>();
        for (Store store : stores.findAll()) {
            loaded.put(store.id(), store);
        }
        List<Store> changed = new ArrayList<>();
        for (Store store : loaded.values()) {
            if (!Objects.equals(previous.byId().get(store.id()), store)) {
                changed.add(store);
            }
        }
        boolean removed = !loaded.keySet().containsAll(previous.byId().keySet());
        if (previous.revision() > 0 && changed.isEmpty() && !removed) {
            return;
        }
        long revision = previous.revision() + 1;
        view = new View(Collections.unmodifiableMap(loaded), revision);
        if (previous.revision() > 0) {
            changed.forEach(store -> events.publishEvent(new StoreChanged(store, revision)));
        }
    }
}
