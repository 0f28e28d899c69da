package se.skanna.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import se.skanna.barcode.Barcodes;
import se.skanna.gs1.VariableMeasureLayout;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;
import se.skanna.store.StoreNetwork;

/**
 * The offline product snapshot a shopper's phone keeps for its store, so a scan made without network shows a
 * name and an estimated price. Compact (one array per product), versioned by an ETag over its content, and
 * kept fresh with deltas: {@code ?since=} the snapshot's {@code generatedAt} answers only the products that
 * may have changed since. The server stays the price authority: the phone shows these prices as estimates.
 */
@RestController
class OfflineCatalogController {

    /** The columns of each product row, in order. */
    static final List<String> FIELDS = List.of("gtin", "name", "price", "deposit", "ageLimit", "unit");

    /** Changes committed around the moment a snapshot was made are sent again rather than missed. */
    private static final Duration OVERLAP = Duration.ofMinutes(1);

    private static final Duration LONGEST_DELTA = Duration.ofDays(30);

    private final CatalogSnapshot snapshot;
    private final Catalog catalog;
    private final CatalogRepository repository;
    private final StoreNetwork stores;
    private final Barcodes barcodes;
    private final Clock clock;
    private final tools.jackson.databind.ObjectMapper json;
    private final Duration staleAfter;

    OfflineCatalogController(
            CatalogSnapshot snapshot,
            Catalog catalog,
            CatalogRepository repository,
            StoreNetwork stores,
            Barcodes barcodes,
            Clock clock,
            tools.jackson.databind.ObjectMapper json,
            @Value("${skanna.offline-catalog.stale-after:6h}") Duration staleAfter) {
        this.snapshot = snapshot;
        this.catalog = catalog;
        this.repository = repository;
        this.stores = stores;
        this.barcodes = barcodes;
        this.clock = clock;
        this.json = json;
        this.staleAfter = staleAfter;
    }

    record OfferRow(
            String id,
            String description,
            String type,
            Integer n,
            Integer m,
            Long price,
            Integer percent,
            Integer limitPerTrip,
            List<String> gtins,
            Instant validTo) {}

    record OfflineCatalog(
            String storeId,
            String version,
            Instant generatedAt,
            Instant freshUntil,
            Instant since,
            String currency,
            List<String> fields,
            List<List<Object>> products,
            List<OfferRow> offers,
            List<VariableMeasureLayout> layouts) {}

    @GetMapping(path = "/api/v1/stores/{storeId}/offline-catalog", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> offlineCatalog(
            @PathVariable String storeId, @RequestParam(required = false) String since, WebRequest request) {
        if (!stores.exists(storeId)) {
            throw new ProblemException(ErrorCode.STORE_NOT_FOUND, "There is no store " + storeId + ".");
        }
        Instant from = since == null ? null : parseSince(since);
        Instant now = clock.instant();
        List<List<Object>> all = new ArrayList<>();
        snapshot.data().products().values().stream()
                .sorted(java.util.Comparator.comparing(Product::gtin))
                .forEach(product -> all.add(row(storeId, product, now)));
        List<OfferRow> offers = catalog.offers(storeId, now).stream()
                .sorted(java.util.Comparator.comparing(Offer::id))
                .map(OfflineCatalogController::offerRow)
                .toList();
        String version = version(all, offers);
        String etag = "\"" + version + "\"";
        CacheControl revalidate = CacheControl.noCache();
        if (request.checkNotModified(etag)) {
            return null;
        }
        List<List<Object>> products = all;
        Instant deltaFrom = null;
        if (from != null && from.isAfter(now.minus(LONGEST_DELTA)) && !from.isAfter(now)) {
            deltaFrom = from;
            Set<String> changed = repository.changedFor(storeId, from.minus(OVERLAP), now);
            products = all.stream()
                    .filter(r -> changed.contains((String) r.get(0)))
                    .toList();
        }
        OfflineCatalog answer = new OfflineCatalog(
                storeId,
                version,
                now,
                now.plus(staleAfter),
                deltaFrom,
                "SEK",
                FIELDS,
                products,
                offers,
                barcodes.layouts());
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(revalidate)
                .eTag(etag)
                .body(json.writeValueAsBytes(answer));
    }

    private List<Object> row(String storeId, Product product, Instant now) {
        return Arrays.asList(
                product.gtin(),
                product.name(),
                catalog.price(storeId, product, now),
                product.deposit(),
                product.ageLimit(),
                product.unit().name());
    }

    private static OfferRow offerRow(Offer offer) {
        return new OfferRow(
                offer.id(),
                offer.description(),
                offer.type().name(),
                offer.n(),
                offer.m(),
                offer.price(),
                offer.percent(),
                offer.limitPerTrip(),
                offer.gtins().stream().sorted().toList(),
                offer.validTo());
    }

    private String version(List<List<Object>> products, List<OfferRow> offers) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(json.writeValueAsBytes(products));
            digest.update(json.writeValueAsBytes(offers));
            digest.update(barcodes.layouts().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant parseSince(String since) {
        try {
            return Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw new ProblemException(
                    ErrorCode.INVALID_PARAMETER,
                    "since must be an ISO-8601 instant, the generatedAt of an earlier snapshot.",
                    java.util.Map.of("parameter", "since"));
        }
    }
}
