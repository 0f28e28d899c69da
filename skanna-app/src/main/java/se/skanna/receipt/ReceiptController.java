package se.skanna.receipt;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;
import se.skanna.shared.RateLimiter;
import se.skanna.staff.AccessPolicy;
import se.skanna.staff.Role;
import se.skanna.trip.Trips;

/** A trip's receipt (JSON or the printable page) and the receipt and journal checks. */
@Controller
class ReceiptController {

    private final Receipts receipts;
    private final Trips trips;
    private final AccessPolicy access;
    private final RateLimiter limiter;
    private final RateLimiter.Limit verificationsPerClient;

    ReceiptController(
            Receipts receipts,
            Trips trips,
            AccessPolicy access,
            RateLimiter limiter,
            @Value("${skanna.receipts.verifications-per-minute-per-client:30}") double verificationsPerMinute,
            @Value("${skanna.receipts.verification-burst-per-client:60}") double verificationBurst) {
        this.receipts = receipts;
        this.trips = trips;
        this.access = access;
        this.limiter = limiter;
        this.verificationsPerClient = RateLimiter.Limit.perMinute(verificationsPerMinute, verificationBurst);
    }

    @GetMapping(path = "/api/v1/trips/{tripId}/receipt", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Receipt receipt(@PathVariable String tripId, @RequestHeader(name = "Authorization", required = false) String auth) {
        trips.view(tripId, Trips.bearerToken(auth));
        return receipts.forTrip(tripId)
                .orElseThrow(() -> new ProblemException(ErrorCode.NOT_PAID, "There is no receipt before payment."));
    }

    @GetMapping(path = "/api/v1/trips/{tripId}/receipt", produces = MediaType.TEXT_HTML_VALUE)
    String receiptPage(
            @PathVariable String tripId,
            @RequestHeader(name = "Authorization", required = false) String auth,
            Model model) {
        model.addAttribute("receipt", receipt(tripId, auth));
        return "receipt";
    }

    @GetMapping("/api/v1/receipts/{receiptId}/verification")
    @ResponseBody
    ReceiptCheck verifyReceipt(@PathVariable String receiptId, HttpServletRequest request) {
        limiter.require(
                "receipt-verification:client:" + request.getRemoteAddr(),
                verificationsPerClient,
                "Too many receipt checks from this address; wait a moment.");
        return receipts.verify(receiptId);
    }

    @GetMapping("/api/v1/stores/{storeId}/journal/verification")
    @ResponseBody
    JournalCheck verifyJournal(@PathVariable String storeId, @RequestParam(defaultValue = "false") boolean full) {
        access.requireInStore(Role.MANAGER, storeId);
        return receipts.verifyJournal(storeId, full);
    }
}
