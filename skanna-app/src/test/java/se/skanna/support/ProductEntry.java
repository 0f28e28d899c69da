package se.skanna.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A product entry of a catalog import, built by name instead of by map keys: sold per item, food VAT, no deposit
 * and no age limit unless said. {@code ProductEntry.of(gtin, "Snus 24 g", 6200).ageLimit(18).standardVat().map()}.
 */
public final class ProductEntry {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private ProductEntry(String gtin, String name, long price) {
        fields.put("gtin", gtin);
        fields.put("name", name);
        fields.put("unit", "EACH");
        fields.put("vatClass", "FOOD");
        fields.put("price", price);
        fields.put("deposit", 0);
    }

    public static ProductEntry of(String gtin, String name, long price) {
        return new ProductEntry(gtin, name, price);
    }

    public ProductEntry ageLimit(int years) {
        fields.put("ageLimit", years);
        return this;
    }

    public ProductEntry vatClass(String vatClass) {
        fields.put("vatClass", vatClass);
        return this;
    }

    /** Standard VAT (25 %), e.g. tobacco, beer, non-food. */
    public ProductEntry standardVat() {
        return vatClass("STANDARD");
    }

    public ProductEntry deposit(long ore) {
        fields.put("deposit", ore);
        return this;
    }

    public ProductEntry unit(String unit) {
        fields.put("unit", unit);
        return this;
    }

    /** Sold by weight: {@code price} is per kilo. */
    public ProductEntry perKilo() {
        return unit("KG");
    }

    /** The entry as the import's JSON object (a fresh, mutable copy). */
    public Map<String, Object> map() {
        return new LinkedHashMap<>(fields);
    }
}
