package se.skanna.receipt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A signed receipt as the shopper, staff and anyone checking it get it: the fields of its signed body, in the
 * body's order, then the signature and the id of the key that made it ({@code keyId} is absent for a receipt
 * stored without one).
 */
@JsonPropertyOrder({
    "receiptId",
    "storeId",
    "storeName",
    "number",
    "issuedAt",
    "seller",
    "tripId",
    "lines",
    "discounts",
    "vat",
    "subtotal",
    "discountTotal",
    "depositTotal",
    "total",
    "currency",
    "payment",
    "signature",
    "keyId"
})
public record Receipt(
        String receiptId,
        String storeId,
        String storeName,
        long number,
        String issuedAt,
        Receipts.Seller seller,
        String tripId,
        List<Line> lines,
        List<Discount> discounts,
        List<Vat> vat,
        long subtotal,
        long discountTotal,
        long depositTotal,
        long total,
        String currency,
        Payment payment,
        String signature,
        @JsonInclude(JsonInclude.Include.NON_NULL) String keyId) {

    /**
     * What is signed: the receipt without its signature. Its JSON, exactly as written when the receipt was issued,
     * is the signed text and the journal's payload; the property order and null handling here fix those bytes, so
     * do not reorder, rename or drop a component (receipts already issued must still verify).
     */
    @JsonPropertyOrder({
        "receiptId",
        "storeId",
        "storeName",
        "number",
        "issuedAt",
        "seller",
        "tripId",
        "lines",
        "discounts",
        "vat",
        "subtotal",
        "discountTotal",
        "depositTotal",
        "total",
        "currency",
        "payment"
    })
    public record Body(
            String receiptId,
            String storeId,
            String storeName,
            long number,
            String issuedAt,
            Receipts.Seller seller,
            String tripId,
            List<Line> lines,
            List<Discount> discounts,
            List<Vat> vat,
            long subtotal,
            long discountTotal,
            long depositTotal,
            long total,
            String currency,
            Payment payment) {

        Receipt signed(String signature, String keyId) {
            return new Receipt(
                    receiptId,
                    storeId,
                    storeName,
                    number,
                    issuedAt,
                    seller,
                    tripId,
                    lines,
                    discounts,
                    vat,
                    subtotal,
                    discountTotal,
                    depositTotal,
                    total,
                    currency,
                    payment,
                    signature,
                    keyId);
        }
    }

    /**
     * A line as sold. {@code unitPrice} is per item, or per kilo for weighed goods ({@code weightGrams} given);
     * {@code amount} is the line's price before offers, {@code deposit} its whole deposit; absent fields were not
     * set on the line.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({
        "lineId",
        "code",
        "gtin",
        "name",
        "quantity",
        "weightGrams",
        "unitPrice",
        "amount",
        "deposit",
        "ageLimit"
    })
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

    /** An offer applied {@code times} times to the lines named, taking {@code amount} off. */
    @JsonPropertyOrder({"promotionId", "description", "amount", "times", "lineIds"})
    public record Discount(String promotionId, String description, long amount, int times, List<String> lineIds) {}

    /** The sale's amounts at one VAT rate (percent). */
    @JsonPropertyOrder({"rate", "net", "vat", "gross"})
    public record Vat(int rate, long net, long vat, long gross) {}

    /** How the sale was paid; {@code providerRef} is null when the provider gave no reference. */
    @JsonPropertyOrder({"paymentId", "method", "amount", "providerRef"})
    public record Payment(String paymentId, String method, long amount, String providerRef) {}
}
