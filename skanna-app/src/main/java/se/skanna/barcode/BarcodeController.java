package se.skanna.barcode;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
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

    /**
     * How a code reads: always its code, kind, GTIN and {@code valid}; then what its kind carries (a GTIN's
     * symbology and whether it is restricted circulation, a variable-measure label's item reference and product
     * GTIN, or a GS1 element string's or Digital Link's application identifiers), and the price and weight it
     * states, if any. Fields that do not apply are absent.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({
        "code",
        "kind",
        "gtin",
        "valid",
        "symbology",
        "restrictedCirculation",
        "itemReference",
        "productGtin",
        "ais",
        "price",
        "weightGrams"
    })
    record Reading(
            String code,
            String kind,
            String gtin,
            boolean valid,
            String symbology,
            Boolean restrictedCirculation,
            String itemReference,
            String productGtin,
            Map<String, String> ais,
            Long price,
            Long weightGrams) {}

    @GetMapping("/api/v1/barcodes/{code}")
    Reading read(@PathVariable String code) {
        return describe(code);
    }

    /** The same for codes that are awkward in a path (GS separators, Digital Link URIs): {@code ?code=}. */
    @GetMapping("/api/v1/barcodes")
    Reading readQuery(@RequestParam String code) {
        return describe(code);
    }

    private Reading describe(String code) {
        Barcode barcode = barcodes.read(code);
        String symbology = null;
        Boolean restricted = null;
        String itemReference = null;
        String productGtin = null;
        Map<String, String> ais = null;
        switch (barcode) {
            case GtinCode gtin -> {
                symbology = gtin.symbology().name();
                restricted = gtin.gtin().isRestrictedCirculation();
            }
            case VariableMeasureCode label -> {
                itemReference = label.itemReference();
                productGtin = label.productGtin().value();
            }
            case ElementStringCode element -> ais = element.ais();
            case DigitalLinkCode link -> ais = link.ais();
        }
        return new Reading(
                barcode.code(),
                kind(barcode),
                barcode.gtin().value(),
                true,
                symbology,
                restricted,
                itemReference,
                productGtin,
                ais,
                barcode.price().orElse(null),
                barcode.weightGrams().orElse(null));
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
