package se.skanna.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import se.skanna.pricing.PricedCart.VatSummary;
import se.skanna.pricing.Promotion.Type;

class PricingPropertyTest {

    static final List<String> GTINS = List.of("g1", "g2", "g3", "g4");

    final PricingEngine engine = new PricingEngine();

    record Scenario(List<CartLine> lines, List<Promotion> offers, boolean member) {}

    /** The engine's total is the lowest any feasible assignment of offers to items reaches, found by brute force. */
    @Property(tries = 400)
    void no_feasible_assignment_of_offers_costs_less(@ForAll("smallCarts") Scenario scenario) {
        PricedCart cart = engine.price(scenario.lines(), scenario.offers(), scenario.member());

        long best = BruteForce.bestDiscount(scenario.lines(), scenario.offers(), scenario.member());

        assertThat(cart.discountTotal()).isEqualTo(best);
        assertThat(cart.total()).isEqualTo(cart.subtotal() - best + cart.depositTotal());
    }

    @Property(tries = 300)
    void vat_per_rate_adds_up_to_the_total_exactly(@ForAll("largerCarts") Scenario scenario) {
        PricedCart cart = engine.price(scenario.lines(), scenario.offers(), scenario.member());

        assertThat(cart.vat().stream().mapToLong(VatSummary::gross).sum()).isEqualTo(cart.total());
        for (VatSummary rate : cart.vat()) {
            assertThat(rate.net() + rate.vat()).isEqualTo(rate.gross());
            double exact = rate.gross() * rate.rate() / (10_000.0 + rate.rate());
            assertThat((double) rate.vat()).isCloseTo(exact, org.assertj.core.data.Offset.offset(0.5));
        }
        assertThat(cart.lineDiscounts().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(cart.discountTotal());
        assertThat(cart.discounts().stream()
                        .mapToLong(PricedCart.AppliedDiscount::amount)
                        .sum())
                .isEqualTo(cart.discountTotal());
        assertThat(cart.total()).isGreaterThanOrEqualTo(cart.depositTotal());
    }

    @Property(tries = 200)
    void the_answer_does_not_depend_on_line_order(@ForAll("largerCarts") Scenario scenario) {
        PricedCart forwards = engine.price(scenario.lines(), scenario.offers(), scenario.member());
        PricedCart backwards = engine.price(scenario.lines().reversed(), scenario.offers(), scenario.member());

        assertThat(backwards.total()).isEqualTo(forwards.total());
    }

    @Provide
    Arbitrary<Scenario> smallCarts() {
        return scenarios(4, 2, 3);
    }

    @Provide
    Arbitrary<Scenario> largerCarts() {
        return scenarios(12, 6, 6);
    }

    private Arbitrary<Scenario> scenarios(int maxLines, int maxQuantity, int maxOffers) {
        Arbitrary<CartLine> line = Combinators.combine(
                        Arbitraries.of(GTINS),
                        Arbitraries.integers().between(1, maxQuantity),
                        Arbitraries.longs().between(1, 5000),
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.of(0L, 200L),
                        Arbitraries.of(600, 1200, 2500))
                .as((gtin, quantity, price, kind, deposit, vat) -> {
                    boolean measured = kind == 0;
                    return new CartLine("?", gtin, measured ? 1 : quantity, price, measured, deposit, vat);
                });
        Arbitrary<List<CartLine>> lines = line.list()
                .ofMinSize(1)
                .ofMaxSize(maxLines)
                .map(list -> {
                    List<CartLine> named = new ArrayList<>();
                    for (int i = 0; i < list.size(); i++) {
                        CartLine l = list.get(i);
                        named.add(new CartLine(
                                "l" + i,
                                l.gtin(),
                                l.quantity(),
                                l.unitPrice(),
                                l.measured(),
                                l.deposit(),
                                l.vatRate()));
                    }
                    return named;
                });
        Arbitrary<Promotion> offer = Combinators.combine(
                        Arbitraries.of(Type.values()),
                        Arbitraries.of(GTINS).set().ofMinSize(1).ofMaxSize(3),
                        Arbitraries.integers().between(2, 3),
                        Arbitraries.longs().between(0, 6000),
                        Arbitraries.integers().between(1, 60),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 999))
                .as((type, gtins, n, price, percent, limit, id) ->
                        new Promotion("o" + id, type.name(), type, n, n - 1, price, percent, limit, gtins));
        Arbitrary<List<Promotion>> offers = offer.list().ofMaxSize(maxOffers).uniqueElements(Promotion::id);
        return Combinators.combine(lines, offers, Arbitraries.of(true, false)).as(Scenario::new);
    }

    /** Every assignment of items to offers, and every grouping within an offer: slow, obviously right. */
    static final class BruteForce {

        static long bestDiscount(List<CartLine> lines, List<Promotion> offers, boolean member) {
            List<long[]> units = new ArrayList<>(); // {price, line index}
            for (int l = 0; l < lines.size(); l++) {
                for (int q = 0; q < lines.get(l).quantity(); q++) {
                    units.add(new long[] {lines.get(l).unitPrice(), l});
                }
            }
            int[] choice = new int[units.size()];
            return assign(0, choice, units, lines, offers, member);
        }

        private static long assign(
                int u, int[] choice, List<long[]> units, List<CartLine> lines, List<Promotion> offers, boolean member) {
            if (u == units.size()) {
                return value(choice, units, offers);
            }
            long best = 0;
            for (int option = -1; option < offers.size(); option++) {
                if (option >= 0) {
                    Promotion offer = offers.get(option);
                    CartLine line = lines.get((int) units.get(u)[1]);
                    if (!offer.gtins().contains(line.gtin())
                            || (line.measured() && offer.type() != Type.PERCENT_OFF)
                            || (offer.type() == Type.MEMBER_PRICE && !member)) {
                        continue;
                    }
                }
                choice[u] = option;
                best = Math.max(best, assign(u + 1, choice, units, lines, offers, member));
            }
            return best;
        }

        private static long value(int[] choice, List<long[]> units, List<Promotion> offers) {
            long total = 0;
            for (int o = 0; o < offers.size(); o++) {
                Promotion offer = offers.get(o);
                List<Long> prices = new ArrayList<>();
                for (int u = 0; u < choice.length; u++) {
                    if (choice[u] == o) {
                        prices.add(units.get(u)[0]);
                    }
                }
                int limit = offer.limitPerTrip() == 0 ? Integer.MAX_VALUE : offer.limitPerTrip();
                if (offer.type() == Type.PERCENT_OFF || offer.type() == Type.MEMBER_PRICE) {
                    if (prices.size() > limit) {
                        return -1;
                    }
                    for (long price : prices) {
                        total += PricingEngine.unitGain(offer, price);
                    }
                } else {
                    total += groups(prices, new HashSet<>(), offer, limit);
                }
            }
            return total;
        }

        /** Best saving from disjoint groups of exactly n items (at most {@code limit}), items may stay out. */
        private static long groups(List<Long> prices, Set<Integer> used, Promotion offer, int limit) {
            int first = -1;
            for (int i = 0; i < prices.size(); i++) {
                if (!used.contains(i)) {
                    first = i;
                    break;
                }
            }
            if (first < 0 || limit == 0) {
                return 0;
            }
            used.add(first);
            long best = groups(prices, used, offer, limit); // first stays out of every group
            best = Math.max(best, withGroup(prices, used, offer, limit, new ArrayList<>(List.of(first)), first + 1));
            used.remove(first);
            return best;
        }

        private static long withGroup(
                List<Long> prices, Set<Integer> used, Promotion offer, int limit, List<Integer> group, int from) {
            if (group.size() == offer.n()) {
                List<Long> members = new ArrayList<>();
                group.forEach(i -> members.add(prices.get(i)));
                return saving(members, offer) + groups(prices, used, offer, limit - 1);
            }
            long best = Long.MIN_VALUE;
            for (int i = from; i < prices.size(); i++) {
                if (!used.contains(i)) {
                    used.add(i);
                    group.add(i);
                    best = Math.max(best, withGroup(prices, used, offer, limit, group, i + 1));
                    group.removeLast();
                    used.remove(i);
                }
            }
            return best;
        }

        private static long saving(List<Long> group, Promotion offer) {
            long sum = group.stream().mapToLong(Long::longValue).sum();
            if (offer.type() == Type.N_FOR_PRICE) {
                return Math.max(0, sum - offer.price());
            }
            List<Long> sorted = group.stream().sorted().toList();
            long free = 0;
            for (int i = 0; i < offer.n() - offer.m(); i++) {
                free += sorted.get(i);
            }
            return free;
        }
    }
}
