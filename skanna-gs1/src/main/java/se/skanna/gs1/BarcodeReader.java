package se.skanna.gs1;

import java.util.List;
import java.util.Map;
import se.skanna.gs1.Barcode.DigitalLinkCode;
import se.skanna.gs1.Barcode.ElementStringCode;
import se.skanna.gs1.Barcode.GtinCode;
import se.skanna.gs1.Barcode.Symbology;
import se.skanna.gs1.Barcode.VariableMeasureCode;
import se.skanna.gs1.BarcodeException.Reason;

/**
 * Reads whatever a shopper's camera or a handheld scanner delivers: plain GTINs, in-store price and weight
 * labels, GS1 element strings (raw with GS separators, with a symbology identifier such as {@code ]C1}, or
 * bracketed) and GS1 Digital Link URIs. Thread-safe and allocation-light; one instance serves all scans.
 */
public final class BarcodeReader {

    private static final int MAX_LENGTH = 512;

    private final List<VariableMeasureLayout> layouts;

    public BarcodeReader(List<VariableMeasureLayout> layouts) {
        this.layouts = List.copyOf(layouts);
    }

    /** The variable-measure layouts this reader applies, in order. */
    public List<VariableMeasureLayout> layouts() {
        return layouts;
    }

    /** A reader with GS1 Sweden's variable-measure layouts. */
    public static BarcodeReader swedish() {
        return new BarcodeReader(VariableMeasureLayout.swedish());
    }

    public Barcode read(String scanned) {
        if (scanned == null || scanned.isBlank()) {
            throw new BarcodeException(Reason.EMPTY, "The code is empty.");
        }
        if (scanned.length() > MAX_LENGTH) {
            throw new BarcodeException(Reason.UNSUPPORTED_LENGTH, "The code is too long to be a GS1 barcode.");
        }
        String code = scanned.strip();
        if (DigitalLinks.looksLikeOne(code)) {
            Map<String, String> ais = DigitalLinks.parse(code);
            return new DigitalLinkCode(code, new Gtin(ais.get("01")), ais);
        }
        if (code.startsWith("]")) {
            return readWithSymbologyIdentifier(code);
        }
        if (code.charAt(0) == '(' || code.indexOf(ElementStrings.GS) >= 0) {
            return elementString(code, code);
        }
        if (!CheckDigits.allDigits(code)) {
            throw new BarcodeException(
                    Reason.INVALID_CHARACTERS, "A product barcode has digits only; this code has other characters.");
        }
        return switch (code.length()) {
            case 8 -> eightDigits(code);
            case 12, 13 -> retail(code, code.length() == 12 ? Symbology.UPC_A : Symbology.EAN_13);
            case 14 -> retail(code, Symbology.GTIN_14);
            default -> {
                if (code.length() > 14 && (code.startsWith("01") || code.startsWith("02"))) {
                    yield elementString(code, code);
                }
                throw new BarcodeException(
                        Reason.UNSUPPORTED_LENGTH,
                        "A product barcode has 8, 12, 13 or 14 digits; this code has " + code.length() + ".");
            }
        };
    }

    /** ]C1 GS1-128, ]e0 DataBar, ]d2 DataMatrix, ]Q3 QR with GS1 data, ]E0 EAN-13/UPC, ]E4 EAN-8. */
    private Barcode readWithSymbologyIdentifier(String code) {
        if (code.length() < 4) {
            throw new BarcodeException(
                    Reason.INVALID_CHARACTERS, "The code ends right after its symbology identifier.");
        }
        String identifier = code.substring(0, 3);
        String data = code.substring(3);
        return switch (identifier) {
            case "]C1", "]e0", "]d2", "]Q3", "]J1" -> elementString(code, data);
            case "]E4" -> {
                requireDigits(data);
                Gtin.checkDigit(data);
                yield new GtinCode(code, Gtin.parse(data), Symbology.EAN_8);
            }
            case "]E0" -> {
                requireDigits(data);
                if (data.length() == 8) {
                    yield new GtinCode(code, Gtin.parse(UpcE.expand(data)), Symbology.UPC_E);
                }
                Barcode plain = read(data);
                yield rewrap(code, plain);
            }
            default ->
                throw new BarcodeException(
                        Reason.INVALID_CHARACTERS, "Unsupported symbology identifier " + identifier + ".");
        };
    }

    /** Eight digits: an EAN-8 if its check digit fits, else a UPC-E. */
    private Barcode eightDigits(String code) {
        if (CheckDigits.isValid(code)) {
            return new GtinCode(code, Gtin.parse(code), Symbology.EAN_8);
        }
        if (code.charAt(0) == '0' || code.charAt(0) == '1') {
            return new GtinCode(code, Gtin.parse(UpcE.expand(code)), Symbology.UPC_E);
        }
        Gtin.checkDigit(code);
        throw new IllegalStateException("unreachable");
    }

    private Barcode retail(String code, Symbology symbology) {
        Gtin gtin = Gtin.parse(code);
        String ean13 = gtin.value().substring(1);
        if (gtin.value().charAt(0) == '0') {
            for (VariableMeasureLayout layout : layouts) {
                if (layout.matches(ean13)) {
                    return variableMeasure(code, gtin, ean13, layout);
                }
            }
        }
        return new GtinCode(code, gtin, symbology);
    }

    private static Barcode variableMeasure(String code, Gtin gtin, String ean13, VariableMeasureLayout layout) {
        if (layout.priceCheckDigitIndex() >= 0) {
            String value = ean13.substring(layout.valueStart(), layout.valueStart() + layout.valueLength());
            int expected = CheckDigits.priceCheckDigit(value);
            int actual = ean13.charAt(layout.priceCheckDigitIndex()) - '0';
            if (expected != actual) {
                throw new BarcodeException(
                        Reason.BAD_PRICE_CHECK_DIGIT,
                        "The label's price check digit is " + actual + " but should be " + expected
                                + ": the label was probably misread.");
            }
        }
        long value = layout.minorUnits(ean13);
        boolean price = layout.measure() == VariableMeasureLayout.Measure.PRICE;
        return new VariableMeasureCode(
                code,
                gtin,
                ean13.substring(0, layout.itemReferenceLength()),
                Gtin.parse(layout.productCode(ean13)),
                price ? value : null,
                price ? null : value);
    }

    private static Barcode elementString(String code, String data) {
        Map<String, String> ais = ElementStrings.parse(data);
        String gtin = ais.get("01");
        if (gtin == null) {
            gtin = ais.get("02");
        }
        if (gtin == null) {
            throw new BarcodeException(
                    Reason.UNKNOWN_APPLICATION_IDENTIFIER, "The code names no product: it has no GTIN, AI (01).");
        }
        return new ElementStringCode(code, new Gtin(gtin), ais);
    }

    private static Barcode rewrap(String code, Barcode plain) {
        return switch (plain) {
            case GtinCode g -> new GtinCode(code, g.gtin(), g.symbology());
            case VariableMeasureCode v ->
                new VariableMeasureCode(code, v.gtin(), v.itemReference(), v.productGtin(), v.priceOre(), v.grams());
            default -> plain;
        };
    }

    private static void requireDigits(String data) {
        if (!CheckDigits.allDigits(data)) {
            throw new BarcodeException(Reason.INVALID_CHARACTERS, "A product barcode has digits only.");
        }
    }
}
