package se.skanna.gs1;

import java.util.List;

/**
 * How an in-store (restricted circulation) EAN-13 carries a price or weight: which prefix it starts with, how
 * many leading digits name the item, where the value sits and what it means. Layouts differ by country, so
 * they come from configuration; {@link #swedish()} gives GS1 Sweden's "viktvarunummer".
 *
 * @param prefix leading digits of the 13-digit code that select this layout, e.g. "23"
 * @param itemReferenceLength leading digits that name the item (prefix included)
 * @param valueStart index of the first value digit in the 13-digit code
 * @param valueLength number of value digits
 * @param measure whether the value is a price or a weight
 * @param decimals how many of the value digits are decimals (kronor or kilograms)
 * @param priceCheckDigitIndex index of a price check digit over a 4-digit value, or -1 if the layout has none
 */
public record VariableMeasureLayout(
        String prefix,
        int itemReferenceLength,
        int valueStart,
        int valueLength,
        Measure measure,
        int decimals,
        int priceCheckDigitIndex) {

    public enum Measure {
        PRICE,
        WEIGHT
    }

    public VariableMeasureLayout {
        if (prefix == null || prefix.isEmpty() || !CheckDigits.allDigits(prefix)) {
            throw new IllegalArgumentException("a layout prefix is one or more digits");
        }
        if (itemReferenceLength < prefix.length() || itemReferenceLength > 12) {
            throw new IllegalArgumentException("the item reference must cover the prefix and fit in 12 digits");
        }
        if (valueLength < 1 || valueLength > 6 || valueStart < itemReferenceLength || valueStart + valueLength > 12) {
            throw new IllegalArgumentException("the value must follow the item reference, before the check digit");
        }
        if (decimals < 0 || decimals > valueLength + 3) {
            throw new IllegalArgumentException("decimals out of range");
        }
        if (priceCheckDigitIndex >= 0
                && (valueLength != 4
                        || priceCheckDigitIndex >= 12
                        || overlapsValue(priceCheckDigitIndex, valueStart, valueLength))) {
            throw new IllegalArgumentException("a price check digit covers a 4-digit value and lies outside it");
        }
        if (measure == null) {
            throw new IllegalArgumentException("measure is required");
        }
    }

    private static boolean overlapsValue(int index, int valueStart, int valueLength) {
        return index >= valueStart && index < valueStart + valueLength;
    }

    /** GS1 Sweden: 2X + item (8 digits in all), a 4-digit value in digits 9–12, then the check digit. */
    public static List<VariableMeasureLayout> swedish() {
        return List.of(
                new VariableMeasureLayout("20", 8, 8, 4, Measure.PRICE, 2, -1),
                new VariableMeasureLayout("21", 8, 8, 4, Measure.PRICE, 1, -1),
                new VariableMeasureLayout("22", 8, 8, 4, Measure.PRICE, 0, -1),
                new VariableMeasureLayout("23", 8, 8, 4, Measure.WEIGHT, 3, -1),
                new VariableMeasureLayout("24", 8, 8, 4, Measure.WEIGHT, 2, -1),
                new VariableMeasureLayout("25", 8, 8, 4, Measure.WEIGHT, 1, -1));
    }

    boolean matches(String ean13) {
        return ean13.startsWith(prefix);
    }

    /** The value in minor units: öre for a price, grams for a weight. */
    long minorUnits(String ean13) {
        long raw = Long.parseLong(ean13.substring(valueStart, valueStart + valueLength));
        int scale = measure == Measure.PRICE ? 2 : 3;
        return scaled(raw, scale - decimals);
    }

    /** The product this label stands for: the code with its value (and price check) digits zeroed. */
    String productCode(String ean13) {
        char[] digits = ean13.substring(0, 12).toCharArray();
        for (int i = valueStart; i < valueStart + valueLength; i++) {
            digits[i] = '0';
        }
        if (priceCheckDigitIndex >= 0) {
            digits[priceCheckDigitIndex] = '0';
        }
        return CheckDigits.append(new String(digits));
    }

    private static long scaled(long raw, int powerOfTen) {
        long value = raw;
        for (int i = 0; i < powerOfTen; i++) {
            value *= 10;
        }
        for (int i = 0; i > powerOfTen; i--) {
            value = (value + 5) / 10;
        }
        return value;
    }
}
