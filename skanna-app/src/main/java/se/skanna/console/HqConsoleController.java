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

    HqConsoleController(
            AccessPolicy access, StoreNetwork network, Incidents incidents, Receipts receipts, ActionLog log) {
        this.access = access;
        this.network = network;
        this.incidents = incidents;
        this.receipts = receipts;
        this.log = log;
    }

    @ModelAttribute("me")
    StaffPrincipal me() {
        return access.current();
    }

    @GetMapping("/console/hq")
    String hq(
            @RequestParam(defaultValue = "") String region,
            @RequestParam(defaultValue = "") String status,
            @RequestParam(defaultValue = "") String journalStore,
            Model model) {
        access.requireHq();
        StoreStatus wanted = parseOrNull(status);
        List<Store> all = network.list(null, null, null);
        model.addAttribute("stores", network.list(wanted, region.isBlank() ? null : region, null));
        model.addAttribute("counts", network.countByStatus(all));
        model.addAttribute("total", all.size());
        model.addAttribute("regions", network.regions());
        model.addAttribute("statuses", StoreStatus.values());
        model.addAttribute("region", region);
        model.addAttribute("status", wanted == null ? "" : wanted.name());
        model.addAttribute(
                "activeIncidents",
                incidents.recent(200).stream()
                        .filter(incident -> incident.state() == Incident.State.ACTIVE)
                        .toList());
        model.addAttribute("journalStore", journalStore);
        if (!journalStore.isBlank()) {
            model.addAttribute(
                    "journalStoreName", network.get(journalStore.strip()).name());
            model.addAttribute("journal", receipts.verifyJournal(journalStore.strip()));
        }
        return "console/hq";
    }

    /**
     * First step of an incident: which stores it would switch, and a button to confirm. The stores are a
     * region, or a hand-picked selection (ticked in the store table and/or pasted as ids); a selection with
     * an unknown id is shown with those ids and cannot be confirmed.
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
        boolean byRegion = !region.isBlank();
        List<Store> affected = byRegion
                ? (selection.isEmpty() ? network.list(null, region, null) : List.of())
                : selection.unknown().isEmpty() ? selection.stores() : List.of();
        model.addAttribute("title", title.strip());
        model.addAttribute("status", parseOrNull(status));
        model.addAttribute("message", message.strip());
        model.addAttribute("messageEn", messageEn.strip());
        model.addAttribute("region", byRegion ? region : "");
        model.addAttribute("unknown", selection.unknown());
        model.addAttribute("affected", affected);
        model.addAttribute("counts", network.countByStatus(affected));
        model.addAttribute("statuses", StoreStatus.values());
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
