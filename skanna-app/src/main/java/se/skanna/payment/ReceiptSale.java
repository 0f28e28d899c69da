package se.skanna.payment;

import se.skanna.payment.PaymentRepository.PaymentRow;
import se.skanna.receipt.Receipt;
import se.skanna.receipt.Receipts;
import se.skanna.trip.Cart;

/**
 * A paid cart as the receipt module takes it: the cart's lines, offers and VAT copied into the receipt's own
 * types, so that what a receipt says (and the bytes signed) does not follow later changes to the trip's cart.
 */
final class ReceiptSale {

    private ReceiptSale() {}

    static Receipts.Sale of(PaymentRow payment, String storeId, String providerRef, Cart cart) {
        return new Receipts.Sale(
                payment.tripId(),
                storeId,
                payment.id(),
                payment.method(),
                providerRef,
                payment.amount(),
                payment.currency(),
                cart.lines().stream()
                        .map(l -> new Receipt.Line(
                                l.lineId(),
                                l.code(),
                                l.gtin(),
                                l.name(),
                                l.quantity(),
                                l.weightGrams(),
                                l.unitPrice(),
                                l.amount(),
                                l.deposit(),
                                l.ageLimit()))
                        .toList(),
                cart.discounts().stream()
                        .map(d -> new Receipt.Discount(
                                d.promotionId(), d.description(), d.amount(), d.times(), d.lineIds()))
                        .toList(),
                cart.vat().stream()
                        .map(v -> new Receipt.Vat(v.rate(), v.net(), v.vat(), v.gross()))
                        .toList(),
                cart.subtotal(),
                cart.discountTotal(),
                cart.depositTotal(),
                cart.total());
    }
}
