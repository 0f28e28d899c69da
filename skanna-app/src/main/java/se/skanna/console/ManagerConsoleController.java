package se.skanna.console;

import static se.skanna.shared.Times.SWEDEN;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.skanna.exit.Audits;
import se.skanna.payment.Sales;
import se.skanna.staff.AccessPolicy;
import se.skanna.staff.ActionLog;
import se.skanna.staff.Role;
import se.skanna.staff.StaffPrincipal;
import se.skanna.store.Store;
import se.skanna.store.StoreNetwork;
import se.skanna.store.StoreStatus;
import se.skanna.trip.Trips;

/**
 * A store manager's view (MANAGER of the store, HQ): the store's status and message, and today (Swedish day) in
 * the store: trips started, paid, open and abandoned, sales and refunds, audits with their outcomes.
 */
@Controller
class ManagerConsoleController {

    private final AccessPolicy access;
    private final StoreNetwork network;
    private final Audits audits;
    private final Trips trips;
    private final Sales sales;
    private final ActionLog log;
    private final Clock clock;

    ManagerConsoleController(
            AccessPolicy access,
            StoreNetwork network,
            Audits audits,
            Trips trips,
            Sales sales,
            ActionLog log,
            Clock clock) {
        this.access = access;
        this.network = network;
        this.audits = audits;
        this.trips = trips;
        this.sales = sales;
        this.log = log;
        this.clock = clock;
    }

    @ModelAttribute("me")
    StaffPrincipal me() {
        return access.current();
    }

    @GetMapping("/console/stores/{storeId}/manager")
    String manager(@PathVariable String storeId, Model model) {
        access.requireInStore(Role.MANAGER, storeId);
        Store store = network.get(storeId);
        // "today" is the store's day in Sweden, from the injected clock
        LocalDate today = LocalDate.now(clock.withZone(SWEDEN));
        Instant from = today.atStartOfDay(SWEDEN).toInstant();
        Instant to = today.plusDays(1).atStartOfDay(SWEDEN).toInstant();
        model.addAttribute("store", store);
        model.addAttribute("statuses", StoreStatus.values());
        model.addAttribute("today", today);
        model.addAttribute("trips", trips.startedBetween(storeId, from, to));
        model.addAttribute("sales", sales.between(storeId, from, to));
        model.addAttribute("audits", audits.forStore(storeId, from, to));
        return "console/manager";
    }

    @PostMapping("/console/stores/{storeId}/manager/status")
    String changeStatus(
            @PathVariable String storeId,
            @RequestParam(defaultValue = "") String status,
            @RequestParam(defaultValue = "") String message,
            @RequestParam(defaultValue = "") String messageEn,
            @RequestParam(defaultValue = "") String confirmed,
            @RequestParam MultiValueMap<String, String> form,
            Model model,
            RedirectAttributes redirect) {
        access.requireInStore(Role.MANAGER, storeId);
        Store store = network.get(storeId);
        // closing is a step of its own: a page that names the store and what closing does, then a second post
        if (StoreStatus.CLOSED.name().equals(status.strip())
                && store.status() != StoreStatus.CLOSED
                && !"yes".equals(confirmed)) {
            model.addAttribute("store", store);
            model.addAttribute("message", message.strip());
            // every field of the form goes back unchanged, whatever the form holds
            Map<String, List<String>> fields = new LinkedHashMap<>(form);
            fields.remove("_csrf");
            fields.remove("confirmed");
            model.addAttribute("fields", fields);
            return "console/manager-close";
        }
        network.changeStatus(
                storeId, status, message, messageEn); // logged by the store module, as a change through the API is
        redirect.addFlashAttribute("saved", true);
        return "redirect:/console/stores/" + storeId + "/manager";
    }
}
