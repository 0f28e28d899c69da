package se.skanna.pricing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import se.skanna.pricing.PricedCart.AppliedDiscount;
import se.skanna.pricing.PricedCart.VatSummary;
import se.skanna.pricing.Promotion.Type;

/**
 * Prices a cart: applies offers so that the shopper pays the lowest possible total, adds deposits and splits
 * the total by VAT rate. Deterministic: the same cart and offers always give the same answer, down to which
 * lines each discount names. Thread-safe and stateless. See docs/pricing.md for the algorithm.
 */
public final class PricingEngine {

    /** Prices {@code lines} with the offers that apply; member prices only when {@code member}. */
    public PricedCart price(List<CartLine> lines, List<Promotion> promotions, boolean member) {
        List<Promotion> offers = promotions.stream()
                .filter(p -> member || p.type() != Type.MEMBER_PRICE)
                .sorted(Comparator.comparing(Promotion::id))
                .toList();
        List<Unit> units = units(lines, offers);
        long[] unitDiscount = new long[units.size()];
        Map<String, Applied> applied = new HashMap<>();
        for (List<Unit> component : components(units, offers.size())) {
            new ComponentSolver(component, offers).solve(unitDiscount, applied);
        }
        return summarise(lines, offers, units, unitDiscount, applied);
    }

    /** One item of the cart: the unit offers are assigned to. */
    record Unit(int index, int line, String gtin, long price, int[] eligible) {}

    /** What one offer gave: total, applications (groups or items) and the lines it touched. */
    static final class Applied {
        long amount;
        int times;
        final Set<Integer> lines = new java.util.TreeSet<>();
    }

    private static List<Unit> units(List<CartLine> lines, List<Promotion> offers) {
        Map<String, List<Integer>> offersByGtin = new HashMap<>();
        for (int p = 0; p < offers.size(); p++) {
            for (String gtin : offers.get(p).gtins()) {
                offersByGtin.computeIfAbsent(gtin, g -> new ArrayList<>()).add(p);
            }
        }
        List<Unit> units = new ArrayList<>();
        for (int l = 0; l < lines.size(); l++) {
            CartLine line = lines.get(l);
            int[] eligible = eligible(line, offers, offersByGtin.getOrDefault(line.gtin(), List.of()));
            for (int q = 0; q < line.quantity(); q++) {
                units.add(new Unit(units.size(), l, line.gtin(), line.unitPrice(), eligible));
            }
        }
        return units;
    }

    private static int[] eligible(CartLine line, List<Promotion> offers, List<Integer> candidates) {
        List<Integer> eligible = new ArrayList<>();
        for (int p : candidates) {
            Promotion offer = offers.get(p);
            if ((!line.measured() || offer.takesMeasured())
                    && (offer.isGroupOffer() || unitGain(offer, line.unitPrice()) > 0)) {
                eligible.add(p);
            }
        }
        return eligible.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Units whose offers overlap, directly or through other units, are solved together. */
    private static List<List<Unit>> components(List<Unit> units, int offerCount) {
        int[] parent = new int[offerCount];
        Arrays.setAll(parent, i -> i);
        for (Unit unit : units) {
            for (int i = 1; i < unit.eligible().length; i++) {
                union(parent, unit.eligible()[0], unit.eligible()[i]);
            }
        }
        Map<Integer, List<Unit>> byRoot = new TreeMap<>();
        for (Unit unit : units) {
            if (unit.eligible().length > 0) {
                byRoot.computeIfAbsent(find(parent, unit.eligible()[0]), r -> new ArrayList<>())
                        .add(unit);
            }
        }
        return new ArrayList<>(byRoot.values());
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    /** What a per-item offer saves on an item of this price. */
    static long unitGain(Promotion offer, long price) {
        return switch (offer.type()) {
            case PERCENT_OFF -> price - Math.floorDiv(price * (100 - offer.percent()) + 50, 100);
            case MEMBER_PRICE -> Math.max(0, price - offer.price());
            default -> 0;
        };
    }

    /**
     * Exact search over one component: items in descending price order, each either left alone or given to
     * one of its offers; group offers fill groups in that order, so a group's free items are its cheapest. The
     * best saving from each item onwards is memoised by the offers' state (group progress, partial group
     * value, applications used).
     */
    static final class ComponentSolver {
        private final List<Unit> units;
        private final List<Promotion> offers;
        private final int[] local;
        private final Map<Key, Choice> memo = new HashMap<>(1024);

        ComponentSolver(List<Unit> component, List<Promotion> allOffers) {
            this.units = new ArrayList<>(component);
            this.units.sort(Comparator.comparingLong(Unit::price)
                    .reversed()
                    .thenComparingInt(Unit::line)
                    .thenComparingInt(Unit::index));
            Set<Integer> used = new LinkedHashSet<>();
            units.forEach(u -> Arrays.stream(u.eligible()).forEach(used::add));
            this.offers = new ArrayList<>();
            this.local = new int[allOffers.size()];
            Arrays.fill(local, -1);
            used.stream().sorted().forEach(p -> {
                local[p] = offers.size();
                offers.add(allOffers.get(p));
            });
        }

        /** A search position: item index and offer states; the arrays are never changed once built. */
        static final class Key {
            private final int index;
            private final long[] state;
            private final int hash;

            Key(int index, long[] state) {
                this.index = index;
                this.state = state;
                this.hash = 31 * index + Arrays.hashCode(state);
            }

            @Override
            public boolean equals(Object other) {
                return other instanceof Key key
                        && key.hash == hash
                        && key.index == index
                        && Arrays.equals(key.state, state);
            }

            @Override
            public int hashCode() {
                return hash;
            }
        }

        /** Best saving from here on, and the offer (local index, or -1) the item at this point takes. */
        record Choice(long value, int offer) {}

        void solve(long[] unitDiscount, Map<String, Applied> applied) {
            int[] choices = offers.size() == 1 ? singleOffer() : search();
            List<List<Unit>> open = new ArrayList<>();
            for (int j = 0; j < offers.size(); j++) {
                open.add(new ArrayList<>());
            }
            for (int i = 0; i < units.size(); i++) {
                if (choices[i] < 0) {
                    continue;
                }
                Unit unit = units.get(i);
                Promotion offer = offers.get(choices[i]);
                if (offer.isGroupOffer()) {
                    List<Unit> group = open.get(choices[i]);
                    group.add(unit);
                    if (group.size() == offer.n()) {
                        credit(offer, group, unitDiscount, applied);
                        group.clear();
                    }
                } else {
                    unitDiscount[unit.index()] = unitGain(offer, unit.price());
                    record(offer, List.of(unit), unitGain(offer, unit.price()), applied);
                }
            }
        }

        /**
         * One offer alone needs no search: the most expensive items gain the most from it, so it takes items in
         * descending price order, up to its limit (per item) or in consecutive groups while a group still saves.
         */
        private int[] singleOffer() {
            Promotion offer = offers.getFirst();
            int[] choices = new int[units.size()];
            Arrays.fill(choices, -1);
            int limit = offer.limitPerTrip() == 0 ? Integer.MAX_VALUE : offer.limitPerTrip();
            if (!offer.isGroupOffer()) {
                for (int i = 0; i < units.size() && i < limit; i++) {
                    choices[i] = 0;
                }
                return choices;
            }
            int groups = 0;
            for (int start = 0; start + offer.n() <= units.size() && groups < limit; start += offer.n()) {
                long sum = 0;
                for (int k = start; k < start + offer.n(); k++) {
                    sum += units.get(k).price();
                }
                if (offer.type() == Type.N_FOR_PRICE && sum <= offer.price()) {
                    break;
                }
                Arrays.fill(choices, start, start + offer.n(), 0);
                groups++;
            }
            return choices;
        }

        /** Overlapping offers: the memoised search, then its choices read back along the best path. */
        private int[] search() {
            long[] state = new long[offers.size()];
            best(0, state);
            int[] choices = new int[units.size()];
            for (int i = 0; i < units.size(); i++) {
                choices[i] = memo.get(new Key(i, state)).offer();
                state = next(state, i, choices[i]).state();
            }
            return choices;
        }

        private long best(int i, long[] state) {
            if (i == units.size()) {
                return 0;
            }
            Key key = new Key(i, state);
            Choice known = memo.get(key);
            if (known != null) {
                return known.value();
            }
            long bestValue = best(i + 1, state);
            int bestOffer = -1;
            for (int p : units.get(i).eligible()) {
                Step step = next(state, i, local[p]);
                if (step == null) {
                    continue;
                }
                long value = step.gain() + best(i + 1, step.state());
                if (value > bestValue) {
                    bestValue = value;
                    bestOffer = local[p];
                }
            }
            memo.put(key, new Choice(bestValue, bestOffer));
            return bestValue;
        }

        record Step(long gain, long[] state) {}

        // An offer's state packed in one long: group progress (bits 0-7), applications used (8-23), value of
        // the open group so far (24-63).
        private static long progress(long packed) {
            return packed & 0xFF;
        }

        private static long times(long packed) {
            return (packed >>> 8) & 0xFFFF;
        }

        private static long partial(long packed) {
            return packed >>> 24;
        }

        private static long pack(long progress, long times, long partial) {
            return progress | (times << 8) | (partial << 24);
        }

        /** The state after item {@code i} takes offer {@code j} (or none, j = -1); null if the offer is used up. */
        private Step next(long[] state, int i, int j) {
            if (j < 0) {
                return new Step(0, state);
            }
            Promotion offer = offers.get(j);
            long price = units.get(i).price();
            long progress = progress(state[j]);
            long partial = partial(state[j]);
            long times = times(state[j]);
            long limit = Math.min(offer.limitPerTrip(), 0xFFFF);
            boolean limited = limit > 0;
            long[] after = state.clone();
            if (!offer.isGroupOffer()) {
                if (limited && times >= limit) {
                    return null;
                }
                after[j] = pack(0, limited ? times + 1 : 0, 0);
                return new Step(unitGain(offer, price), after);
            }
            if (progress == 0 && limited && times >= limit) {
                return null;
            }
            long value =
                    offer.type() == Type.N_FOR_PRICE ? partial + price : partial + (progress >= offer.m() ? price : 0);
            if (progress + 1 < offer.n()) {
                after[j] = pack(progress + 1, times, value);
                return new Step(0, after);
            }
            after[j] = pack(0, limited ? times + 1 : 0, 0);
            long gain = offer.type() == Type.N_FOR_PRICE ? Math.max(0, value - offer.price()) : value;
            return new Step(gain, after);
        }

        /** Splits a completed group's saving over its items: free items for BUY_N_PAY_M, pro rata otherwise. */
        private static void credit(
                Promotion offer, List<Unit> group, long[] unitDiscount, Map<String, Applied> applied) {
            long total = 0;
            if (offer.type() == Type.BUY_N_PAY_M) {
                for (int position = offer.m(); position < group.size(); position++) {
                    Unit free = group.get(position);
                    unitDiscount[free.index()] = free.price();
                    total += free.price();
                }
            } else {
                long sum = group.stream().mapToLong(Unit::price).sum();
                total = Math.max(0, sum - offer.price());
                long[] shares = Allocation.proRata(
                        total, group.stream().mapToLong(Unit::price).toArray());
                for (int k = 0; k < group.size(); k++) {
                    unitDiscount[group.get(k).index()] = shares[k];
                }
            }
            if (total > 0) {
                record(offer, group, total, applied);
            }
        }

        private static void record(Promotion offer, List<Unit> group, long amount, Map<String, Applied> applied) {
            Applied entry = applied.computeIfAbsent(offer.id(), k -> new Applied());
            entry.amount += amount;
            entry.times++;
            group.forEach(unit -> entry.lines.add(unit.line()));
        }
    }

    private static PricedCart summarise(
            List<CartLine> lines,
            List<Promotion> offers,
            List<Unit> units,
            long[] unitDiscount,
            Map<String, Applied> applied) {
        long[] lineDiscount = new long[lines.size()];
        for (Unit unit : units) {
            lineDiscount[unit.line()] += unitDiscount[unit.index()];
        }
        long subtotal = 0;
        long deposits = 0;
        long discounts = 0;
        int items = 0;
        Map<Integer, Long> grossByRate = new TreeMap<>();
        Map<String, Long> byLineId = new LinkedHashMap<>();
        for (int l = 0; l < lines.size(); l++) {
            CartLine line = lines.get(l);
            subtotal += line.amount();
            deposits += line.depositTotal();
            discounts += lineDiscount[l];
            items += line.quantity();
            grossByRate.merge(line.vatRate(), line.amount() - lineDiscount[l] + line.depositTotal(), Long::sum);
            if (lineDiscount[l] > 0) {
                byLineId.merge(line.lineId(), lineDiscount[l], Long::sum);
            }
        }
        List<AppliedDiscount> applications = new ArrayList<>();
        for (Promotion offer : offers) {
            Applied entry = applied.get(offer.id());
            if (entry != null && entry.amount > 0) {
                applications.add(new AppliedDiscount(
                        offer.id(),
                        offer.description(),
                        entry.amount,
                        entry.times,
                        entry.lines.stream()
                                .map(l -> lines.get(l).lineId())
                                .distinct()
                                .toList()));
            }
        }
        List<VatSummary> vat = new ArrayList<>();
        grossByRate.forEach((rate, gross) -> {
            long tax = Math.floorDiv(gross * rate + (10_000L + rate) / 2, 10_000L + rate);
            vat.add(new VatSummary(rate, gross - tax, tax, gross));
        });
        return new PricedCart(
                subtotal,
                discounts,
                deposits,
                subtotal - discounts + deposits,
                List.copyOf(applications),
                java.util.Collections.unmodifiableMap(byLineId),
                List.copyOf(vat),
                items);
    }
}
