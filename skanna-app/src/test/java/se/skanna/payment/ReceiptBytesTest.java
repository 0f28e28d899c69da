package se.skanna.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.skanna.receipt.Receipts;
import se.skanna.support.SkannaTest;
import se.skanna.trip.Cart;
import tools.jackson.databind.ObjectMapper;

/**
 * The receipt's signed body is written from records now; for the same sale it must be the very bytes the map it
 * replaced wrote (receipts already issued verify, and the journal's payload hashes stay comparable). A paid
 * trip's stored receipt is compared with the body the map would have built from the same payment and cart, and a
 * refund's journalled body with the map it replaced. (A sale with every kind of line: {@code StoredReceiptTest}.)
 */
@SkannaTest
class ReceiptBytesTest extends CheckoutTest.CheckoutCase {

    @Autowired
    ObjectMapper json;

    /** The body exactly as {@code Receipts.issue} built it before it was typed. */
    private static Map<String, Object> oldBody(
            String id,
            String storeId,
            String storeName,
            long number,
            String issuedAt,
            Receipts.Seller seller,
            PaymentRepository.PaymentRow payment,
            String providerRef,
            Cart cart) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("receiptId", id);
        body.put("storeId", storeId);
        body.put("storeName", storeName);
        body.put("number", number);
        body.put("issuedAt", issuedAt);
        body.put("seller", seller);
        body.put("tripId", payment.tripId());
        body.put("lines", cart.lines());
        body.put("discounts", cart.discounts());
        body.put("vat", cart.vat());
        body.put("subtotal", cart.subtotal());
        body.put("discountTotal", cart.discountTotal());
        body.put("depositTotal", cart.depositTotal());
        body.put("total", cart.total());
        body.put("currency", cart.currency());
        Map<String, Object> paid = new LinkedHashMap<>();
        paid.put("paymentId", payment.id());
        paid.put("method", payment.method());
        paid.put("amount", payment.amount());
        paid.put("providerRef", providerRef);
        body.put("payment", paid);
        return body;
    }

    @Test
    void a_refund_is_journalled_as_the_same_bytes_as_before() {
        for (String providerRef : new String[] {null, "ref-9"}) {
            RefundRepository.RefundRow refund = new RefundRepository.RefundRow(
                    "rf-1",
                    "p-1",
                    "s-1",
                    "key",
                    "hash",
                    1795,
                    "SEK",
                    "Returnerad vara \"trasig\"",
                    "chef",
                    RefundRepository.Status.PENDING,
                    null,
                    null,
                    null);
            java.time.Instant at = java.time.Instant.parse("2026-11-25T10:00:00.120Z");
            Map<String, Object> old = new LinkedHashMap<>();
            old.put("refundId", refund.id());
            old.put("paymentId", refund.paymentId());
            old.put("storeId", refund.storeId());
            old.put("amount", refund.amount());
            old.put("currency", refund.currency());
            old.put("reason", refund.reason());
            old.put("requestedBy", refund.requestedBy());
            old.put("providerRef", providerRef);
            old.put("refundedAt", at.toString());

            assertThat(json.writeValueAsString(Refunds.canonical(refund, providerRef, at)))
                    .isEqualTo(json.writeValueAsString(old));
        }
    }

    @Test
    void a_paid_trip_s_stored_receipt_is_what_the_old_map_would_have_signed_and_answers_as_before() {
        String[] trip = tripWith(milk, milk);
        assertThat(checkout(trip, "key-" + UUID.randomUUID()).status()).isEqualTo(200);
        Map<String, Object> row = jdbc.sql("select r.id, r.number, r.issued_at, r.body, r.signature, r.key_id,"
                        + " p.id as payment_id, p.cart_snapshot, p.method, p.amount, p.currency, p.provider_ref"
                        + " from receipt r join payment p on p.id = r.payment_id where r.trip_id = :trip")
                .param("trip", trip[0])
                .query()
                .singleRow();
        String stored = (String) row.get("body");
        Cart cart = json.readValue((String) row.get("cart_snapshot"), Cart.class);
        Map<?, ?> parsed = json.readValue(stored, Map.class);
        Map<?, ?> seller = (Map<?, ?>) parsed.get("seller");
        PaymentRepository.PaymentRow payment = new PaymentRepository.PaymentRow(
                (String) row.get("payment_id"),
                trip[0],
                null,
                null,
                (String) row.get("method"),
                PaymentRepository.Status.PAID,
                ((Number) row.get("amount")).longValue(),
                (String) row.get("currency"),
                (String) row.get("provider_ref"),
                null,
                null,
                null);

        String before = json.writeValueAsString(oldBody(
                (String) row.get("id"),
                store.id(),
                store.name(),
                ((Number) row.get("number")).longValue(),
                (String) parsed.get("issuedAt"),
                new Receipts.Seller((String) seller.get("name"), (String) seller.get("organisationNumber"), (String)
                        seller.get("address")),
                payment,
                payment.providerRef(),
                cart));
        assertThat(stored).isEqualTo(before);

        // the receipt as answered: the stored body's fields in order, then signature and key, as the map answered
        @SuppressWarnings("unchecked")
        Map<String, Object> oldAnswer = new LinkedHashMap<>(json.readValue(stored, Map.class));
        oldAnswer.put("signature", row.get("signature"));
        oldAnswer.put("keyId", row.get("key_id"));
        assertThat(get(trip, "receipt").body()).isEqualTo(json.writeValueAsString(oldAnswer));
    }
}
