package se.skanna.pricing;

import java.util.Objects;
import java.util.Set;

/**
 * An offer the engine may apply. Each item gets at most one offer; the engine picks the assignment with
 * the lowest cart total.
 *
 * @param n group size (BUY_N_PAY_M, N_FOR_PRICE)
 * @param m items paid for in a group (BUY_N_PAY_M)
 * @param price group price (N_FOR_PRICE) or item price (MEMBER_PRICE), in öre
 * @param percent percentage off (PERCENT_OFF)
 * @param limitPerTrip how often the offer applies in one trip: groups for N-item offers, items otherwise; 0 for
 *     no limit
 * @param gtins the products that qualify, mixed freely
 */
public record Promotion(
        String id,
        String description,
        Type type,
        int n,
        int m,
        long price,
        int percent,
        int limitPerTrip,
        Set<String> gtins) {

    public enum Type {
        /** Of every N qualifying items, the cheapest N−M are free. */
        BUY_N_PAY_M,
        /** Every N qualifying items cost {@code price} together. */
        N_FOR_PRICE,
        /** Each qualifying item costs {@code percent} % less, rounded half up to the öre. */
        PERCENT_OFF,
        /** Each qualifying item costs {@code price} when the trip has a member id. */
        MEMBER_PRICE
    }

    public Promotion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        gtins = Set.copyOf(gtins);
        boolean valid = switch (type) {
            case BUY_N_PAY_M -> n >= 2 && m >= 1 && m < n;
            case N_FOR_PRICE -> n >= 1 && price >= 0;
            case PERCENT_OFF -> percent >= 1 && percent <= 100;
            case MEMBER_PRICE -> price >= 0;
        };
        if (!valid || limitPerTrip < 0) {
            throw new IllegalArgumentException("invalid terms for " + type + " offer " + id);
        }
    }

    public static Promotion buyNPayM(String id, String description, int n, int m, Set<String> gtins) {
        return new Promotion(id, description, Type.BUY_N_PAY_M, n, m, 0, 0, 0, gtins);
    }

    public static Promotion nForPrice(String id, String description, int n, long price, Set<String> gtins) {
        return new Promotion(id, description, Type.N_FOR_PRICE, n, 0, price, 0, 0, gtins);
    }

    public static Promotion percentOff(String id, String description, int percent, Set<String> gtins) {
        return new Promotion(id, description, Type.PERCENT_OFF, 0, 0, 0, percent, 0, gtins);
    }

    public static Promotion memberPrice(String id, String description, long price, Set<String> gtins) {
        return new Promotion(id, description, Type.MEMBER_PRICE, 0, 0, price, 0, 0, gtins);
    }

    public Promotion limitedTo(int times) {
        return new Promotion(id, description, type, n, m, price, percent, times, gtins);
    }

    boolean isGroupOffer() {
        return type == Type.BUY_N_PAY_M || type == Type.N_FOR_PRICE;
    }

    /** Whether a measured (weighed or price-labelled) piece may take this offer: only a percentage applies. */
    boolean takesMeasured() {
        return type == Type.PERCENT_OFF;
    }
}
