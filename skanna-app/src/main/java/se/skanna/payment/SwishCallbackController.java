package se.skanna.payment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;
import se.skanna.payment.PaymentProvider.Outcome;
import se.skanna.payment.PaymentProvider.PaymentRequest;
import se.skanna.payment.PaymentRepository.PaymentRow;
import se.skanna.payment.PaymentRepository.Status;
import se.skanna.payment.swish.SwishFormat;
import se.skanna.payment.swish.SwishPaymentProvider;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Where Swish reports that a payment request (or refund) changed. Anyone can call this address, so the body is
 * not believed: only its id is used, to pick the payment, whose state is then asked from Swish over mutual TLS and
 * applied once. Repeated, late and out-of-order callbacks therefore change nothing; unknown ids are 404, bodies
 * without a Swish id 400, and everything else 200 at once (Swish retries on anything but 2xx).
 */
@Controller
@ConditionalOnProperty(prefix = "skanna.payment.swish", name = "enabled", havingValue = "true")
class SwishCallbackController {

    private static final Logger log = LoggerFactory.getLogger(SwishCallbackController.class);

    private final SwishPaymentProvider swish;
    private final PaymentRepository payments;
    private final Checkout checkout;
    private final ObjectMapper json;

    SwishCallbackController(
            SwishPaymentProvider swish, PaymentRepository payments, Checkout checkout, ObjectMapper json) {
        this.swish = swish;
        this.payments = payments;
        this.checkout = checkout;
        this.json = json;
    }

    /** Swish's callback was taken in (Swish retries until it gets a 2xx). */
    record Received(boolean received) {
        static final Received YES = new Received(true);
    }

    @PostMapping("/api/v1/payments/swish/callback")
    @ResponseBody
    Received callback(@RequestBody String body) {
        JsonNode callback;
        try {
            callback = json.readTree(body);
        } catch (JacksonException e) {
            throw new ProblemException(ErrorCode.MALFORMED_REQUEST, "The callback body is not JSON.");
        }
        JsonNode idNode = callback == null ? null : callback.get("id");
        String id = idNode != null && idNode.isString() ? idNode.stringValue() : null;
        if (!SwishFormat.isInstructionId(id)) {
            throw new ProblemException(
                    ErrorCode.MALFORMED_REQUEST, "A Swish callback carries the id of its payment request.");
        }
        if (callback.has("originalPaymentReference")) {
            // Refunds are not tracked yet (no refund endpoint); acknowledged so Swish stops retrying.
            log.info("Swish refund callback for refund {}", id);
            return Received.YES;
        }
        PaymentRow payment = payments.byId(SwishFormat.paymentId(id))
                .filter(row -> swish.method().equals(row.method()))
                .orElseThrow(() -> new ProblemException(ErrorCode.PAYMENT_NOT_FOUND, "No Swish payment has this id."));
        if (payment.status() == Status.PENDING) {
            try {
                Outcome verified = swish.status(new PaymentRequest(
                        payment.id(), payment.tripId(), payment.amount(), payment.currency(), payment.createdAt()));
                checkout.applyOutcome(payment.id(), verified);
            } catch (RuntimeException e) {
                // Swish could not be asked now: the payment stays PENDING and recovery polling finishes it.
                log.warn("Swish callback for payment {} could not be verified; left to polling", payment.id(), e);
            }
        }
        return Received.YES;
    }
}
