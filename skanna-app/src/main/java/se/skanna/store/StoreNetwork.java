package se.skanna.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;
import se.skanna.staff.AccessPolicy;
import se.skanna.staff.ActionLog;
import se.skanna.staff.Role;
import se.skanna.staff.StaffPrincipal;

/** The chain's stores: who is open, who sells in the app only, who is closed. */
@Service
public class StoreNetwork {

    static final int MAX_MESSAGE_LENGTH = 500;

    private final StoreRepository stores;
    private final StoreSnapshot snapshot;
    private final AccessPolicy access;
    private final ApplicationEventPublisher events;
    private final ActionLog log;
    private final Clock clock;

    StoreNetwork(
            StoreRepository stores,
            StoreSnapshot snapshot,
            AccessPolicy access,
            ApplicationEventPublisher events,
            ActionLog log,
            Clock clock) {
        this.stores = stores;
        this.snapshot = snapshot;
        this.access = access;
        this.events = events;
        this.log = log;
        this.clock = clock;
    }

    /** Stores matching all given filters (each may be null): status, region, and free text over name, city and id. */
    public List<Store> list(StoreStatus status, String region, String query) {
        String needle = normalise(query);
        String wantedRegion = normalise(region);
        return snapshot.view().all().stream()
                .filter(store -> status == null || store.status() == status)
                .filter(store ->
                        wantedRegion == null || normalise(store.region()).equals(wantedRegion))
                .filter(store -> needle == null
                        || normalise(store.name()).contains(needle)
                        || normalise(store.city()).contains(needle)
                        || store.id().toLowerCase(Locale.ROOT).equals(needle))
                .toList();
    }

    /** A number that changes whenever any store changes: a cheap validator for caches. */
    public long revision() {
        return snapshot.view().revision();
    }

    public Store get(String id) {
        return snapshot.find(id)
                .orElseThrow(() -> new ProblemException(ErrorCode.STORE_NOT_FOUND, "There is no store " + id + "."));
    }

    /** How many stores the database holds now (not this node's snapshot, which may lag behind other nodes). */
    public long storedCount() {
        return stores.count();
    }

    public boolean exists(String id) {
        return snapshot.find(id).isPresent();
    }

    public List<String> regions() {
        return snapshot.view().all().stream()
                .map(Store::region)
                .distinct()
                .sorted(Comparator.comparing(r -> r.toLowerCase(Locale.forLanguageTag("sv"))))
                .toList();
    }

    public Map<StoreStatus, Long> countByStatus(List<Store> list) {
        Map<StoreStatus, Long> counts = new EnumMap<>(StoreStatus.class);
        for (StoreStatus status : StoreStatus.values()) {
            counts.put(status, 0L);
        }
        list.forEach(store -> counts.merge(store.status(), 1L, Long::sum));
        return counts;
    }

    /** HQ, or a manager of this store, sets its status by hand. This ends any incident's hold on the store. */
    @Transactional
    public Store changeStatus(String storeId, String status, String message) {
        StoreStatus newStatus = StoreStatus.parse(status);
        String text = checkMessage(message);
        StaffPrincipal caller = access.requireInStore(Role.MANAGER, storeId);
        stores.lock(storeId)
                .orElseThrow(
                        () -> new ProblemException(ErrorCode.STORE_NOT_FOUND, "There is no store " + storeId + "."));
        Instant now = clock.instant();
        stores.updateStatus(storeId, newStatus, text, null, now);
        stores.recordChange(storeId, newStatus, text, null, caller.getUsername(), now);
        log.record(caller, "STORE_STATUS_CHANGED", storeId, null, newStatus.name() + (text == null ? "" : ": " + text));
        events.publishEvent(new LocalStoresChanged());
        return stores.lock(storeId).orElseThrow().store();
    }

    /** Adds stores to the network (demo data, roll-out of new stores); all or none. */
    @Transactional
    public void register(List<Store> newStores) {
        newStores.forEach(stores::insert);
        events.publishEvent(new LocalStoresChanged());
    }

    static String checkMessage(String message) {
        if (message == null || message.isBlank()) {
            return null;
        }
        String trimmed = message.strip();
        if (trimmed.length() > MAX_MESSAGE_LENGTH) {
            throw ProblemException.invalidField(
                    "message", "The message may have at most " + MAX_MESSAGE_LENGTH + " characters.");
        }
        return trimmed;
    }

    private static String normalise(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return text.strip().toLowerCase(Locale.forLanguageTag("sv"));
    }

    /** A change committed here: refresh the snapshot at once rather than at the next poll. */
    record LocalStoresChanged() {}

    @TransactionalEventListener(fallbackExecution = true)
    void onLocalChange(LocalStoresChanged change) {
        snapshot.refresh();
    }
}
