package se.skanna.catalog;

/** How a product is sold: per item, or per kilogram (its price is then a kilo price). */
public enum SaleUnit {
    EACH,
    KG
}
