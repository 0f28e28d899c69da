package se.skanna.payment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseBody;
import se.skanna.staff.AccessPolicy;
import se.skanna.staff.Role;
import se.skanna.staff.StaffPrincipal;
import se.skanna.trip.Cart;
import se.skanna.trip.Trips;

/** Checkout, payment status, age approvals and refunds. */
@Controller
class CheckoutController {

    private final Checkout checkout;
    private final Refunds refunds;
    private final Trips trips;
    private final AccessPolicy access;

    CheckoutController(Checkout checkout, Refunds refunds, Trips trips, AccessPolicy access) {
        this.checkout = checkout;
        this.refunds = refunds;
        this.trips = trips;
        this.access = access;
    }

    record CheckoutRequest(String method) {}

    @PostMapping("/api/v1/trips/{tripId}/checkout")
    @ResponseBody
    Checkout.PaymentView checkout(
            @PathVariable String tripId,
            @RequestHeader(name = "Authorization", required = false) String auth,
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @RequestBody CheckoutRequest body) {
        return checkout.checkout(tripId, Trips.bearerToken(auth), key, body.method());
    }

    @PostMapping("/api/v1/trips/{tripId}/payment/cancel")
    @ResponseBody
    Checkout.PaymentView cancel(
            @PathVariable String tripId, @RequestHeader(name = "Authorization", required = false) String auth) {
        return checkout.cancel(tripId, se.skanna.trip.Trips.bearerToken(auth));
    }

    @GetMapping("/api/v1/trips/{tripId}/payment")
    @ResponseBody
    Checkout.PaymentView payment(
            @PathVariable String tripId, @RequestHeader(name = "Authorization", required = false) String auth) {
        return checkout.payment(tripId, Trips.bearerToken(auth));
    }

    /** A trip whose age-restricted lines staff approved, with its cart as priced now. */
    record AgeApproval(String tripId, Cart cart) {}

    @PostMapping("/api/v1/trips/{tripId}/age-approvals")
    @ResponseBody
    AgeApproval approveAge(@PathVariable String tripId) {
        StaffPrincipal staff = access.requireInStore(Role.STAFF, trips.storeOf(tripId));
        return new AgeApproval(tripId, trips.approveAgeRestricted(tripId, staff));
    }

    /** A refund asked for: öre to pay back (at least 1) and why (1–200 characters). */
    record RefundBody(
            @NotNull(message = Refunds.AMOUNT_RULE) @Min(value = 1, message = Refunds.AMOUNT_RULE)
            Long amount,

            @NotBlank(message = Refunds.REASON_RULE) @Size(max = 200, message = Refunds.REASON_RULE)
            String reason) {}

    @PostMapping("/api/v1/payments/{paymentId}/refunds")
    @ResponseBody
    Refunds.RefundView refund(
            @PathVariable String paymentId,
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @Valid @RequestBody RefundBody body) {
        StaffPrincipal manager = access.requireInStore(Role.MANAGER, refunds.storeOfPayment(paymentId));
        return refunds.refund(paymentId, key, body.amount(), body.reason(), manager);
    }

    @GetMapping("/api/v1/payments/{paymentId}/refunds")
    @ResponseBody
    java.util.List<Refunds.RefundView> refunds(@PathVariable String paymentId) {
        access.requireInStore(Role.MANAGER, refunds.storeOfPayment(paymentId));
        return refunds.list(paymentId);
    }
}
