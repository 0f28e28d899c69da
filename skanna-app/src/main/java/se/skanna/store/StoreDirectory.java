package se.skanna.store;

import java.util.Set;
import org.springframework.stereotype.Component;
import se.skanna.staff.KnownStores;

/** Tells the staff module which stores exist, straight from the table (not the status-page snapshot). */
@Component
class StoreDirectory implements KnownStores {

    private final StoreRepository stores;

    StoreDirectory(StoreRepository stores) {
        this.stores = stores;
    }

    @Override
    public long countKnown(Set<String> storeIds) {
        return storeIds.isEmpty() ? 0 : stores.countKnown(storeIds);
    }
}
