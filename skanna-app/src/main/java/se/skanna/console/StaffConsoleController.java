package se.skanna.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.skanna.exit.Audits;
import se.skanna.exit.ExitPasses;
import se.skanna.payment.Refunds;
import se.skanna.receipt.Receipt;
import se.skanna.receipt.ReceiptCheck;
import se.skanna.receipt.Receipts;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;
import se.skanna.staff.AccessPolicy;
import se.skanna.staff.ActionLog;
import se.skanna.staff.Role;
import se.skanna.staff.StaffPrincipal;
import se.skanna.store.Store;
import se.skanna.store.StoreNetwork;
import se.skanna.trip.Assistance;
import se.skanna.trip.Trips;

/**
 * The exit console of one store (STAFF or MANAGER of the store, HQ): verify exit passes, audit baskets,
 * approve age-restricted items. Role and store are checked on every request before anything else.
 */
@Controller
class StaffConsoleController {

    private final AccessPolicy access;
    private final StoreNetwork network;
    private final ExitPasses passes;
    private final Audits audits;
    private final Trips trips;
    private final Assistance assistance;
    private final ActionLog log;
    private final Clock clock;
    private final Receipts receipts;
    private final Refunds refunds;

    StaffConsoleController(
            AccessPolicy access,
            StoreNetwork network,
            ExitPasses passes,
            Audits audits,
            Trips trips,
            Assistance assistance,
            ActionLog log,
            Clock clock,
            Receipts receipts,
            Refunds refunds) {
        this.access = access;
        this.network = network;
        this.passes = passes;
        this.audits = audits;
        this.trips = trips;
        this.assistance = assistance;
        this.log = log;
        this.clock = clock;
        this.receipts = receipts;
        this.refunds = refunds;
    }

    /** A receipt found by staff, with its check, its trip's exit pass and whether the trip was refunded. */
    record FoundReceipt(Receipt receipt, ReceiptCheck verification, ExitPasses.PassState pass, boolean refunded) {

        /** The check's reason as a message key (console.receipt.reason.*), from the receipt module's sentences. */
        String reasonKey() {
            String reason = String.valueOf(verification.reason());
            if (reason.contains("signature does not match")) {
                return "console.receipt.reason.signature";
            }
            if (reason.contains("signing key")) {
                return "console.receipt.reason.key";
            }
            if (reason.contains("not in the store's journal")) {
                return "console.receipt.reason.journal";
            }
            return "console.receipt.reason.broken";
        }
    }

    /** Look up a receipt of the store by its number, receipt id, trip id or the trip code the shopper's app shows. */
    @GetMapping("/console/stores/{storeId}/receipts")
    String receipts(@PathVariable String storeId, @RequestParam(defaultValue = "") String q, Model model) {
        access.requireInStore(Role.STAFF, storeId);
        model.addAttribute("store", network.get(storeId));
        String query = q.strip();
        model.addAttribute("q", query);
        if (!query.isEmpty()) {
            model.addAttribute(
                    "found",
                    receipts.lookUp(storeId, query).stream()
                            .map(receipt -> {
                                String tripId = receipt.tripId();
                                return new FoundReceipt(
                                        receipt,
                                        receipts.verify(receipt.receiptId()),
                                        passes.stateOf(tripId),
                                        refunds.fullyRefunded(tripId));
                            })
                            .toList());
        }
        return "console/receipts";
    }

    /** A shopper's call for staff on the store page, with how long it has waited. */
    record Waiting(Assistance.Request request, long minutes) {}

    @ModelAttribute("me")
    StaffPrincipal me() {
        return access.current();
    }

    @GetMapping("/console/stores/{storeId}")
    String store(@PathVariable String storeId, Model model) {
        return storePage(storeId, model);
    }

    @PostMapping("/console/stores/{storeId}/exit-passes")
    String verify(@PathVariable String storeId, @RequestParam(defaultValue = "") String token, Model model) {
        StaffPrincipal me = access.requireInStore(Role.STAFF, storeId);
        network.get(storeId);
        ExitPasses.Verdict verdict;
        try {
            verdict = passes.verifyAndRecord(token.strip(), storeId);
        } catch (ProblemException e) {
            if (e.code() != ErrorCode.FORBIDDEN) {
                throw e;
            }
            // another store's pass: at this desk it is simply invalid, and the check is logged as such
            verdict = ExitPasses.Verdict.invalid("other_store");
            log.record(me, "EXIT_PASS_VERIFIED", storeId, null, "INVALID other_store");
        }
        String tripId = verdict.tripId();
        model.addAttribute("verdict", verdict);
        if (tripId != null && verdict.accepted()) {
            model.addAttribute("auditStoreId", trips.storeOf(tripId));
        }
        return storePage(storeId, model);
    }

    /** The store's open trips, the most recently active first (bounded: see {@link Trips#OPEN_TRIPS_LIMIT}). */
    @GetMapping("/console/stores/{storeId}/trips")
    String openTrips(@PathVariable String storeId, Model model) {
        access.requireInStore(Role.STAFF, storeId);
        model.addAttribute("store", network.get(storeId));
        List<Trips.OpenTrip> open = trips.openTrips(storeId);
        model.addAttribute("trips", open);
        model.addAttribute("limit", Trips.OPEN_TRIPS_LIMIT);
        model.addAttribute("full", open.size() >= Trips.OPEN_TRIPS_LIMIT);
        return "console/trips";
    }

    @PostMapping("/console/stores/{storeId}/age-approvals/{tripId}")
    String approveAge(@PathVariable String storeId, @PathVariable String tripId, RedirectAttributes redirect) {
        StaffPrincipal me = access.requireInStore(Role.STAFF, storeId);
        requireTripOf(storeId, tripId);
        trips.approveAgeRestricted(tripId, me); // logged by the trip module, as an approval through the API is
        redirect.addFlashAttribute("approved", tripId);
        return "redirect:/console/stores/" + storeId;
    }

    @PostMapping("/console/stores/{storeId}/assistance/{requestId}/acknowledge")
    String acknowledgeAssistance(
            @PathVariable String storeId, @PathVariable String requestId, RedirectAttributes redirect) {
        return assistanceStep(storeId, requestId, redirect, () -> assistance.acknowledge(storeId, requestId));
    }

    @PostMapping("/console/stores/{storeId}/assistance/{requestId}/resolve")
    String resolveAssistance(
            @PathVariable String storeId, @PathVariable String requestId, RedirectAttributes redirect) {
        return assistanceStep(storeId, requestId, redirect, () -> assistance.resolve(storeId, requestId));
    }

    private String assistanceStep(
            String storeId,
            String requestId,
            RedirectAttributes redirect,
            java.util.function.Supplier<Assistance.Request> step) {
        access.requireInStore(Role.STAFF, storeId);
        network.get(storeId);
        try {
            Assistance.Request done = step.get();
            redirect.addFlashAttribute("assistanceDone", done.state().name());
        } catch (ProblemException e) {
            if (e.code() != ErrorCode.ASSISTANCE_ALREADY_HANDLED) {
                throw e;
            }
            // someone else got there first: show the list as it is now
            redirect.addFlashAttribute("assistanceError", e.getMessage());
            redirect.addFlashAttribute("assistanceErrorCode", e.code().name());
        }
        return "redirect:/console/stores/" + storeId;
    }

    @GetMapping("/console/stores/{storeId}/audits/{tripId}")
    String audit(@PathVariable String storeId, @PathVariable String tripId, Model model) {
        access.requireInStore(Role.STAFF, storeId);
        requireTripOf(storeId, tripId);
        model.addAttribute("store", network.get(storeId));
        model.addAttribute("tripId", tripId);
        model.addAttribute("progress", audits.progress(tripId));
        return "console/audit";
    }

    /** Takes back an item scanned by mistake while the audit is open (logged as AUDIT_ITEM_REMOVED). */
    @PostMapping("/console/stores/{storeId}/audits/{tripId}/scans/{seq}/remove")
    String auditRemove(
            @PathVariable String storeId,
            @PathVariable String tripId,
            @PathVariable String seq,
            RedirectAttributes redirect) {
        access.requireInStore(Role.STAFF, storeId);
        requireTripOf(storeId, tripId);
        try {
            Audits.Scan removed = audits.removeScan(tripId, parseSeq(seq));
            redirect.addFlashAttribute("removed", removed.name());
        } catch (ProblemException e) {
            if (e.code() == ErrorCode.FORBIDDEN) {
                throw e;
            }
            problem(redirect, e);
        }
        return "redirect:/console/stores/" + storeId + "/audits/" + tripId;
    }

    private static int parseSeq(String seq) {
        try {
            return Integer.parseInt(seq);
        } catch (NumberFormatException e) {
            throw new ProblemException(ErrorCode.NOT_FOUND, "That item is not in this audit.");
        }
    }

    /** A refused audit step, shown on the audit page in the page's language (the code) or as the server said. */
    private static void problem(RedirectAttributes redirect, ProblemException e) {
        redirect.addFlashAttribute("scanError", e.getMessage());
        redirect.addFlashAttribute("scanErrorCode", e.code().name());
    }

    @PostMapping("/console/stores/{storeId}/audits/{tripId}/scans")
    String auditScan(
            @PathVariable String storeId,
            @PathVariable String tripId,
            @RequestParam(defaultValue = "") String code,
            RedirectAttributes redirect) {
        access.requireInStore(Role.STAFF, storeId);
        requireTripOf(storeId, tripId);
        try {
            Audits.Scanned scanned = audits.scan(tripId, code.strip());
            redirect.addFlashAttribute("scanned", scanned.name());
            redirect.addFlashAttribute("scanCount", scanned.scanned());
            redirect.addFlashAttribute("mode", scanned.mode());
        } catch (ProblemException e) {
            if (e.code() == ErrorCode.FORBIDDEN) {
                throw e;
            }
            problem(redirect, e);
        }
        return "redirect:/console/stores/" + storeId + "/audits/" + tripId;
    }

    @PostMapping("/console/stores/{storeId}/audits/{tripId}/complete")
    String auditComplete(
            @PathVariable String storeId, @PathVariable String tripId, Model model, RedirectAttributes redirect) {
        access.requireInStore(Role.STAFF, storeId);
        requireTripOf(storeId, tripId);
        Audits.Result result;
        try {
            result = audits.complete(tripId);
        } catch (ProblemException e) {
            if (e.code() == ErrorCode.FORBIDDEN) {
                throw e;
            }
            problem(redirect, e);
            return "redirect:/console/stores/" + storeId + "/audits/" + tripId;
        }
        model.addAttribute("store", network.get(storeId));
        model.addAttribute("tripId", tripId);
        model.addAttribute("result", result);
        model.addAttribute("progress", audits.progress(tripId));
        return "console/audit";
    }

    private String storePage(String storeId, Model model) {
        StaffPrincipal me = access.requireInStore(Role.STAFF, storeId);
        Store store = network.get(storeId);
        model.addAttribute("store", store);
        model.addAttribute("ageChecks", trips.awaitingAgeCheck(storeId));
        Instant now = clock.instant();
        Assistance.Open open = assistance.openInStore(storeId);
        model.addAttribute(
                "assistance",
                open.requests().stream()
                        .map(request -> new Waiting(
                                request,
                                Duration.between(request.createdAt(), now).toMinutes()))
                        .toList());
        model.addAttribute("assistanceTotal", open.total());
        model.addAttribute("manager", me.may(Role.MANAGER, storeId));
        return "console/store";
    }

    /** A trip of another store is "not found" here, whatever the caller may see elsewhere. */
    private void requireTripOf(String storeId, String tripId) {
        if (!storeId.equals(trips.storeOf(tripId))) {
            throw new ProblemException(ErrorCode.TRIP_NOT_FOUND, "There is no trip " + tripId + " in this store.");
        }
    }
}
