package se.skanna.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.skanna.shared.AfterCommit;
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

    /**
     * Stores matching all given filters (each may be null): status, region, and a search ({@link StoreSearch}:
     * every word must match the name, town, region, street, postcode or id, whatever the case and accents).
     */
    public List<Store> list(StoreStatus status, String region, String query) {
        StoreSearch search = StoreSearch.of(query);
        String wantedRegion = normalise(region);
        return search.filter(snapshot.view().all().stream()
                .filter(store -> status == null || store.status() == status)
                .filter(store ->
                        wantedRegion == null || normalise(store.region()).equals(wantedRegion))
                .toList());
    }

    /** Where a Swedish postcode is, judged from the stores that have it (or its first three, then two digits). */
    public java.util.Optional<GeoPoint> locate(String postcode) {
        String digits = postcode == null ? "" : postcode.replaceAll("\\s", "");
        if (!digits.matches("\\d{5}")) {
            return java.util.Optional.empty();
        }
        List<Store> located =
                snapshot.view().all().stream().filter(Store::located).toList();
        for (int length : new int[] {5, 3, 2}) {
            String prefix = digits.substring(0, length);
            List<Store> near = located.stream()
                    .filter(store -> store.postcode() != null
                            && StoreRepository.postcodeDigits(store.postcode()).startsWith(prefix))
                    .toList();
            if (!near.isEmpty()) {
                return java.util.Optional.of(GeoPoint.centre(near));
            }
        }
        return java.util.Optional.empty();
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

    /** HQ, or a manager of this store, sets its status by hand, with a message in Swedish only. */
    @Transactional
    public Store changeStatus(String storeId, String status, String message) {
        return changeStatus(storeId, status, message, null);
    }

    /**
     * HQ, or a manager of this store, sets its status by hand, with a message in Swedish and one in English
     * (either may be empty). This ends any incident's hold on the store.
     */
    @Transactional
    public Store changeStatus(String storeId, String status, String message, String messageEn) {
        StoreStatus newStatus = StoreStatus.parse(status);
        Store.Messages text = checkMessages(message, messageEn);
        StaffPrincipal caller = access.requireInStore(Role.MANAGER, storeId);
        stores.lock(storeId)
                .orElseThrow(
                        () -> new ProblemException(ErrorCode.STORE_NOT_FOUND, "There is no store " + storeId + "."));
        Instant now = clock.instant();
        stores.updateStatus(storeId, newStatus, text, null, now);
        stores.recordChange(storeId, newStatus, text, null, caller.getUsername(), now);
        log.record(
                caller,
                "STORE_STATUS_CHANGED",
                storeId,
                null,
                newStatus.name()
                        + (text.sv() == null ? "" : ": " + text.sv())
                        + (text.en() == null ? "" : " / en: " + text.en()));
        events.publishEvent(new LocalStoresChanged());
        return stores.lock(storeId).orElseThrow().store();
    }

    /** Adds stores to the network (demo data, roll-out of new stores); all or none. */
    @Transactional
    public void register(List<Store> newStores) {
        newStores.forEach(stores::insert);
        events.publishEvent(new LocalStoresChanged());
    }

    /** What an import did: stores that were new, and known stores whose details were replaced. */
    public record ImportResult(int created, int updated) {}

    /**
     * HQ imports stores: a new id is registered (open, no message), a known id gets the given name, town, region,
     * address, position and opening hours while its status stays. Checked first, all or none.
     */
    @Transactional
    ImportResult importStores(List<StoreImport.Entry> entries) {
        StaffPrincipal caller = access.requireHq();
        List<Store> checked = StoreImport.check(entries, clock.instant());
        int created = 0;
        int updated = 0;
        Instant now = clock.instant();
        for (Store store : checked) {
            if (stores.lock(store.id()).isPresent()) {
                stores.updateDetails(store, now);
                updated++;
            } else {
                stores.insert(store);
                created++;
            }
        }
        log.record(caller, "STORES_IMPORTED", null, null, created + " new, " + updated + " updated");
        events.publishEvent(new LocalStoresChanged());
        return new ImportResult(created, updated);
    }

    /** Fills in address, position and hours of known stores that have none yet (demo data from before them). */
    @Transactional
    public int fillInDetails(List<Store> details) {
        int filled = 0;
        Instant now = clock.instant();
        for (Store store : details) {
            var known = stores.lock(store.id());
            if (known.isPresent() && !known.get().store().located()) {
                Store current = known.get().store();
                stores.updateDetails(
                        current.withDetails(
                                store.street(), store.postcode(), store.lat(), store.lon(), store.openingHours()),
                        now);
                filled++;
            }
        }
        if (filled > 0) {
            events.publishEvent(new LocalStoresChanged());
        }
        return filled;
    }

    static Store.Messages checkMessages(String swedish, String english) {
        return new Store.Messages(checkMessage(swedish, "message"), checkMessage(english, "messages.en"));
    }

    static String checkMessage(String message) {
        return checkMessage(message, "message");
    }

    private static String checkMessage(String message, String field) {
        if (message == null || message.isBlank()) {
            return null;
        }
        String trimmed = message.strip();
        if (trimmed.length() > MAX_MESSAGE_LENGTH) {
            throw ProblemException.invalidField(
                    field, "The message may have at most " + MAX_MESSAGE_LENGTH + " characters.");
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

    @EventListener
    void onLocalChange(LocalStoresChanged change) {
        AfterCommit.run(snapshot::refresh);
    }
}
