package se.skanna.console;

import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.skanna.receipt.JournalCheck;
import se.skanna.receipt.Receipts;
import se.skanna.staff.AccessPolicy;
import se.skanna.staff.ActionLog;
import se.skanna.staff.StaffPrincipal;
import se.skanna.store.Incident;
import se.skanna.store.Incidents;
import se.skanna.store.Store;
import se.skanna.store.StoreNetwork;
import se.skanna.store.StoreStatus;

/**
 * The HQ console (HQ only): every store with counts and filters, incidents for a region or a hand-picked
 * selection of stores (preview, then confirm) and their resolution, journal verification per store, and the
 * console audit log.
 */
@Controller
class HqConsoleController {

    private final AccessPolicy access;
    private final StoreNetwork network;
    private final Incidents incidents;
    private final Receipts receipts;
    private final ActionLog log;
    private final ChainOverview overview;
    private final JournalText journalText;

    HqConsoleController(
            AccessPolicy access,
            StoreNetwork network,
            Incidents incidents,
            Receipts receipts,
            ActionLog log,
            ChainOverview overview,
            JournalText journalText) {
        this.access = access;
        this.journalText = journalText;
        this.overview = overview;
        this.network = network;
        this.incidents = incidents;
        this.receipts = receipts;
        this.log = log;
    }

    @ModelAttribute("me")
    StaffPrincipal me() {
        return access.current();
    }

    /** Rows of the store table per page: enough to scan a county, few enough to render fast on a phone. */
    static final int PAGE_SIZE = 100;

    @GetMapping("/console/hq")
    String hq(
            @RequestParam(defaultValue = "") String region,
            @RequestParam(defaultValue = "") String status,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "1") String page,
            @RequestParam(defaultValue = "") String journalStore,
            Locale locale,
            Model model) {
        access.requireHq();
        StoreStatus wanted = parseOrNull(status);
        List<Store> all = network.list(null, null, null);
        String query = q.strip();
        List<Store> matching = network.list(wanted, region.isBlank() ? null : region, query.isEmpty() ? null : query);
        int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.clamp(parsePage(page), 1, pages);
        int from = (current - 1) * PAGE_SIZE;
        model.addAttribute("stores", matching.subList(from, Math.min(matching.size(), from + PAGE_SIZE)));
        model.addAttribute("matching", matching.size());
        model.addAttribute("matchingCounts", network.countByStatus(matching));
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        model.addAttribute("firstRow", matching.isEmpty() ? 0 : from + 1);
        model.addAttribute("lastRow", Math.min(matching.size(), from + PAGE_SIZE));
        model.addAttribute("counts", network.countByStatus(all));
        model.addAttribute("total", all.size());
        model.addAttribute("regions", network.regions());
        model.addAttribute("statuses", StoreStatus.values());
        model.addAttribute("region", region);
        model.addAttribute("q", query);
        model.addAttribute("status", wanted == null ? "" : wanted.name());
        model.addAttribute(
                "activeIncidents",
                incidents.recent(200).stream()
                        .filter(incident -> incident.state() == Incident.State.ACTIVE)
                        .toList());
        model.addAttribute("overview", overview.view(region));
        model.addAttribute("journalStore", journalStore);
        if (!journalStore.isBlank()) {
            String id = journalStore.strip();
            if (network.exists(id)) {
                model.addAttribute("journalStoreName", network.get(id).name());
                JournalCheck journal = receipts.verifyJournal(id);
                model.addAttribute("journal", journal);
                model.addAttribute("journalText", journalText.explain(journal, locale));
            } else {
                model.addAttribute("journalUnknown", id);
            }
        }
        return "console/hq";
    }

    private static int parsePage(String page) {
        try {
            return Integer.parseInt(page.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * First step of an incident: which stores it would switch, and a button to confirm. The stores are a
     * region, or a hand-picked selection (ticked in the store table and/or pasted as ids). A preview that finds
     * an error (an unknown id, no title, no status, no stores) names it and gives the form back as it was
     * filled in, the valid picks included, so only the error needs fixing; it cannot be confirmed as it is.
     */
    @PostMapping("/console/hq/incidents/preview")
    String preview(
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String status,
            @RequestParam(defaultValue = "") String message,
            @RequestParam(defaultValue = "") String messageEn,
            @RequestParam(defaultValue = "") String region,
            @RequestParam(required = false) List<String> storeIds,
            @RequestParam(defaultValue = "") String storeIdList,
            Model model) {
        access.requireHq();
        Selection selection = Selection.of(storeIds, storeIdList, network);
        boolean bySelection = !selection.isEmpty();
        boolean byRegion = !bySelection && !region.isBlank();
        List<Store> affected =
                bySelection ? selection.stores() : byRegion ? network.list(null, region, null) : List.of();
        StoreStatus newStatus = parseOrNull(status);
        String cleanTitle = title.strip();
        List<String> errors = new java.util.ArrayList<>();
        if (cleanTitle.isEmpty()) {
            errors.add("console.hq.preview.error.title");
        }
        if (newStatus == null) {
            errors.add("console.hq.preview.error.status");
        }
        if (!bySelection && !byRegion) {
            errors.add("console.hq.preview.error.nothing");
        } else if (byRegion && affected.isEmpty()) {
            errors.add("console.hq.preview.error.emptyRegion");
        }
        model.addAttribute("title", cleanTitle);
        model.addAttribute("status", newStatus);
        model.addAttribute("statusValue", newStatus == null ? "" : newStatus.name());
        model.addAttribute("message", message.strip());
        model.addAttribute("messageEn", messageEn.strip());
        model.addAttribute("region", byRegion ? region : "");
        model.addAttribute("bySelection", bySelection);
        model.addAttribute("unknown", selection.unknown());
        model.addAttribute("errors", errors);
        model.addAttribute(
                "confirmable", errors.isEmpty() && selection.unknown().isEmpty());
        model.addAttribute(
                "storeIdText",
                String.join(
                        "\n",
                        java.util.stream.Stream.concat(
                                        selection.stores().stream().map(Store::id), selection.unknown().stream())
                                .toList()));
        model.addAttribute("affected", affected);
        model.addAttribute("counts", network.countByStatus(affected));
        model.addAttribute("statuses", StoreStatus.values());
        model.addAttribute("regions", network.regions());
        return "console/incident-preview";
    }

    /** Declares the incident for a region or for the selected stores; an unknown store id changes nothing. */
    @PostMapping("/console/hq/incidents")
    String declare(
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String status,
            @RequestParam(defaultValue = "") String message,
            @RequestParam(defaultValue = "") String messageEn,
            @RequestParam(defaultValue = "") String region,
            @RequestParam(required = false) List<String> storeIds,
            RedirectAttributes redirect) {
        access.requireHq();
        boolean bySelection = storeIds != null && !storeIds.isEmpty();
        // logged by Incidents itself, in the declaration's transaction, as a declaration through the API is
        Incident incident = incidents.declare(new Incidents.Declaration(
                title, status, message, bySelection ? storeIds : null, bySelection ? null : region, messageEn));
        redirect.addFlashAttribute("declared", incident);
        return "redirect:/console/hq";
    }

    @PostMapping("/console/hq/incidents/{incidentId}/resolve")
    String resolve(@PathVariable String incidentId, RedirectAttributes redirect) {
        access.requireHq();
        Incident incident = incidents.resolve(incidentId); // logged by Incidents
        redirect.addFlashAttribute("resolved", incident);
        return "redirect:/console/hq";
    }

    @GetMapping("/console/hq/audit-log")
    String auditLog(
            @RequestParam(defaultValue = "") String store, @RequestParam(defaultValue = "") String user, Model model) {
        access.requireHq();
        model.addAttribute("entries", log.recent(blankToNull(store), blankToNull(user), 500));
        model.addAttribute("store", store);
        model.addAttribute("user", user);
        return "console/audit-log";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static StoreStatus parseOrNull(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return StoreStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
