package se.skanna.pricing;

import java.util.Objects;
import java.util.Optional;
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

    /** The largest group an N-item offer may have (the engine keeps a group's progress in 8 bits). */
    public static final int MAX_GROUP = 100;
    /** The largest percentage off: 100 % would make the item free, which is a data error, not an offer. */
    public static final int MAX_PERCENT = 99;
    /** The largest limit per trip (the engine counts an offer's applications in 16 bits). */
    public static final int MAX_LIMIT_PER_TRIP = 10_000;

    /** A term of an offer that breaks the rules of its type: which field, and the rule in words. */
    public record TermProblem(String field, String message) {}

    /**
     * The one home of the rules for an offer's terms, used by this constructor and by the catalog import (which
     * reports the problem on the field). {@code null} stands for a term that was not given; a {@code limitPerTrip}
     * of {@code null} means no limit. Prices are not checked here: any amount of at least 0 öre is a price.
     */
    public static Optional<TermProblem> problemWithTerms(
            Type type, Integer n, Integer m, Integer percent, Integer limitPerTrip) {
        TermProblem problem = switch (type) {
            case BUY_N_PAY_M ->
                n == null || n < 2 || n > MAX_GROUP
                        ? new TermProblem("n", "n is the group size, 2–" + MAX_GROUP + ".")
                        : m == null || m < 1 || m >= n
                                ? new TermProblem("m", "m is what the shopper pays for, at least 1 and less than n.")
                                : null;
            case N_FOR_PRICE ->
                n == null || n < 1 || n > MAX_GROUP
                        ? new TermProblem("n", "n is the group size, 1–" + MAX_GROUP + ".")
                        : null;
            case PERCENT_OFF ->
                percent == null || percent < 1 || percent > MAX_PERCENT
                        ? new TermProblem("percent", "percent is 1–" + MAX_PERCENT + ".")
                        : null;
            case MEMBER_PRICE -> null;
        };
        if (problem == null && limitPerTrip != null) {
            if (limitPerTrip < 1) {
                problem = new TermProblem("limitPerTrip", "A limit per trip is at least 1.");
            } else if (limitPerTrip > MAX_LIMIT_PER_TRIP) {
                problem = new TermProblem("limitPerTrip", "A limit per trip is at most " + MAX_LIMIT_PER_TRIP + ".");
            }
        }
        return Optional.ofNullable(problem);
    }

    public Promotion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        gtins = Set.copyOf(gtins);
        Optional<TermProblem> problem = problemWithTerms(
                type,
                isGroupOffer(type) ? n : null,
                type == Type.BUY_N_PAY_M ? m : null,
                type == Type.PERCENT_OFF ? percent : null,
                limitPerTrip == 0 ? null : limitPerTrip);
        if (problem.isPresent() || price < 0) {
            throw new IllegalArgumentException("invalid terms for " + type + " offer " + id + ": "
                    + problem.map(TermProblem::message).orElse("a price is at least 0 öre."));
        }
    }

    private static boolean isGroupOffer(Type type) {
        return type == Type.BUY_N_PAY_M || type == Type.N_FOR_PRICE;
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
        return isGroupOffer(type);
    }

    /** Whether a measured (weighed or price-labelled) piece may take this offer: only a percentage applies. */
    boolean takesMeasured() {
        return type == Type.PERCENT_OFF;
    }
}
