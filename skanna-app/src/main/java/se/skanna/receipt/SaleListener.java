package se.skanna.receipt;

import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import se.skanna.payment.PaymentCompleted;
import se.skanna.payment.RefundCompleted;
import se.skanna.trip.Cart;

/**
 * Turns the payment module's events into receipts and journal entries. Both listeners run synchronously in the
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
        var receipt = receipts.issue(new Receipts.Sale(
                paid.tripId(),
                paid.storeId(),
                paid.paymentId(),
                paid.method(),
                paid.providerRef(),
                paid.amount(),
                paid.currency(),
                cart.lines(),
                cart.discounts(),
                cart.vat(),
                cart.subtotal(),
                cart.discountTotal(),
                cart.depositTotal(),
                cart.total()));
        events.publishEvent(new ReceiptIssued(
                (String) receipt.get("receiptId"),
                paid.storeId(),
                ((Number) receipt.get("number")).longValue(),
                paid.tripId(),
                paid.paymentId(),
                cart.total(),
                paid.currency(),
                Instant.parse((String) receipt.get("issuedAt"))));
    }

    @EventListener
    void on(RefundCompleted refund) {
        receipts.journalRefund(refund.storeId(), refund.refundId(), refund.body(), refund.at());
    }
}
