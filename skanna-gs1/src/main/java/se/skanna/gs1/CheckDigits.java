package se.skanna.gs1;

/** GS1 check digits: the mod-10 digit of GTINs and SSCCs, and the price check digit of in-store labels. */
public final class CheckDigits {

    private static final int[] TWO_MINUS = {0, 2, 4, 6, 8, 9, 1, 3, 5, 7};
    private static final int[] THREE = {0, 3, 6, 9, 2, 5, 8, 1, 4, 7};
    private static final int[] FIVE_MINUS = {0, 5, 9, 4, 8, 3, 7, 2, 6, 1};

    private CheckDigits() {}

    /**
     * The mod-10 check digit for {@code data} (all digits but the check digit): weights 3, 1, 3, 1… from the
     * rightmost digit leftwards; the check digit tops the sum up to a multiple of ten.
     */
    public static int compute(CharSequence data) {
        int sum = 0;
        boolean three = true;
        for (int i = data.length() - 1; i >= 0; i--) {
            int digit = digit(data.charAt(i));
            sum += three ? digit * 3 : digit;
            three = !three;
        }
        return (10 - sum % 10) % 10;
    }

    /** Whether the last digit of {@code digits} is the right check digit for the rest. */
    public static boolean isValid(CharSequence digits) {
        if (digits.length() < 2) {
            return false;
        }
        int last = digit(digits.charAt(digits.length() - 1));
        return compute(digits.subSequence(0, digits.length() - 1)) == last;
    }

    /** {@code data} followed by its check digit. */
    public static String append(CharSequence data) {
        return data.toString() + compute(data);
    }

    /**
     * The check digit of a four-digit price field (GS1 General Specifications, weights 2-, 2-, 3, 5-; the sum
     * times three, units position).
     */
    public static int priceCheckDigit(CharSequence fourDigits) {
        if (fourDigits.length() != 4) {
            throw new IllegalArgumentException("a price check digit covers exactly four digits");
        }
        int sum = TWO_MINUS[digit(fourDigits.charAt(0))]
                + TWO_MINUS[digit(fourDigits.charAt(1))]
                + THREE[digit(fourDigits.charAt(2))]
                + FIVE_MINUS[digit(fourDigits.charAt(3))];
        return sum * 3 % 10;
    }

    static int digit(char c) {
        if (c < '0' || c > '9') {
            throw new IllegalArgumentException("not a digit: " + c);
        }
        return c - '0';
    }

    static boolean allDigits(CharSequence text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
