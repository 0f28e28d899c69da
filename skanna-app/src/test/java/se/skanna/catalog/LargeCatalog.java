package se.skanna.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import se.skanna.catalog.ImportFile.ProductRow;
import se.skanna.gs1.CheckDigits;
import tools.jackson.databind.json.JsonMapper;

/**
 * A deterministic catalog of any size for benchmarks: EAN-13 products with Swedish prefixes, one in fifty a
 * weighed product under an in-store code. {@code main} writes it as an import file.
 */
public final class LargeCatalog {

    private static final String[] NOUNS = {
        "Mjölk",
        "Yoghurt",
        "Ost",
        "Bröd",
        "Kaffe",
        "Te",
        "Pasta",
        "Ris",
        "Müsli",
        "Juice",
        "Läsk",
        "Chips",
        "Choklad",
        "Korv",
        "Skinka",
        "Tvål",
        "Schampo",
        "Diskmedel",
        "Tomater",
        "Bönor"
    };
    private static final String[] SIZES = {"250 g", "500 g", "1 kg", "33 cl", "1 l", "1,5 l", "400 g", "12-pack"};

    private LargeCatalog() {}

    static List<ProductRow> products(int count, long seed) {
        Random random = new Random(seed);
        List<ProductRow> products = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean weighed = i % 50 == 49;
            String gtin = weighed
                    ? CheckDigits.append("23" + "%06d".formatted(i / 50) + "0000")
                    : CheckDigits.append("73" + "%010d".formatted(i));
            String name = NOUNS[random.nextInt(NOUNS.length)] + " " + (i % 997) + " "
                    + (weighed ? "lösvikt" : SIZES[random.nextInt(SIZES.length)]);
            boolean nonFood = random.nextInt(10) == 0;
            products.add(new ProductRow(
                    gtin,
                    name,
                    "Märke " + (i % 311),
                    weighed ? "KG" : "EACH",
                    null,
                    nonFood ? "STANDARD" : "FOOD",
                    (long) (500 + random.nextInt(20_000)),
                    name.contains("cl") ? 200L : 0L,
                    null,
                    null,
                    null,
                    null,
                    null));
        }
        return products;
    }

    static ImportFile file(int count, long seed) {
        return new ImportFile(products(count, seed), List.of(), List.of());
    }

    /** {@code LargeCatalog <count> <file>}: writes an import file of {@code count} products. */
    public static void main(String[] args) throws IOException {
        int count = Integer.parseInt(args[0]);
        Path target = Path.of(args[1]);
        Files.write(target, JsonMapper.builder().build().writeValueAsBytes(file(count, 42)));
        System.out.println("Wrote " + count + " products to " + target + " (" + Files.size(target) + " bytes)");
    }
}
