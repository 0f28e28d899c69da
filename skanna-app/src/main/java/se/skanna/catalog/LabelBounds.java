package se.skanna.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;

/**
 * What a weight or price label may plausibly say about a product: a weighed piece between a minimum and a maximum
 * weight, a price label between a minimum and a maximum price. A product's own bounds come from the catalog;
 * where it has none, the defaults of its unit apply. A label outside them — typically a label code typed by hand
 * with made-up digits, {@code 2300000100013} = 1 g of a 139 kr/kg cheese — is refused.
 *
 * <p>Defaults: a piece sold by weight weighs {@value #DEFAULT_MIN_GRAMS}–{@value #DEFAULT_MAX_GRAMS} g; a price
 * label of a product sold by weight lies between the kilo price of its minimum and maximum weight; a price label
 * of a product sold per item is {@value #DEFAULT_MIN_PRICE}–{@value #DEFAULT_MAX_PRICE} öre.
 */
public record LabelBounds(long minWeightGrams, long maxWeightGrams, long minLabelPrice, long maxLabelPrice) {

    public static final long DEFAULT_MIN_GRAMS = 10;
    public static final long DEFAULT_MAX_GRAMS = 15_000;
    public static final long DEFAULT_MIN_PRICE = 100;
    public static final long DEFAULT_MAX_PRICE = 300_000;

    /** The bounds for a product at its current unit price (per kilo or per item, öre). */
    public static LabelBounds of(Product product, long unitPrice) {
        long minGrams = product.minWeightGrams() != null ? product.minWeightGrams() : DEFAULT_MIN_GRAMS;
        long maxGrams = product.maxWeightGrams() != null ? product.maxWeightGrams() : DEFAULT_MAX_GRAMS;
        long minPrice;
        long maxPrice;
        if (product.unit() == SaleUnit.KG && unitPrice > 0) {
            minPrice = Catalog.priceOfWeight(unitPrice, minGrams);
            maxPrice = Catalog.priceOfWeight(unitPrice, maxGrams);
        } else {
            minPrice = DEFAULT_MIN_PRICE;
            maxPrice = DEFAULT_MAX_PRICE;
        }
        return new LabelBounds(
                minGrams,
                maxGrams,
                product.minLabelPrice() != null ? product.minLabelPrice() : minPrice,
                product.maxLabelPrice() != null ? product.maxLabelPrice() : maxPrice);
    }

    /** Refuses (422 {@code implausible_label}) a scanned label whose weight or price lies outside the bounds. */
    void check(ScannedItem item) {
        Long grams = item.weightGrams();
        Long labelPrice = item.barcode().price().filter(p -> p > 0).orElse(null);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("gtin", item.product().gtin());
        if (grams != null && (grams < minWeightGrams || grams > maxWeightGrams)) {
            details.put("weightGrams", grams);
            details.put("minWeightGrams", minWeightGrams);
            details.put("maxWeightGrams", maxWeightGrams);
            throw new ProblemException(
                    ErrorCode.IMPLAUSIBLE_LABEL,
                    "The label says " + grams + " g of " + item.product().name() + "; a piece weighs " + minWeightGrams
                            + "–" + maxWeightGrams + " g. Ask a staff member.",
                    details);
        }
        if (labelPrice != null && (labelPrice < minLabelPrice || labelPrice > maxLabelPrice)) {
            details.put("labelPrice", labelPrice);
            details.put("minLabelPrice", minLabelPrice);
            details.put("maxLabelPrice", maxLabelPrice);
            throw new ProblemException(
                    ErrorCode.IMPLAUSIBLE_LABEL,
                    "The label says " + labelPrice + " öre for "
                            + item.product().name() + "; a label is " + minLabelPrice + "–" + maxLabelPrice
                            + " öre. Ask a staff member.",
                    details);
        }
    }
}
