package se.skanna.catalog;

import java.time.Instant;
import java.util.Set;

/**
 * An offer as imported: what it gives on which products, where and when. The pricing engine decides how
 * offers combine in a cart.
 */
public record Offer(
        String id,
        String description,
        Type type,
        Integer n,
        Integer m,
        Long price,
        Integer percent,
        Integer limitPerTrip,
        Set<String> gtins,
        Set<String> storeIds,
        Instant validFrom,
        Instant validTo) {

    public enum Type {
        BUY_N_PAY_M,
        N_FOR_PRICE,
        PERCENT_OFF,
        MEMBER_PRICE
    }

    /** Whether the offer runs in this store at this moment. */
    public boolean appliesIn(String storeId, Instant at) {
        return (storeIds.isEmpty() || storeIds.contains(storeId))
                && (validFrom == null || !at.isBefore(validFrom))
                && (validTo == null || at.isBefore(validTo));
    }
}
