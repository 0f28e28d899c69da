package se.skanna.console;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import se.skanna.store.Store;
import se.skanna.store.StoreNetwork;

/**
 * Stores HQ picked by hand: ids ticked in the store table plus ids pasted as text (separated by spaces,
 * commas, semicolons or new lines), each once, in the order given; ids of no store are kept apart.
 */
record Selection(List<Store> stores, List<String> unknown) {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s,;]+");

    static Selection of(List<String> ticked, String pasted, StoreNetwork network) {
        Set<String> ids = new LinkedHashSet<>();
        if (ticked != null) {
            ticked.stream().map(String::strip).filter(id -> !id.isEmpty()).forEach(ids::add);
        }
        if (pasted != null) {
            for (String id : SEPARATORS.split(pasted.strip())) {
                if (!id.isEmpty()) {
                    ids.add(id);
                }
            }
        }
        List<Store> stores = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String id : ids) {
            if (network.exists(id)) {
                stores.add(network.get(id));
            } else {
                unknown.add(id);
            }
        }
        return new Selection(List.copyOf(stores), List.copyOf(unknown));
    }

    boolean isEmpty() {
        return stores.isEmpty() && unknown.isEmpty();
    }
}
