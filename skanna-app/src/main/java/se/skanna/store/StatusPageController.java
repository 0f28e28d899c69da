package se.skanna.store;

import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Collator;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.WebRequest;

/**
 * The public status page: which stores are open, which sell in the app only, which are closed; searchable, near
 * the reader (browser location or a postcode), 50 stores a page grouped by region; a page per store; a map.
 * Rendered on the server so it works without JavaScript; a small module keeps it live through
 * {@code /stores/events}.
 */
@Controller
class StatusPageController {

    static final int PAGE_SIZE = 50;
    private static final Locale SWEDISH = Locale.forLanguageTag("sv");

    private final StoreNetwork network;
    private final StoreMap map;
    private final Clock clock;
    private final boolean swish;

    StatusPageController(
            StoreNetwork network,
            StoreMap map,
            Clock clock,
            @Value("${skanna.payment.swish.enabled:false}") boolean swish) {
        this.network = network;
        this.map = map;
        this.clock = clock;
        this.swish = swish;
    }

    /** A store as a row of the list: its message in the reader's language, its distance when sorted by it. */
    record Row(Store store, String message, String distance) {}

    /** The rows of one region on this page. */
    record Group(String region, List<Row> rows) {}

    /** A link to another page of the list. */
    record PageLink(int number, String href, boolean current) {}

    @GetMapping("/")
    String home() {
        return "redirect:/stores";
    }

    @GetMapping("/stores")
    String stores(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String near,
            @RequestParam(required = false) String postcode,
            @RequestParam(required = false) String page,
            WebRequest request,
            Locale locale,
            Model model) {
        StoreStatus wanted = parseOrNull(status);
        String etag = "W/\"page-" + network.revision() + "-" + locale.toLanguageTag() + "\"";
        if (request.checkNotModified(etag)) {
            return null;
        }
        List<Store> all = network.list(null, null, null);
        List<Store> searched = network.list(null, region, q);
        List<Store> shown = network.list(wanted, region, q);

        String postcodeText = postcode == null ? "" : postcode.strip();
        GeoPoint origin = GeoPoint.parseOrNull(near);
        boolean postcodeUnknown = false;
        if (origin == null && !postcodeText.isEmpty()) {
            origin = network.locate(postcodeText).orElse(null);
            postcodeUnknown = origin == null;
        }
        List<Row> rows = new ArrayList<>();
        if (origin != null) {
            GeoPoint from = origin;
            shown.stream()
                    .sorted(Comparator.comparingDouble(
                            (Store store) -> store.located() ? from.kmTo(store) : Double.MAX_VALUE))
                    .forEach(store -> rows.add(new Row(
                            store,
                            store.messages().in(locale),
                            store.located() ? distance(from.kmTo(store), locale) : null)));
        } else {
            Collator collator = Collator.getInstance(SWEDISH);
            shown.stream()
                    .sorted(Comparator.comparing(Store::region, collator).thenComparing(Store::name, collator))
                    .forEach(store -> rows.add(new Row(store, store.messages().in(locale), null)));
        }
        int pages = Math.max(1, (rows.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.clamp(parsePage(page), 1, pages);
        List<Row> onPage = rows.subList((current - 1) * PAGE_SIZE, Math.min(rows.size(), current * PAGE_SIZE));

        List<Group> groups = new ArrayList<>();
        if (origin != null) {
            groups.add(new Group(null, onPage));
        } else {
            Map<String, List<Row>> byRegion = new LinkedHashMap<>();
            onPage.forEach(row -> byRegion.computeIfAbsent(row.store().region(), r -> new ArrayList<>())
                    .add(row));
            byRegion.forEach((name, regionRows) -> groups.add(new Group(name, regionRows)));
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("q", q);
        params.put("region", region);
        params.put("status", wanted == null ? null : wanted.name());
        params.put("near", origin != null && postcodeText.isEmpty() ? origin.text() : null);
        params.put("postcode", postcodeText);
        List<PageLink> links = new ArrayList<>();
        for (int n = 1; n <= pages && pages > 1; n++) {
            links.add(new PageLink(n, href(params, n), n == current));
        }

        model.addAttribute("groups", groups);
        model.addAttribute("shownCount", shown.size());
        model.addAttribute("counts", network.countByStatus(searched));
        model.addAttribute("filtered", searched.size() != all.size());
        model.addAttribute("total", all.size());
        model.addAttribute("regions", network.regions());
        model.addAttribute("statuses", StoreStatus.values());
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("region", region == null ? "" : region);
        model.addAttribute("status", wanted == null ? "" : wanted.name());
        model.addAttribute("postcode", postcodeText);
        model.addAttribute("postcodeUnknown", postcodeUnknown);
        model.addAttribute("nearby", origin != null);
        model.addAttribute("byLocation", origin != null && postcodeText.isEmpty());
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        model.addAttribute("pageLinks", links);
        model.addAttribute("previous", current > 1 ? href(params, current - 1) : null);
        model.addAttribute("next", current < pages ? href(params, current + 1) : null);
        model.addAttribute("revision", network.revision());
        return "stores";
    }

    /** One store's page: what works there now, its message, address and opening hours, a link to the app. */
    @GetMapping(path = "/stores/{storeId}", produces = MediaType.TEXT_HTML_VALUE)
    String store(@PathVariable String storeId, Locale locale, Model model, HttpServletResponse response) {
        if (!network.exists(storeId)) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("storeId", storeId);
            return "store-not-found";
        }
        Store store = network.get(storeId);
        model.addAttribute("store", store);
        model.addAttribute("message", store.messages().in(locale));
        model.addAttribute("appWorks", store.status().sellsInApp());
        model.addAttribute("tillsWork", store.status() == StoreStatus.OPEN);
        model.addAttribute("swish", swish && store.status().sellsInApp());
        model.addAttribute("statuses", StoreStatus.values());
        OpeningHours hours = hours(store);
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(se.skanna.shared.Times.SWEDEN));
        model.addAttribute("hours", hours == null ? List.of() : hours.lines(locale));
        model.addAttribute("openNow", hours != null && hours.openAt(now));
        model.addAttribute(
                "closesAt",
                hours == null
                        ? null
                        : hours.closesAt(now)
                                .map(time -> "%02d%s%02d"
                                        .formatted(
                                                time.getHour(),
                                                "en".equals(locale.getLanguage()) ? ":" : ".",
                                                time.getMinute()))
                                .orElse(null));
        return "store-page";
    }

    /** The same address asked for JSON: the store as the API gives it. */
    @GetMapping(path = "/stores/{storeId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Store> storeJson(@PathVariable String storeId) {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(0, TimeUnit.SECONDS).cachePublic())
                .body(network.get(storeId));
    }

    /** Sweden with every store as a dot in its status colour: a page, live like the list. */
    @GetMapping("/stores/map")
    String mapPage(WebRequest request, Locale locale, Model model) {
        String etag = "W/\"map-" + network.revision() + "-" + locale.toLanguageTag() + "\"";
        if (request.checkNotModified(etag)) {
            return null;
        }
        List<Store> all = network.list(null, null, null);
        model.addAttribute("svg", map.render(all, locale));
        model.addAttribute(
                "counts",
                network.countByStatus(all.stream().filter(Store::located).toList()));
        model.addAttribute(
                "unplaced", all.stream().filter(store -> !store.located()).count());
        model.addAttribute("statuses", StoreStatus.values());
        model.addAttribute("revision", network.revision());
        return "stores-map";
    }

    /** The map as an image of its own: the list page's thumbnail, and for anyone to embed. */
    @GetMapping(path = "/stores/map.svg", produces = "image/svg+xml")
    ResponseEntity<String> mapImage(WebRequest request, Locale locale) {
        String etag = "W/\"map-svg-" + network.revision() + "-" + locale.toLanguageTag() + "\"";
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(5, TimeUnit.SECONDS).cachePublic())
                .eTag(etag)
                .body(map.document(network.list(null, null, null), locale));
    }

    /** Short shared caching lets a CDN absorb a rush on the page; the live stream covers the gap. */
    @ModelAttribute
    void cacheHeaders(HttpServletResponse response) {
        response.setHeader(
                "Cache-Control",
                CacheControl.maxAge(5, TimeUnit.SECONDS).cachePublic().getHeaderValue());
        // the page is rendered in the reader's language: caches must keep one copy per language
        response.setHeader("Vary", "Accept-Language");
    }

    private static OpeningHours hours(Store store) {
        if (store.openingHours() == null) {
            return null;
        }
        try {
            return OpeningHours.parse(store.openingHours());
        } catch (IllegalArgumentException e) {
            return null; // checked on import; a store from before that has none worth showing
        }
    }

    /** "350 m", "4,2 km", "37 km" in Swedish; "4.2 km" in English. */
    static String distance(double km, Locale locale) {
        if (km < 1) {
            return Math.max(10, Math.round(km * 100) * 10) + " m";
        }
        if (km < 10) {
            return String.format(locale, "%.1f km", km);
        }
        return Math.round(km) + " km";
    }

    private static String href(Map<String, String> params, int page) {
        StringBuilder href = new StringBuilder("/stores?");
        params.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                href.append(name)
                        .append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8))
                        .append('&');
            }
        });
        return href.append("page=").append(page).toString();
    }

    private static int parsePage(String page) {
        try {
            return page == null ? 1 : Integer.parseInt(page.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
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
