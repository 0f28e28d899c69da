package se.skanna.pricing;

import java.util.Objects;

/**
 * One line of a cart as the pricing engine sees it.
 *
 * @param lineId the cart's id of the line
 * @param gtin the product's GTIN (14 digits), which offers name
 * @param quantity items on the line; a weighed or price-labelled line is one item
 * @param unitPrice price of one item in öre (for a weighed line: what that piece costs)
 * @param measured whether the line is one weighed or price-labelled piece rather than countable items
 * @param deposit bottle or can deposit per item in öre, never discounted
 * @param vatRate VAT of the line in basis points
 */
public record CartLine(
        String lineId, String gtin, int quantity, long unitPrice, boolean measured, long deposit, int vatRate) {

    public CartLine {
        Objects.requireNonNull(lineId, "lineId");
        Objects.requireNonNull(gtin, "gtin");
        if (quantity < 1 || (measured && quantity != 1)) {
            throw new IllegalArgumentException("a line has at least one item; a measured line exactly one");
        }
        if (unitPrice < 0 || deposit < 0 || vatRate < 0) {
            throw new IllegalArgumentException("prices, deposits and VAT rates are not negative");
        }
    }

    /** The line's amount before offers. */
    public long amount() {
        return Math.multiplyExact(unitPrice, quantity);
    }

    public long depositTotal() {
        return Math.multiplyExact(deposit, quantity);
    }
}
