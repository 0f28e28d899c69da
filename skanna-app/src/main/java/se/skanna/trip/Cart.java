package se.skanna.trip;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The shopper's cart as the server prices it: {@code total = subtotal - discountTotal + depositTotal}, and the
 * gross amounts per VAT rate add up to the total.
 */
public record Cart(
        String currency,
        List<Line> lines,
        List<Discount> discounts,
        long subtotal,
        long discountTotal,
        long depositTotal,
        long total,
        List<Vat> vat,
        int itemCount) {

    /**
     * A cart line. {@code unitPrice} is per item, or per kilo for weighed goods; {@code amount} is the line's
     * price before offers; {@code deposit} is the line's whole deposit.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(
            String lineId,
            String code,
            String gtin,
            String name,
            int quantity,
            Long weightGrams,
            long unitPrice,
            long amount,
            long deposit,
            Integer ageLimit) {}

    public record Discount(String promotionId, String description, long amount, int times, List<String> lineIds) {}

    public record Vat(int rate, long net, long vat, long gross) {}
}
