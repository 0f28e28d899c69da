package se.skanna.console;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;
import se.skanna.staff.AccessPolicy;
import se.skanna.staff.Role;
import se.skanna.staff.StaffPrincipal;
import se.skanna.store.Store;
import se.skanna.store.StoreNetwork;

/** Where a signed-in account lands: HQ on the HQ console, staff in their store (or a choice of stores). */
@Controller
class ConsoleHomeController {

    private final AccessPolicy access;
    private final StoreNetwork network;

    ConsoleHomeController(AccessPolicy access, StoreNetwork network) {
        this.access = access;
        this.network = network;
    }

    @ModelAttribute("me")
    StaffPrincipal me() {
        return access.current();
    }

    @GetMapping("/console")
    String home(Model model) {
        StaffPrincipal me = access.current();
        if (me.role() == Role.HQ) {
            return "redirect:/console/hq";
        }
        List<Store> stores = me.storeIds().stream()
                .filter(network::exists)
                .map(network::get)
                .sorted(java.util.Comparator.comparing(Store::name))
                .toList();
        if (stores.size() == 1) {
            return "redirect:/console/stores/" + stores.getFirst().id();
        }
        model.addAttribute("stores", stores);
        return "console/index";
    }

    /** Anything else under /console is a console 404 page, not the API's problem+json. */
    @RequestMapping("/console/**")
    String unknown() {
        access.current();
        throw new ProblemException(ErrorCode.NOT_FOUND, "There is no console page at this address.");
    }
}
