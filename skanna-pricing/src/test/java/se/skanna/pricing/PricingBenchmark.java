package se.skanna.pricing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Pricing a realistic big cart: 50 lines (1–4 items each, some weighed) against 20 live offers of all four
 * kinds, several overlapping. {@code bash bench/jmh.sh PricingBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PricingBenchmark {

    @Param({"50"})
    int lines;

    @Param({"20"})
    int offers;

    final PricingEngine engine = new PricingEngine();
    List<CartLine> cart;
    List<Promotion> promotions;

    @Setup
    public void build() {
        Random random = new Random(7);
        List<String> products = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            products.add("0731000000%04d".formatted(i));
        }
        cart = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            boolean weighed = random.nextInt(8) == 0;
            cart.add(new CartLine(
                    "l" + i,
                    products.get(random.nextInt(products.size())),
                    weighed ? 1 : 1 + random.nextInt(4),
                    500 + random.nextInt(6000),
                    weighed,
                    random.nextInt(5) == 0 ? 200 : 0,
                    random.nextInt(6) == 0 ? 2500 : 600));
        }
        promotions = new ArrayList<>();
        for (int i = 0; i < offers; i++) {
            Set<String> gtins = new java.util.HashSet<>();
            while (gtins.size() < 4) {
                gtins.add(products.get(random.nextInt(gtins.size() < 3 ? products.size() : 60)));
            }
            promotions.add(
                    switch (i % 4) {
                        case 0 -> Promotion.buyNPayM("b" + i, "3 för 2", 3, 2, gtins);
                        case 1 -> Promotion.nForPrice("n" + i, "2 för 50 kr", 2, 5000, gtins);
                        case 2 -> Promotion.percentOff("p" + i, "20 %", 20, gtins);
                        default ->
                            Promotion.memberPrice("m" + i, "Medlemspris", 1500, gtins)
                                    .limitedTo(2);
                    });
        }
    }

    @Benchmark
    public PricedCart priceFiftyLinesWithTwentyOffers() {
        return engine.price(cart, promotions, true);
    }
}
