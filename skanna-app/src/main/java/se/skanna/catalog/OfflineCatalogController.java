package se.skanna.catalog;

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
import se.skanna.shared.Sha256;
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
    /** Full answers of the stores asked about most recently, by store and version (an LRU of a few dozen). */
    private final java.util.Map<String, byte[]> fullAnswers;

    OfflineCatalogController(
            CatalogSnapshot snapshot,
            Catalog catalog,
            CatalogRepository repository,
            StoreNetwork stores,
            Barcodes barcodes,
            Clock clock,
            tools.jackson.databind.ObjectMapper json,
            @Value("${skanna.offline-catalog.stale-after:6h}") Duration staleAfter,
            @Value("${skanna.offline-catalog.cached-stores:50}") int cachedStores) {
        this.snapshot = snapshot;
        this.catalog = catalog;
        this.repository = repository;
        this.stores = stores;
        this.barcodes = barcodes;
        this.clock = clock;
        this.json = json;
        this.staleAfter = staleAfter;
        this.fullAnswers = new java.util.LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<String, byte[]> eldest) {
                return size() > cachedStores;
            }
        };
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
        String version = version(storeId, now);
        // weak: the same content whether or not it is gzipped (Tomcat compresses nothing with a strong ETag)
        String etag = "W/\"" + version + "\"";
        if (request.checkNotModified(etag)) {
            return null; // the usual answer to a phone's refresh: costs a few map look-ups, no rows
        }
        boolean delta = from != null && from.isAfter(now.minus(LONGEST_DELTA)) && !from.isAfter(now);
        byte[] body = delta ? build(storeId, version, now, from) : full(storeId, version, now);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noCache())
                .eTag(etag)
                .body(body);
    }

    /** The whole snapshot, built once per store and version for the stores asked about most recently. */
    private byte[] full(String storeId, String version, Instant now) {
        String key = storeId + "/" + version;
        synchronized (fullAnswers) {
            byte[] cached = fullAnswers.get(key);
            if (cached != null) {
                return cached;
            }
        }
        byte[] built = build(storeId, version, now, null);
        synchronized (fullAnswers) {
            fullAnswers.put(key, built);
        }
        return built;
    }

    private byte[] build(String storeId, String version, Instant now, Instant since) {
        List<List<Object>> products = new ArrayList<>();
        Set<String> changed = since == null ? null : repository.changedFor(storeId, since.minus(OVERLAP), now);
        snapshot.data().products().values().stream()
                .filter(product -> changed == null || changed.contains(product.gtin()))
                .sorted(java.util.Comparator.comparing(Product::gtin))
                .forEach(product -> products.add(row(storeId, product, now)));
        List<OfferRow> offers = catalog.offers(storeId, now).stream()
                .sorted(java.util.Comparator.comparing(Offer::id))
                .map(OfflineCatalogController::offerRow)
                .toList();
        return json.writeValueAsBytes(new OfflineCatalog(
                storeId,
                version,
                now,
                now.plus(staleAfter),
                since,
                "SEK",
                FIELDS,
                products,
                offers,
                barcodes.layouts()));
    }

    /**
     * The snapshot's version without building it: what its content depends on, hashed. The catalog version
     * (every import), the latest store price and offer start or end that has come into force, the layouts.
     */
    private String version(String storeId, Instant now) {
        CatalogSnapshot.Data data = snapshot.data();
        Instant lastPrice = Instant.EPOCH;
        var prices = data.storePrices().get(storeId);
        if (prices != null) {
            for (var history : prices.values()) {
                Instant inForce = history.floorKey(now);
                if (inForce != null && inForce.isAfter(lastPrice)) {
                    lastPrice = inForce;
                }
            }
        }
        Instant lastOffer = Instant.EPOCH;
        for (Offer offer : data.offers()) {
            for (Instant edge : java.util.Arrays.asList(offer.validFrom(), offer.validTo())) {
                if (edge != null && !edge.isAfter(now) && edge.isAfter(lastOffer)) {
                    lastOffer = edge;
                }
            }
        }
        String basis = data.version() + "|" + storeId + "|" + lastPrice + "|" + lastOffer + "|" + barcodes.layouts()
                + "|" + staleAfter;
        return HexFormat.of().formatHex(Sha256.digest(basis), 0, 12);
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
