package se.skanna.gs1;

import java.util.Map;
import java.util.Optional;

/** What a scanned code says, by kind. Every kind names the GTIN (14 digits) of what was scanned. */
public sealed interface Barcode {

    /** The code as scanned. */
    String code();

    /** The GTIN of the scanned item, 14 digits. */
    Gtin gtin();

    /** The GTIN under which the product is listed in the catalog. */
    default Gtin productGtin() {
        return gtin();
    }

    /** A price carried by the code itself, in öre. */
    default Optional<Long> price() {
        return Optional.empty();
    }

    /** A weight carried by the code itself, in grams. */
    default Optional<Long> weightGrams() {
        return Optional.empty();
    }

    /** An ordinary GTIN: EAN-13, EAN-8, UPC-A, UPC-E (expanded) or GTIN-14. */
    record GtinCode(String code, Gtin gtin, Symbology symbology) implements Barcode {}

    /** An in-store label from a scale or price labeller: the item's number plus its price or weight. */
    record VariableMeasureCode(
            String code, Gtin gtin, String itemReference, Gtin productGtin, Long priceOre, Long grams)
            implements Barcode {
        @Override
        public Optional<Long> price() {
            return Optional.ofNullable(priceOre);
        }

        @Override
        public Optional<Long> weightGrams() {
            return Optional.ofNullable(grams);
        }
    }

    /** GS1-128, DataBar or DataMatrix data: application identifiers and their values. */
    record ElementStringCode(String code, Gtin gtin, Map<String, String> ais) implements Barcode {
        @Override
        public Optional<Long> price() {
            return Measures.price(ais);
        }

        @Override
        public Optional<Long> weightGrams() {
            return Measures.weightGrams(ais);
        }
    }

    /** A GS1 Digital Link URI, e.g. from a QR code on the pack. */
    record DigitalLinkCode(String code, Gtin gtin, Map<String, String> ais) implements Barcode {
        @Override
        public Optional<Long> price() {
            return Measures.price(ais);
        }

        @Override
        public Optional<Long> weightGrams() {
            return Measures.weightGrams(ais);
        }
    }

    enum Symbology {
        EAN_13,
        EAN_8,
        UPC_A,
        UPC_E,
        GTIN_14
    }
}
