package se.skanna.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import se.skanna.catalog.CatalogImporter.Report;

/** Product look-up per store (public) and catalog imports (HQ). */
@RestController
class CatalogController {

    private final Catalog catalog;
    private final CatalogImporter importer;

    CatalogController(Catalog catalog, CatalogImporter importer) {
        this.catalog = catalog;
        this.importer = importer;
    }

    /**
     * A product as a code finds it in a store: the price per item (or per kilo for weighed goods), and for a
     * weighed or price label what the label says ({@code weightGrams}, {@code amount}; absent otherwise).
     * {@code brand}, {@code vatClass} and {@code ageLimit} are null when the product has none.
     */
    @JsonPropertyOrder({
        "storeId",
        "code",
        "gtin",
        "name",
        "brand",
        "unit",
        "price",
        "currency",
        "vatClass",
        "vatRate",
        "deposit",
        "ageLimit",
        "weightGrams",
        "amount"
    })
    record ProductAnswer(
            String storeId,
            String code,
            String gtin,
            String name,
            String brand,
            String unit,
            long price,
            String currency,
            String vatClass,
            int vatRate,
            long deposit,
            Integer ageLimit,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long weightGrams,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long amount) {}

    /** An applied import: its id and how many products, prices and offers it held. */
    record ImportAnswer(long importId, int products, int prices, int offers) {}

    @GetMapping("/api/v1/stores/{storeId}/products/{code}")
    ProductAnswer lookup(@PathVariable String storeId, @PathVariable String code) {
        ScannedItem item = catalog.resolve(storeId, code);
        Product product = item.product();
        return new ProductAnswer(
                storeId,
                item.barcode().code(),
                product.gtin(),
                product.name(),
                product.brand(),
                product.unit().name(),
                item.unitPrice(),
                "SEK",
                product.vatClass(),
                item.vatRate(),
                product.deposit(),
                product.ageLimit(),
                item.weightGrams(),
                item.amount());
    }

    @PostMapping(path = "/api/v1/catalog/imports", consumes = MediaType.APPLICATION_JSON_VALUE)
    ImportAnswer importJson(@RequestBody ImportFile file) {
        return report(importer.importJson(file));
    }

    @PostMapping(path = "/api/v1/catalog/imports", consumes = "text/csv")
    ImportAnswer importCsv(@RequestBody String csv) {
        return report(importer.importCsv(csv));
    }

    private static ImportAnswer report(Report report) {
        return new ImportAnswer(report.importId(), report.products(), report.prices(), report.offers());
    }
}
