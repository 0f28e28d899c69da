package se.skanna.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import se.skanna.barcode.Barcodes;
import se.skanna.gs1.Barcode;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;
import se.skanna.store.StoreNetwork;

/** Products, their prices in each store, VAT and offers, answered from memory. */
@Service
public class Catalog {

    /** VAT classes the catalog knows; their rates are effective-dated data, not code. */
    public static final Set<String> VAT_CLASSES = Set.of("FOOD", "FOOD_ALCOHOLIC", "STANDARD", "CULTURE");

    private final CatalogSnapshot snapshot;
    private final Barcodes barcodes;
    private final StoreNetwork stores;
    private final Clock clock;

    Catalog(CatalogSnapshot snapshot, Barcodes barcodes, StoreNetwork stores, Clock clock) {
        this.snapshot = snapshot;
        this.barcodes = barcodes;
        this.stores = stores;
        this.clock = clock;
    }

    public Optional<Product> product(String gtin) {
        return Optional.ofNullable(snapshot.data().products().get(gtin));
    }

    public int productCount() {
        return snapshot.data().products().size();
    }

    /** The store's price for a product at a moment: its own latest price in force, else the chain's. */
    public long price(String storeId, Product product, Instant at) {
        Map<String, NavigableMap<Instant, Long>> storePrices =
                snapshot.data().storePrices().get(storeId);
        if (storePrices != null) {
            NavigableMap<Instant, Long> history = storePrices.get(product.gtin());
            if (history != null) {
                Map.Entry<Instant, Long> current = history.floorEntry(at);
                if (current != null) {
                    return current.getValue();
                }
            }
        }
        return product.price();
    }

    /** The VAT rate in basis points of a VAT class at a moment. */
    public int vatRate(String vatClass, Instant at) {
        NavigableMap<Instant, Integer> rates = snapshot.data().vatRates().get(vatClass);
        Map.Entry<Instant, Integer> rate = rates == null ? null : rates.floorEntry(at);
        if (rate == null) {
            throw new IllegalStateException("no VAT rate for class " + vatClass + " at " + at);
        }
        return rate.getValue();
    }

    /** Offers running in a store now. */
    public List<Offer> offers(String storeId, Instant at) {
        return snapshot.data().offers().stream()
                .filter(offer -> offer.appliesIn(storeId, at))
                .toList();
    }

    /**
     * Resolves any scannable code to a product priced for the store: a weight label prices its weight with
     * the kilo price, a price label carries its own price.
     */
    public ScannedItem resolve(String storeId, String code) {
        if (!stores.exists(storeId)) {
            throw new ProblemException(ErrorCode.STORE_NOT_FOUND, "There is no store " + storeId + ".");
        }
        Barcode barcode = barcodes.read(code);
        Product product = product(barcode.productGtin().value())
                .or(() -> product(barcode.gtin().value()))
                .orElseThrow(() -> new ProblemException(
                        ErrorCode.UNKNOWN_PRODUCT,
                        "This store does not sell the product with code "
                                + barcode.gtin().shortForm() + ".",
                        Map.of("gtin", barcode.gtin().value())));
        Instant now = clock.instant();
        long unitPrice = price(storeId, product, now);
        // a label reading 0 g or 0 kr is the product's bare number (value digits zero), not a measurement
        Long grams = barcode.weightGrams().filter(g -> g > 0).orElse(null);
        Long amount = barcode.price().filter(p -> p > 0).orElse(null);
        if (amount == null) {
            if (product.unit() == SaleUnit.EACH) {
                amount = unitPrice;
            } else if (grams != null) {
                amount = priceOfWeight(unitPrice, grams);
            }
        }
        return new ScannedItem(barcode, product, unitPrice, grams, amount, vatRate(product.vatClass(), now));
    }

    /**
     * {@link #resolve Resolves} a code for sale in a shopper's cart, refusing a weight or price label outside the
     * product's plausible {@link LabelBounds bounds} (422 {@code implausible_label}).
     */
    public ScannedItem resolveForSale(String storeId, String code) {
        ScannedItem item = resolve(storeId, code);
        LabelBounds.of(item.product(), item.unitPrice()).check(item);
        return item;
    }

    /** Kilo price times weight, rounded half up to the öre. */
    public static long priceOfWeight(long kiloPrice, long grams) {
        return Math.floorDiv(Math.multiplyExact(kiloPrice, grams) + 500, 1000);
    }
}
