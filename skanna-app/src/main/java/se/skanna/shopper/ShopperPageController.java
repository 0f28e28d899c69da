package se.skanna.shopper;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
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
            "app.problem.too_many_requests",
            "app.estimated",
            "app.snapshot.stale",
            "app.snapshot.missing",
            "app.price.changed",
            "app.label.price",
            "app.age.badge",
            "app.age.pending",
            "app.age.waiting",
            "app.age.approved",
            "app.store.closed",
            "app.store.appOnly",
            "app.store.open",
            "app.declined.declined",
            "app.declined.error",
            "app.declined.cancelled",
            "app.declined.failed",
            "app.declined.timeout",
            "app.declined.other",
            "app.payment.cancelled",
            "app.problem.payment_not_cancellable",
            "app.pass.unavailable",
            "app.trip.wait",
            "app.assist.wait");

    /** Tells the service worker which page this is: only the app itself is kept for offline opens. */
    static final String PAGE_HEADER = "X-Skanna-Page";

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
    String app(
            @PathVariable String storeId,
            @RequestParam(required = false) String resume,
            Model model,
            HttpServletResponse response) {
        response.setHeader("Cache-Control", CacheControl.noCache().getHeaderValue());
        response.setHeader("Vary", "Accept-Language");
        if (!network.exists(storeId)) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            response.setHeader(PAGE_HEADER, "closed");
            model.addAttribute("storeId", storeId);
            return "shopper/closed";
        }
        Store store = network.get(storeId);
        model.addAttribute("store", store);
        // a closed store's page, unless the phone has a trip here (closed.js asks with ?resume): a paid trip
        // always reaches its receipt and exit pass, whatever the store's status
        if (store.status() == StoreStatus.CLOSED && resume == null) {
            response.setHeader(PAGE_HEADER, "closed");
            return "shopper/closed";
        }
        model.addAttribute("texts", SCRIPT_TEXTS);
        model.addAttribute("methods", checkout.methods());
        return "shopper/app";
    }

    /** The shopper app's web app manifest (W3C Web Application Manifest). */
    @JsonPropertyOrder({
        "name",
        "short_name",
        "description",
        "lang",
        "start_url",
        "scope",
        "display",
        "background_color",
        "theme_color",
        "icons"
    })
    record Manifest(
            String name,
            @JsonProperty("short_name") String shortName,
            String description,
            String lang,
            @JsonProperty("start_url") String startUrl,
            String scope,
            String display,
            @JsonProperty("background_color") String backgroundColor,
            @JsonProperty("theme_color") String themeColor,
            List<Icon> icons) {

        /** An icon; {@code purpose} is absent for an ordinary one. */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonPropertyOrder({"src", "sizes", "type", "purpose"})
        record Icon(String src, String sizes, String type, String purpose) {}
    }

    @GetMapping(path = "/s/{storeId}/manifest.webmanifest", produces = "application/manifest+json")
    @ResponseBody
    Manifest manifest(@PathVariable String storeId, Locale locale) {
        String name = network.exists(storeId) ? network.get(storeId).name() : "Skanna";
        return new Manifest(
                "Skanna – " + name,
                "Skanna",
                messages.getMessage("app.lead", null, locale),
                locale.getLanguage(),
                "/s/" + storeId,
                "/s/",
                "standalone",
                "#ffffff",
                "#1b1f24",
                List.of(
                        new Manifest.Icon("/img/skanna-icon.svg", "any", "image/svg+xml", null),
                        new Manifest.Icon("/img/skanna-icon.svg", "any", "image/svg+xml", "maskable")));
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
