package se.skanna.shared;

import java.util.Currency;
import java.util.Locale;

/**
 * An amount of money in a currency's minor unit (öre for SEK), VAT included where prices are. Arithmetic only
 * between amounts of the same currency; an overflow is an error, never a wrapped amount. The wire format keeps
 * {@code amount} and {@code currency} side by side, as the API has always had them.
 */
public record Money(long amount, String currency) implements Comparable<Money> {

    /** The currency every Swedish store sells in. */
    public static final String SEK = "SEK";

    public static final Money ZERO_SEK = new Money(0, SEK);

    public Money {
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("A currency is three capital letters (ISO 4217), not " + currency);
        }
        Currency.getInstance(currency); // unknown codes are refused
    }

    public static Money sek(long ore) {
        return new Money(ore, SEK);
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(amount, same(other).amount), currency);
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(amount, same(other).amount), currency);
    }

    /** Whether this is more than {@code other} (same currency). */
    public boolean exceeds(Money other) {
        return compareTo(other) > 0;
    }

    public boolean isPositive() {
        return amount > 0;
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(amount, same(other).amount);
    }

    /** For people and logs: "17.95 SEK", "-0.50 SEK" (two decimals where the currency has them). */
    @Override
    public String toString() {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        if (digits == 0) {
            return amount + " " + currency;
        }
        long unit = (long) Math.pow(10, digits);
        String sign = amount < 0 ? "-" : "";
        long abs = Math.abs(amount);
        return String.format(Locale.ROOT, "%s%d.%0" + digits + "d %s", sign, abs / unit, abs % unit, currency);
    }

    private Money same(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("Cannot combine " + currency + " with " + other.currency);
        }
        return other;
    }
}
