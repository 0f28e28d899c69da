package se.skanna.catalog;

import se.skanna.gs1.Barcode;

/**
 * A scanned code resolved to a product and priced for one store: what a shopper's cart line is made of.
 *
 * @param unitPrice the store's price in öre, per item or per kilo
 * @param weightGrams the weight the code carries, for goods sold by weight
 * @param amount what this one scanned item costs, or null when the code does not say (a weighed product
 *     scanned by its plain number)
 * @param vatRate VAT in basis points that applies now
 */
public record ScannedItem(
        Barcode barcode, Product product, long unitPrice, Long weightGrams, Long amount, int vatRate) {}
