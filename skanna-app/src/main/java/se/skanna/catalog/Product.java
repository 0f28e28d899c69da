package se.skanna.catalog;

/**
 * A product of the chain's catalog.
 *
 * @param gtin 14-digit GTIN; weighed and price-labelled goods use their variable-measure code with zero value
 * @param price chain-wide shelf price in öre, per item or per kilo; stores may override it
 * @param deposit bottle or can deposit (pant) per item in öre, never discounted
 * @param ageLimit minimum age to buy, or null
 */
public record Product(
        String gtin,
        String name,
        String brand,
        SaleUnit unit,
        String vatClass,
        long price,
        long deposit,
        Integer ageLimit) {}
