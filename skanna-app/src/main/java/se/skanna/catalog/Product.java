package se.skanna.catalog;

/**
 * A product of the chain's catalog.
 *
 * @param gtin 14-digit GTIN; weighed and price-labelled goods use their variable-measure code with zero value
 * @param price chain-wide shelf price in öre, per item or per kilo; stores may override it
 * @param deposit bottle or can deposit (pant) per item in öre, never discounted
 * @param ageLimit minimum age to buy, or null
 * @param minWeightGrams the lightest plausible piece a weight label may carry, or null for the unit's default
 * @param maxWeightGrams the heaviest plausible piece, or null for the unit's default
 * @param minLabelPrice the lowest price in öre a price label may carry, or null for the default
 * @param maxLabelPrice the highest price in öre a price label may carry, or null for the default
 */
public record Product(
        String gtin,
        String name,
        String brand,
        SaleUnit unit,
        String vatClass,
        long price,
        long deposit,
        Integer ageLimit,
        Long minWeightGrams,
        Long maxWeightGrams,
        Long minLabelPrice,
        Long maxLabelPrice) {

    /** A product with the default label bounds of its unit. */
    public Product(
            String gtin,
            String name,
            String brand,
            SaleUnit unit,
            String vatClass,
            long price,
            long deposit,
            Integer ageLimit) {
        this(gtin, name, brand, unit, vatClass, price, deposit, ageLimit, null, null, null, null);
    }
}
