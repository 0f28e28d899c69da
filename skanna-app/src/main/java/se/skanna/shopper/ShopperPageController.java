package se.skanna.shopper;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import se.skanna.payment.Checkout;
import se.skanna.store.Store;
import se.skanna.store.StoreNetwork;
import se.skanna.store.StoreStatus;
import se.skanna.web.PublicUrl;

/**
 * The shopper's web app, opened by the store's entrance QR code ({@code /s/{storeId}}), its web app manifest,
 * and the printable entrance poster carrying that QR code. The app itself is static ES modules under
 * {@code /js/shopper/} talking to the trip API; this page only brings the store and the texts.
 */
@Controller
class ShopperPageController {

    /** Texts the app's modules need, handed over in the page so the app speaks the page's language. */
    static final List<String> SCRIPT_TEXTS = List.of(
            "app.added",
            "app.pending",
            "app.queued",
            "app.synced",
            "app.offline",
            "app.error.network",
            "app.error.generic",
            "app.error.empty",
            "app.quantity",
            "app.weight",
            "app.remove",
            "app.increase",
            "app.decrease",
            "app.removed",
            "app.empty",
            "app.pay",
            "app.pay.swish",
            "app.pay.test",
            "app.swish.waiting",
            "app.paying",
            "app.paid",
            "app.declined",
            "app.payment.pending",
            "app.receipt.number",
            "app.pass.expires",
            "app.pass.label",
            "app.deposit",
            "app.vat.rate",
            "app.trip.expired",
            "app.camera.scanning",
            "app.camera.starting",
            "app.camera.denied",
            "app.camera.missing",
            "app.camera.failed",
            "app.camera.read",
            "app.assist.notified",
            "app.assist.coming",
            "app.assist.resolved",
            "app.problem.unknown_product",
            "app.problem.invalid_barcode",
            "app.problem.weight_required",
            "app.problem.implausible_label",
            "app.problem.invalid_quantity",
            "app.problem.too_many_requests");

    private final StoreNetwork network;
    private final Checkout checkout;
    private final MessageSource messages;
    private final PublicUrl publicUrl;

    ShopperPageController(StoreNetwork network, Checkout checkout, MessageSource messages, PublicUrl publicUrl) {
        this.network = network;
        this.checkout = checkout;
        this.messages = messages;
        this.publicUrl = publicUrl;
    }

    @GetMapping("/s/{storeId}")
    String app(@PathVariable String storeId, Model model, HttpServletResponse response) {
        response.setHeader("Cache-Control", CacheControl.noCache().getHeaderValue());
        response.setHeader("Vary", "Accept-Language");
        if (!network.exists(storeId)) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("storeId", storeId);
            return "shopper/closed";
        }
        Store store = network.get(storeId);
        model.addAttribute("store", store);
        if (store.status() == StoreStatus.CLOSED) {
            return "shopper/closed";
        }
        model.addAttribute("texts", SCRIPT_TEXTS);
        model.addAttribute("methods", checkout.methods());
        return "shopper/app";
    }

    @GetMapping(path = "/s/{storeId}/manifest.webmanifest", produces = "application/manifest+json")
    @ResponseBody
    Map<String, Object> manifest(@PathVariable String storeId, Locale locale) {
        String name = network.exists(storeId) ? network.get(storeId).name() : "Skanna";
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("name", "Skanna – " + name);
        manifest.put("short_name", "Skanna");
        manifest.put("description", messages.getMessage("app.lead", null, locale));
        manifest.put("lang", locale.getLanguage());
        manifest.put("start_url", "/s/" + storeId);
        manifest.put("scope", "/s/");
        manifest.put("display", "standalone");
        manifest.put("background_color", "#ffffff");
        manifest.put("theme_color", "#1b1f24");
        manifest.put(
                "icons",
                List.of(
                        Map.of("src", "/img/skanna-icon.svg", "sizes", "any", "type", "image/svg+xml"),
                        Map.of(
                                "src",
                                "/img/skanna-icon.svg",
                                "sizes",
                                "any",
                                "type",
                                "image/svg+xml",
                                "purpose",
                                "maskable")));
        return manifest;
    }

    @GetMapping("/stores/{storeId}/poster")
    String poster(@PathVariable String storeId, Model model, HttpServletResponse response) {
        if (!network.exists(storeId)) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("storeId", storeId);
            return "shopper/closed"; // a page, like the app's own: a poster link is opened by people
        }
        EntrancePoster poster = EntrancePoster.of(network.get(storeId), publicUrl.base());
        model.addAttribute("poster", poster);
        response.setHeader("Cache-Control", CacheControl.noCache().getHeaderValue());
        return "shopper/poster";
    }
}
