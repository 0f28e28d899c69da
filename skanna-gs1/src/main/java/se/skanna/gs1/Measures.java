package se.skanna.gs1;

import java.util.Map;
import java.util.Optional;

/** Prices and weights carried in AIs (392n, 393n with SEK, 310n), in öre and grams. */
final class Measures {

    static final String SEK = "752";

    private Measures() {}

    static Optional<Long> weightGrams(Map<String, String> ais) {
        for (int n = 0; n <= 5; n++) {
            String value = ais.get("310" + n);
            if (value != null) {
                return Optional.of(rescale(Long.parseLong(value), 3 - n));
            }
        }
        return Optional.empty();
    }

    static Optional<Long> price(Map<String, String> ais) {
        for (int n = 0; n <= 9; n++) {
            String value = ais.get("392" + n);
            if (value != null) {
                return Optional.of(rescale(Long.parseLong(value), 2 - n));
            }
            String withCurrency = ais.get("393" + n);
            if (withCurrency != null && withCurrency.startsWith(SEK)) {
                return Optional.of(rescale(Long.parseLong(withCurrency.substring(3)), 2 - n));
            }
        }
        return Optional.empty();
    }

    /** Multiplies by 10^power, or divides rounding half up when power is negative. */
    static long rescale(long value, int power) {
        long result = value;
        for (int i = 0; i < power; i++) {
            result = Math.multiplyExact(result, 10);
        }
        for (int i = 0; i > power; i--) {
            result = (result + 5) / 10;
        }
        return result;
    }
}
