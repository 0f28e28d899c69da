package se.skanna.receipt;

import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import se.skanna.payment.PaymentCompleted;
import se.skanna.payment.RefundCompleted;
import se.skanna.trip.Cart;

/**
 * Turns the payment module's events into receipts and journal entries. The paid cart is copied into the
 * receipt's own line, offer and VAT records: what a receipt says, and the bytes signed, do not follow later
 * changes to the trip's cart. Both listeners run synchronously in the
 * publishing transaction: a sale without its receipt, or a refund without its journal entry, never commits.
 */
@Component
class SaleListener {

    private final Receipts receipts;
    private final ApplicationEventPublisher events;

    SaleListener(Receipts receipts, ApplicationEventPublisher events) {
        this.receipts = receipts;
        this.events = events;
    }

    @EventListener
    void on(PaymentCompleted paid) {
        Cart cart = paid.cart();
        Receipt receipt = receipts.issue(saleOf(paid));
        events.publishEvent(new ReceiptIssued(
                receipt.receiptId(),
                paid.storeId(),
                receipt.number(),
                paid.tripId(),
                paid.paymentId(),
                cart.total(),
                paid.currency(),
                Instant.parse(receipt.issuedAt())));
    }

    /** The paid cart as the receipt module records it, in its own records. */
    static Receipts.Sale saleOf(PaymentCompleted paid) {
        Cart cart = paid.cart();
        return new Receipts.Sale(
                paid.tripId(),
                paid.storeId(),
                paid.paymentId(),
                paid.method(),
                paid.providerRef(),
                paid.amount(),
                paid.currency(),
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

    @EventListener
    void on(RefundCompleted refund) {
        receipts.journalRefund(refund.storeId(), refund.refundId(), refund.body(), refund.at());
    }
}
