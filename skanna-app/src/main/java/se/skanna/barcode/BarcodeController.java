package se.skanna.barcode;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.skanna.gs1.Barcode;
import se.skanna.gs1.Barcode.DigitalLinkCode;
import se.skanna.gs1.Barcode.ElementStringCode;
import se.skanna.gs1.Barcode.GtinCode;
import se.skanna.gs1.Barcode.VariableMeasureCode;

/** How Skanna reads a scanned code: public, so apps and integrators can check codes before scanning them. */
@RestController
class BarcodeController {

    private final Barcodes barcodes;

    BarcodeController(Barcodes barcodes) {
        this.barcodes = barcodes;
    }

    @GetMapping("/api/v1/barcodes/{code}")
    Map<String, Object> read(@PathVariable String code) {
        return describe(code);
    }

    /** The same for codes that are awkward in a path (GS separators, Digital Link URIs): {@code ?code=}. */
    @GetMapping("/api/v1/barcodes")
    Map<String, Object> readQuery(@RequestParam String code) {
        return describe(code);
    }

    private Map<String, Object> describe(String code) {
        Barcode barcode = barcodes.read(code);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("code", barcode.code());
        answer.put("kind", kind(barcode));
        answer.put("gtin", barcode.gtin().value());
        answer.put("valid", true);
        switch (barcode) {
            case GtinCode gtin -> {
                answer.put("symbology", gtin.symbology().name());
                answer.put("restrictedCirculation", gtin.gtin().isRestrictedCirculation());
            }
            case VariableMeasureCode label -> {
                answer.put("itemReference", label.itemReference());
                answer.put("productGtin", label.productGtin().value());
            }
            case ElementStringCode element -> answer.put("ais", element.ais());
            case DigitalLinkCode link -> answer.put("ais", link.ais());
        }
        barcode.price().ifPresent(price -> answer.put("price", price));
        barcode.weightGrams().ifPresent(grams -> answer.put("weightGrams", grams));
        return answer;
    }

    static String kind(Barcode barcode) {
        return switch (barcode) {
            case GtinCode gtin -> "GTIN";
            case VariableMeasureCode label -> "VARIABLE_MEASURE";
            case ElementStringCode element -> "GS1_ELEMENT_STRING";
            case DigitalLinkCode link -> "DIGITAL_LINK";
        };
    }
}
