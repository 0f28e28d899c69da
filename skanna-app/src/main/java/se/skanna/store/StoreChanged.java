package se.skanna.store;

/** Published after a store's status or message changed, on this node or (seen by polling) on another. */
public record StoreChanged(Store store, long revision) {}
