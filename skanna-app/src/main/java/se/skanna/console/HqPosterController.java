package se.skanna.console;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;
import se.skanna.shopper.EntrancePoster;
import se.skanna.staff.AccessPolicy;
import se.skanna.store.Store;
import se.skanna.store.StoreNetwork;
import se.skanna.store.StoreStatus;
import se.skanna.web.PublicUrl;

/**
 * Entrance posters in bulk (HQ only): one printable HTML document with one A4 poster per store, for the
 * stores of the HQ console's filter (region, status) or of a hand-picked selection; at most {@link #MAX_POSTERS}.
 */
@Controller
class HqPosterController {

    static final int MAX_POSTERS = 1000;

    private final AccessPolicy access;
    private final StoreNetwork network;
    private final PublicUrl publicUrl;

    HqPosterController(AccessPolicy access, StoreNetwork network, PublicUrl publicUrl) {
        this.access = access;
        this.network = network;
        this.publicUrl = publicUrl;
    }

    /** The stores the HQ console's filter shows (every page of it): a region, a status and/or a search, or every store. */
    @GetMapping("/console/hq/posters")
    String forFilter(
            @RequestParam(defaultValue = "") String region,
            @RequestParam(defaultValue = "") String status,
            @RequestParam(defaultValue = "") String q,
            Model model,
            HttpServletResponse response) {
        access.requireHq();
        StoreStatus wanted =
                status.isBlank() ? null : StoreStatus.parse(status.strip().toUpperCase(Locale.ROOT));
        List<Store> stores = network.list(wanted, region.isBlank() ? null : region, q.isBlank() ? null : q.strip());
        return document(stores, model, response);
    }

    /** The stores ticked in the HQ console's table and/or pasted as ids; an unknown id prints nothing. */
    @PostMapping("/console/hq/posters")
    String forSelection(
            @RequestParam(required = false) List<String> storeIds,
            @RequestParam(defaultValue = "") String storeIdList,
            Model model,
            HttpServletResponse response) {
        access.requireHq();
        Selection selection = Selection.of(storeIds, storeIdList, network);
        if (!selection.unknown().isEmpty()) {
            throw new ProblemException(
                    ErrorCode.UNKNOWN_STORES,
                    "No store has the id " + String.join(", ", selection.unknown()) + "; no posters were made.");
        }
        return document(selection.stores(), model, response);
    }

    private String document(List<Store> stores, Model model, HttpServletResponse response) {
        if (stores.isEmpty()) {
            throw ProblemException.invalidField("storeIds", "No stores chosen: choose a region or tick stores.");
        }
        if (stores.size() > MAX_POSTERS) {
            throw ProblemException.invalidField(
                    "storeIds",
                    stores.size() + " stores chosen; one document holds at most " + MAX_POSTERS
                            + " posters. Choose a region or fewer stores.");
        }
        String base = publicUrl.base();
        model.addAttribute(
                "posters",
                stores.stream().map(store -> EntrancePoster.of(store, base)).toList());
        response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
        return "shopper/posters";
    }
}
