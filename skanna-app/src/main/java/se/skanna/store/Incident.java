package se.skanna.store;

import java.time.Instant;
import java.util.List;

/**
 * HQ switched a set of stores to one status in one step. Resolving it hands each store back the status
 * it had before, unless someone changed that store since. {@code message} is the Swedish text (or the English
 * one when there is no Swedish), {@code messages} has both. Serializable: the HQ console hands it to the next page as a
 * flash attribute, which lives in the (database-backed) session.
 */
public record Incident(
        String id,
        String title,
        StoreStatus status,
        String message,
        State state,
        List<String> storeIds,
        Instant declaredAt,
        String declaredBy,
        Instant resolvedAt,
        String resolvedBy,
        List<String> restoredStoreIds,
        Store.Messages messages)
        implements java.io.Serializable {

    public enum State {
        ACTIVE,
        RESOLVED
    }
}
