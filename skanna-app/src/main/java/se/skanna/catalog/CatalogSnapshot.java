package se.skanna.catalog;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import se.skanna.shared.ClusterSignals;

/**
 * The whole catalog in memory, so a scan costs a few map look-ups and no database round trip. Replaced as a
 * whole after an import commits here, at once when another node signals an import (PostgreSQL NOTIFY), and
 * within a few seconds in any case (it polls the catalog version as a safety net).
 */
@Component
class CatalogSnapshot {

    private static final Logger log = LoggerFactory.getLogger(CatalogSnapshot.class);

    private final CatalogRepository repository;
    private volatile Data data;

    CatalogSnapshot(CatalogRepository repository) {
        this.repository = repository;
    }

    record Data(
            long version,
            Map<String, Product> products,
            Map<String, Map<String, NavigableMap<Instant, Long>>> storePrices,
            Map<String, NavigableMap<Instant, Integer>> vatRates,
            List<Offer> offers) {}

    Data data() {
        Data current = data;
        if (current == null) {
            synchronized (this) {
                if (data == null) {
                    data = load(repository.version());
                }
                current = data;
            }
        }
        return current;
    }

    @Scheduled(fixedDelayString = "${skanna.catalog.refresh-interval:5s}")
    void pollForImportsElsewhere() {
        Data current = data;
        if (current != null && repository.version() != current.version()) {
            reload();
        }
    }

    /** Another node imported (PostgreSQL NOTIFY): look now rather than at the next poll. */
    @EventListener
    void onClusterSignal(ClusterSignals.Signal signal) {
        if (signal.concerns(ClusterSignals.CATALOG)) {
            pollForImportsElsewhere();
        }
    }

    synchronized void reload() {
        long started = System.nanoTime();
        data = load(repository.version());
        log.info(
                "Catalog loaded: {} products, {} offers in {} ms",
                data.products().size(),
                data.offers().size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private Data load(long version) {
        Map<String, Product> products = new HashMap<>();
        repository.forEachProduct(product -> products.put(product.gtin(), product));
        Map<String, Map<String, NavigableMap<Instant, Long>>> storePrices = new HashMap<>();
        for (CatalogRepository.StorePrice price : repository.storePrices()) {
            storePrices
                    .computeIfAbsent(price.storeId(), id -> new HashMap<>())
                    .computeIfAbsent(price.gtin(), gtin -> new TreeMap<>())
                    .put(price.validFrom(), price.price());
        }
        Map<String, NavigableMap<Instant, Integer>> vatRates = new HashMap<>();
        for (CatalogRepository.VatRate rate : repository.vatRates()) {
            vatRates.computeIfAbsent(rate.vatClass(), c -> new TreeMap<>()).put(rate.validFrom(), rate.rate());
        }
        return new Data(
                version, java.util.Collections.unmodifiableMap(products), storePrices, vatRates, repository.offers());
    }
}
