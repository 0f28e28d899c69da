package se.skanna.catalog;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.skanna.catalog.ImportFile.OfferRow;
import se.skanna.catalog.ImportFile.PriceRow;
import se.skanna.catalog.ImportFile.ProductRow;
import se.skanna.gs1.BarcodeException;
import se.skanna.gs1.BarcodeReader;
import se.skanna.gs1.Gtin;
import se.skanna.pricing.Promotion;
import se.skanna.shared.AfterCommit;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.FreeText;
import se.skanna.shared.ProblemException;
import se.skanna.staff.AccessPolicy;
import se.skanna.store.StoreNetwork;
import se.skanna.web.RequestJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Imports products, store prices and offers all or nothing: every entry is checked first and any bad entry
 * rejects the whole import with a report of all of them; a good import is applied in one transaction.
 */
@Service
public class CatalogImporter {

    static final long MAX_PRICE = 100_000_000L;
    static final long MAX_DEPOSIT = 10_000L;
    static final long MAX_WEIGHT_GRAMS = 1_000_000L;
    private static final Pattern OFFER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final CatalogRepository repository;
    private final CatalogSnapshot snapshot;
    private final StoreNetwork stores;
    private final BarcodeReader reader;
    private final AccessPolicy access;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final RequestJson requestJson;

    CatalogImporter(
            CatalogRepository repository,
            CatalogSnapshot snapshot,
            StoreNetwork stores,
            BarcodeReader reader,
            AccessPolicy access,
            ApplicationEventPublisher events,
            Clock clock,
            RequestJson requestJson) {
        this.repository = repository;
        this.snapshot = snapshot;
        this.stores = stores;
        this.reader = reader;
        this.access = access;
        this.events = events;
        this.clock = clock;
        this.requestJson = requestJson;
    }

    /**
     * How much an applied import changed: entries written, and of the products how many were new and how many
     * replaced a product already in the catalog (an unchanged product is written again and counts as updated).
     */
    public record Report(
            long importId, int products, int productsCreated, int productsUpdated, int prices, int offers) {}

    /** An applied import as recorded: when, by whom, in which format, how many entries of each kind. */
    public record ImportRecord(long id, Instant at, String by, String format, int products, int prices, int offers) {}

    record Checked(List<Product> products, List<CatalogRepository.StorePrice> prices, List<Offer> offers) {}

    @Transactional
    Report importJson(ImportFile file) {
        String by = access.requireHq().getUsername();
        List<ImportError> errors = new ArrayList<>();
        Checked checked = check(file, null, errors);
        return apply(checked, errors, by, "JSON");
    }

    /**
     * A JSON import file as text (the console's upload): the same format and checks as the API; text that is
     * not such JSON is refused as {@code malformed_request}, naming an unknown field.
     */
    @Transactional
    public Report importJson(String text) {
        access.requireHq();
        ImportFile file;
        try {
            file = requestJson.read(text.startsWith("\uFEFF") ? text.substring(1) : text, ImportFile.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ProblemException(ErrorCode.MALFORMED_REQUEST, "Unknown field '" + e.getPropertyName() + "'.");
        } catch (JacksonException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().contains(FreeText.REASON)) {
                throw new ImportRejectedException(
                        List.of(ImportError.at(jsonPath(e), "The text " + FreeText.REASON + ".")));
            }
            throw new ProblemException(ErrorCode.MALFORMED_REQUEST, "The file is not valid JSON for a catalog import.");
        }
        if (file == null) {
            throw new ProblemException(ErrorCode.MALFORMED_REQUEST, "The file is empty.");
        }
        return importJson(file);
    }

    private static String jsonPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The latest applied imports, newest first (HQ only). */
    @Transactional(readOnly = true)
    public List<ImportRecord> recentImports(int limit) {
        access.requireHq();
        return repository.recentImports(Math.clamp(limit, 1, 200));
    }

    @Transactional
    public Report importCsv(String text) {
        String by = access.requireHq().getUsername();
        List<ImportError> errors = new ArrayList<>();
        List<CsvProducts.Row> rows = CsvProducts.parse(text, errors);
        List<ProductRow> products = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (CsvProducts.Row row : rows) {
            errors.addAll(row.errors());
            if (row.product() != null) {
                products.add(row.product());
                lines.add(row.line());
            }
        }
        Checked checked = check(new ImportFile(products, List.of(), List.of()), lines, errors);
        return apply(checked, errors, by, "CSV");
    }

    /** Imports the demo catalog on first start: same checks, no caller. */
    @Transactional
    Report importDemo(ImportFile file) {
        List<ImportError> errors = new ArrayList<>();
        return apply(check(file, null, errors), errors, "demo", "JSON");
    }

    private Report apply(Checked checked, List<ImportError> errors, String by, String format) {
        if (!errors.isEmpty()) {
            // One complaint per field: a CSV number that did not parse is not also reported as missing.
            Map<List<Object>, ImportError> firstPerField = new java.util.LinkedHashMap<>();
            for (ImportError error : errors) {
                firstPerField.putIfAbsent(java.util.Arrays.asList(error.path(), error.line(), error.field()), error);
            }
            List<ImportError> report = List.copyOf(firstPerField.values());
            throw new ImportRejectedException(report);
        }
        Instant now = clock.instant();
        Set<String> existing = repository.existingGtins();
        List<Product> inserts = new ArrayList<>();
        List<Product> updates = new ArrayList<>();
        checked.products().forEach(product -> (existing.contains(product.gtin()) ? updates : inserts).add(product));
        repository.insertProducts(inserts, now);
        repository.updateProducts(updates, now);
        repository.upsertStorePrices(checked.prices(), now);
        checked.offers().forEach(offer -> repository.replaceOffer(offer, now));
        long id = repository.recordImport(
                now,
                by,
                format,
                checked.products().size(),
                checked.prices().size(),
                checked.offers().size());
        events.publishEvent(new CatalogChanged(id));
        return new Report(
                id,
                checked.products().size(),
                inserts.size(),
                updates.size(),
                checked.prices().size(),
                checked.offers().size());
    }

    record CatalogChanged(long importId) {}

    /** After commit, without a durable publication ({@link AfterCommit}): the next poll reloads anyway. */
    @EventListener
    void reloadAfterCommit(CatalogChanged change) {
        AfterCommit.run(snapshot::reload);
    }

    private Checked check(ImportFile file, List<Integer> csvLines, List<ImportError> errors) {
        List<Product> products = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < file.products().size(); i++) {
            Where where = csvLines == null ? new Where("products[" + i + "]", null) : new Where(null, csvLines.get(i));
            Product product = product(file.products().get(i), where, errors);
            if (product != null && !seen.add(product.gtin())) {
                errors.add(where.error("gtin", "The product " + product.gtin() + " appears twice in this import."));
            } else if (product != null) {
                products.add(product);
            }
        }
        Set<String> known = new HashSet<>(seen);
        known.addAll(snapshot.data().products().keySet());
        List<CatalogRepository.StorePrice> prices = new ArrayList<>();
        for (int i = 0; i < file.prices().size(); i++) {
            CatalogRepository.StorePrice price =
                    price(file.prices().get(i), new Where("prices[" + i + "]", null), known, errors);
            if (price != null) {
                prices.add(price);
            }
        }
        List<Offer> offers = new ArrayList<>();
        Set<String> offerIds = new HashSet<>();
        for (int i = 0; i < file.offers().size(); i++) {
            Where where = new Where("offers[" + i + "]", null);
            Offer offer = offer(file.offers().get(i), where, known, errors);
            if (offer != null && !offerIds.add(offer.id())) {
                errors.add(where.error("id", "The offer " + offer.id() + " appears twice in this import."));
            } else if (offer != null) {
                offers.add(offer);
            }
        }
        return new Checked(products, prices, offers);
    }

    /** Where an entry sits, for the report: a JSON path or a CSV line. */
    record Where(String path, Integer line) {
        ImportError error(String field, String reason) {
            return path != null ? ImportError.at(path + "." + field, reason) : ImportError.atLine(line, field, reason);
        }
    }

    private Product product(ProductRow row, Where where, List<ImportError> errors) {
        if (row == null) {
            errors.add(where.error("", "The entry is empty."));
            return null;
        }
        int before = errors.size();
        String gtin = productGtin(row.gtin(), where, errors);
        String name = text(row.name(), 200, true, "name", where, errors);
        String brand = text(row.brand(), 100, false, "brand", where, errors);
        SaleUnit unit = null;
        if (row.unit() == null) {
            errors.add(where.error("unit", "Give the unit: EACH or KG."));
        } else {
            try {
                unit = SaleUnit.valueOf(row.unit().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(where.error("unit", "Unit must be EACH or KG, not '" + row.unit() + "'."));
            }
        }
        String vatClass = vatClass(row, where, errors);
        Long price = amount(row.price(), true, MAX_PRICE, "price", where, errors);
        Long deposit = row.deposit() == null
                ? Long.valueOf(0)
                : amount(row.deposit(), true, MAX_DEPOSIT, "deposit", where, errors);
        if (row.ageLimit() != null && (row.ageLimit() < 1 || row.ageLimit() > 25)) {
            errors.add(where.error("ageLimit", "An age limit is between 1 and 25 years."));
        }
        Long minGrams = bound(row.minWeightGrams(), MAX_WEIGHT_GRAMS, "minWeightGrams", "g", where, errors);
        Long maxGrams = bound(row.maxWeightGrams(), MAX_WEIGHT_GRAMS, "maxWeightGrams", "g", where, errors);
        Long minPrice = bound(row.minLabelPrice(), MAX_PRICE, "minLabelPrice", "öre", where, errors);
        Long maxPrice = bound(row.maxLabelPrice(), MAX_PRICE, "maxLabelPrice", "öre", where, errors);
        if (errors.size() > before) {
            return null;
        }
        Product product = new Product(
                gtin,
                name,
                brand,
                unit,
                vatClass,
                price,
                deposit,
                row.ageLimit(),
                minGrams,
                maxGrams,
                minPrice,
                maxPrice);
        LabelBounds bounds = LabelBounds.of(product, price);
        if (bounds.minWeightGrams() > bounds.maxWeightGrams()) {
            errors.add(where.error(
                    "maxWeightGrams",
                    "The weight bounds are " + bounds.minWeightGrams() + "–" + bounds.maxWeightGrams()
                            + " g (a missing bound is the default); the maximum must not be below the minimum."));
            return null;
        }
        if (bounds.minLabelPrice() > bounds.maxLabelPrice()) {
            errors.add(where.error(
                    "maxLabelPrice",
                    "The label price bounds are " + bounds.minLabelPrice() + "–" + bounds.maxLabelPrice()
                            + " öre (a missing bound is the default); the maximum must not be below the minimum."));
            return null;
        }
        return product;
    }

    /**
     * A product's number: any GTIN length with a right check digit; a weighed or price-labelled product is
     * listed under its in-store code with the value digits zero.
     */
    private String productGtin(String raw, Where where, List<ImportError> errors) {
        if (raw == null || raw.isBlank()) {
            errors.add(where.error("gtin", "A GTIN is required."));
            return null;
        }
        try {
            Gtin gtin = Gtin.parse(raw.strip());
            var barcode = reader.read(gtin.value());
            if (!barcode.productGtin().equals(gtin)) {
                errors.add(where.error(
                        "gtin",
                        "This is an in-store label code with its value digits set; list the product as "
                                + barcode.productGtin().shortForm() + "."));
                return null;
            }
            return gtin.value();
        } catch (BarcodeException e) {
            errors.add(where.error("gtin", e.getMessage()));
            return null;
        }
    }

    private static String vatClass(ProductRow row, Where where, List<ImportError> errors) {
        if (row.vatClass() != null) {
            String vatClass = row.vatClass().toUpperCase(Locale.ROOT);
            if (!Catalog.VAT_CLASSES.contains(vatClass)) {
                errors.add(where.error("vatClass", "VAT class must be one of " + Catalog.VAT_CLASSES + "."));
                return null;
            }
            return vatClass;
        }
        if (row.vatRate() == null) {
            errors.add(where.error("vatClass", "Give vatClass (or vatRate: 2500, 1200 or 600)."));
            return null;
        }
        return switch (row.vatRate()) {
            case 2500 -> "STANDARD";
            case 1200 -> "FOOD_ALCOHOLIC";
            case 600 -> "FOOD";
            default -> {
                errors.add(where.error("vatRate", "vatRate must be 2500, 1200 or 600 (basis points)."));
                yield null;
            }
        };
    }

    private CatalogRepository.StorePrice price(PriceRow row, Where where, Set<String> known, List<ImportError> errors) {
        if (row == null) {
            errors.add(where.error("", "The entry is empty."));
            return null;
        }
        int before = errors.size();
        if (row.storeId() == null || !stores.exists(row.storeId())) {
            errors.add(where.error("storeId", "Unknown store '" + row.storeId() + "'."));
        }
        String gtin = knownGtin(row.gtin(), "gtin", where, known, errors);
        Long price = amount(row.price(), true, MAX_PRICE, "price", where, errors);
        Instant validFrom =
                row.validFrom() == null ? clock.instant() : instant(row.validFrom(), "validFrom", where, errors);
        return errors.size() > before ? null : new CatalogRepository.StorePrice(row.storeId(), gtin, validFrom, price);
    }

    private Offer offer(OfferRow row, Where where, Set<String> known, List<ImportError> errors) {
        if (row == null) {
            errors.add(where.error("", "The entry is empty."));
            return null;
        }
        int before = errors.size();
        if (row.id() == null || !OFFER_ID.matcher(row.id()).matches()) {
            errors.add(where.error("id", "An offer id is 1–64 letters, digits, '.', '_' or '-'."));
        }
        String description = text(row.description(), 200, true, "description", where, errors);
        Offer.Type type = null;
        try {
            type = row.type() == null ? null : Offer.Type.valueOf(row.type());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (type == null) {
            errors.add(where.error("type", "Type must be BUY_N_PAY_M, N_FOR_PRICE, PERCENT_OFF or MEMBER_PRICE."));
        }
        Set<String> gtins = new LinkedHashSet<>();
        if (row.gtins() == null || row.gtins().isEmpty()) {
            errors.add(where.error("gtins", "An offer names at least one product."));
        } else {
            for (int i = 0; i < row.gtins().size(); i++) {
                String gtin = knownGtin(row.gtins().get(i), "gtins[" + i + "]", where, known, errors);
                if (gtin != null) {
                    gtins.add(gtin);
                }
            }
        }
        Set<String> storeIds = new LinkedHashSet<>();
        if (row.storeIds() != null) {
            for (int i = 0; i < row.storeIds().size(); i++) {
                String storeId = row.storeIds().get(i);
                if (storeId == null || !stores.exists(storeId)) {
                    errors.add(where.error("storeIds[" + i + "]", "Unknown store '" + storeId + "'."));
                } else {
                    storeIds.add(storeId);
                }
            }
        }
        if (type != null) {
            checkTerms(type, row, where, errors);
        }
        if (row.limitPerTrip() != null) {
            Promotion.problemWithTerms(Promotion.Type.MEMBER_PRICE, null, null, null, row.limitPerTrip())
                    .ifPresent(problem -> errors.add(where.error(problem.field(), problem.message())));
        }
        Instant from = row.validFrom() == null ? null : instant(row.validFrom(), "validFrom", where, errors);
        Instant to = row.validTo() == null ? null : instant(row.validTo(), "validTo", where, errors);
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(where.error("validTo", "validTo must be after validFrom."));
        }
        if (errors.size() > before) {
            return null;
        }
        return new Offer(
                row.id(),
                description,
                type,
                row.n(),
                row.m(),
                row.price(),
                row.percent(),
                row.limitPerTrip(),
                Set.copyOf(gtins),
                Set.copyOf(storeIds),
                from,
                to);
    }

    /** The offer's terms by the rules {@link Promotion} keeps (one home for them); prices as every amount here. */
    private static void checkTerms(Offer.Type type, OfferRow row, Where where, List<ImportError> errors) {
        Promotion.problemWithTerms(Promotion.Type.valueOf(type.name()), row.n(), row.m(), row.percent(), null)
                .ifPresent(problem -> errors.add(where.error(problem.field(), problem.message())));
        if (type == Offer.Type.N_FOR_PRICE || type == Offer.Type.MEMBER_PRICE) {
            amount(row.price(), false, MAX_PRICE, "price", where, errors);
        }
    }

    private static String knownGtin(
            String raw, String field, Where where, Set<String> known, List<ImportError> errors) {
        try {
            String gtin = Gtin.parse(raw == null ? "" : raw.strip()).value();
            if (!known.contains(gtin)) {
                errors.add(where.error(field, "No product " + gtin + " in the catalog or in this import."));
                return null;
            }
            return gtin;
        } catch (BarcodeException e) {
            errors.add(where.error(field, e.getMessage()));
            return null;
        }
    }

    /** An optional label bound: absent, or 1 to {@code max}. */
    private static Long bound(Long value, long max, String field, String unit, Where where, List<ImportError> errors) {
        if (value != null && (value < 1 || value > max)) {
            errors.add(where.error(field, "A bound is 1–" + max + " " + unit + ", or left out for the default."));
            return null;
        }
        return value;
    }

    private static Long amount(
            Long value, boolean zeroAllowed, long max, String field, Where where, List<ImportError> errors) {
        if (value == null) {
            errors.add(where.error(field, "An amount in öre is required."));
            return null;
        }
        if (value < (zeroAllowed ? 0 : 1) || value > max) {
            errors.add(where.error(field, "The amount must be " + (zeroAllowed ? "0" : "1") + "–" + max + " öre."));
            return null;
        }
        return value;
    }

    private static String text(
            String value, int max, boolean required, String field, Where where, List<ImportError> errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(where.error(field, "This field is required."));
            }
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            errors.add(where.error(field, "At most " + max + " characters."));
            return null;
        }
        return stripped;
    }

    private static Instant instant(String value, String field, Where where, List<ImportError> errors) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(where.error(field, "'" + value + "' is not an ISO-8601 UTC time like 2026-12-01T00:00:00Z."));
            return null;
        }
    }
}
