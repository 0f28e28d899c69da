package se.skanna.gs1;

import se.skanna.gs1.BarcodeException.Reason;

/** A Global Trade Item Number, always held in its 14-digit form (shorter ones left-padded with zeros). */
public record Gtin(String value) implements Comparable<Gtin> {

    public Gtin {
        if (value == null || value.length() != 14 || !CheckDigits.allDigits(value)) {
            throw new IllegalArgumentException("a GTIN is 14 digits");
        }
        if (!CheckDigits.isValid(value)) {
            throw new IllegalArgumentException("bad GTIN check digit");
        }
    }

    /** Reads a GTIN-8, -12, -13 or -14, checking its check digit. */
    public static Gtin parse(String digits) {
        if (digits == null || digits.isEmpty()) {
            throw new BarcodeException(Reason.EMPTY, "The code is empty.");
        }
        if (!CheckDigits.allDigits(digits)) {
            throw new BarcodeException(Reason.INVALID_CHARACTERS, "A GTIN has digits only.");
        }
        int length = digits.length();
        if (length != 8 && length != 12 && length != 13 && length != 14) {
            throw new BarcodeException(
                    Reason.UNSUPPORTED_LENGTH, "A GTIN has 8, 12, 13 or 14 digits; this code has " + length + ".");
        }
        checkDigit(digits);
        return new Gtin("0".repeat(14 - length) + digits);
    }

    /** Throws a clear rejection if the last digit is not the check digit of the others. */
    static void checkDigit(String digits) {
        int expected = CheckDigits.compute(digits.substring(0, digits.length() - 1));
        int actual = digits.charAt(digits.length() - 1) - '0';
        if (expected != actual) {
            throw new BarcodeException(
                    Reason.BAD_CHECK_DIGIT,
                    "The check digit is " + actual + " but should be " + expected
                            + ": the code was probably misread. Scan it again or type it carefully.");
        }
    }

    /** The shortest usual form: GTIN-13 for EAN codes, GTIN-8 where the number fits, else the full 14. */
    public String shortForm() {
        if (value.startsWith("000000")) {
            return value.substring(6);
        }
        if (value.startsWith("0")) {
            return value.substring(1);
        }
        return value;
    }

    /** In-store and national numbers (GTIN-13 prefixes 02 and 20–29) that mean nothing outside the chain. */
    public boolean isRestrictedCirculation() {
        return value.startsWith("002") || value.startsWith("02");
    }

    @Override
    public int compareTo(Gtin other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
