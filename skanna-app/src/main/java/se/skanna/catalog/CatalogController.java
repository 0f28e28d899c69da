package se.skanna.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
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

    @GetMapping("/api/v1/stores/{storeId}/products/{code}")
    Map<String, Object> lookup(@PathVariable String storeId, @PathVariable String code) {
        ScannedItem item = catalog.resolve(storeId, code);
        Product product = item.product();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("storeId", storeId);
        answer.put("code", item.barcode().code());
        answer.put("gtin", product.gtin());
        answer.put("name", product.name());
        answer.put("brand", product.brand());
        answer.put("unit", product.unit().name());
        answer.put("price", item.unitPrice());
        answer.put("currency", "SEK");
        answer.put("vatClass", product.vatClass());
        answer.put("vatRate", item.vatRate());
        answer.put("deposit", product.deposit());
        answer.put("ageLimit", product.ageLimit());
        if (item.weightGrams() != null) {
            answer.put("weightGrams", item.weightGrams());
        }
        if (item.amount() != null) {
            answer.put("amount", item.amount());
        }
        return answer;
    }

    @PostMapping(path = "/api/v1/catalog/imports", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> importJson(@RequestBody ImportFile file) {
        return report(importer.importJson(file));
    }

    @PostMapping(path = "/api/v1/catalog/imports", consumes = "text/csv")
    Map<String, Object> importCsv(@RequestBody String csv) {
        return report(importer.importCsv(csv));
    }

    private static Map<String, Object> report(Report report) {
        return Map.of(
                "importId", report.importId(),
                "products", report.products(),
                "prices", report.prices(),
                "offers", report.offers());
    }
}
