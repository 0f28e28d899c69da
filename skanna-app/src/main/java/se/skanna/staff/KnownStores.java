package se.skanna.staff;

import java.util.Set;

/**
 * Which stores exist, as the staff module needs to know when binding accounts to stores. The store module
 * implements it: the stores are its rows, and it depends on this module, not the other way round.
 */
public interface KnownStores {

    /** How many of {@code storeIds} are stores of the chain. */
    long countKnown(Set<String> storeIds);
}
