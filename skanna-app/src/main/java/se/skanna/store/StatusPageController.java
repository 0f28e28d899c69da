package se.skanna.store;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.WebRequest;

/**
 * The public status page: which stores are open, which sell in the app only, which are closed. Rendered on
 * the server so it works without JavaScript; a small module keeps it live through {@code /stores/events}.
 */
@Controller
class StatusPageController {

    private final StoreNetwork network;

    StatusPageController(StoreNetwork network) {
        this.network = network;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/stores";
    }

    @GetMapping("/stores")
    String stores(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String status,
            WebRequest request,
            java.util.Locale locale,
            Model model) {
        StoreStatus wanted = parseOrNull(status);
        String etag = "W/\"page-" + network.revision() + "-" + locale.toLanguageTag() + "\"";
        if (request.checkNotModified(etag)) {
            return null;
        }
        List<Store> all = network.list(null, null, null);
        List<Store> shown = network.list(wanted, region, q);
        model.addAttribute("stores", shown);
        model.addAttribute("counts", network.countByStatus(all));
        model.addAttribute("total", all.size());
        model.addAttribute("regions", network.regions());
        model.addAttribute("statuses", StoreStatus.values());
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("region", region == null ? "" : region);
        model.addAttribute("status", wanted == null ? "" : wanted.name());
        return "stores";
    }

    /** Short shared caching lets a CDN absorb a rush on the page; the live stream covers the gap. */
    @org.springframework.web.bind.annotation.ModelAttribute
    void cacheHeaders(jakarta.servlet.http.HttpServletResponse response) {
        response.setHeader(
                "Cache-Control",
                CacheControl.maxAge(5, TimeUnit.SECONDS).cachePublic().getHeaderValue());
        // the page is rendered in the reader's language: caches must keep one copy per language
        response.setHeader("Vary", "Accept-Language");
    }

    private static StoreStatus parseOrNull(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return StoreStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
