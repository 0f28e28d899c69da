package se.skanna.pricing;

import java.util.List;
import java.util.Map;

/**
 * A priced cart: every amount in öre, and {@code total = subtotal - discountTotal + depositTotal}, which is
 * also the sum of the gross amounts per VAT rate.
 *
 * @param lineDiscounts discount per line id (lines without one are absent)
 */
public record PricedCart(
        long subtotal,
        long discountTotal,
        long depositTotal,
        long total,
        List<AppliedDiscount> discounts,
        Map<String, Long> lineDiscounts,
        List<VatSummary> vat,
        int itemCount) {

    /** One offer as applied: how often and on which lines, and what it saved. */
    public record AppliedDiscount(
            String promotionId, String description, long amount, int times, List<String> lineIds) {}

    /** Net, VAT and gross of one rate; net + vat = gross exactly. */
    public record VatSummary(int rate, long net, long vat, long gross) {}
}
