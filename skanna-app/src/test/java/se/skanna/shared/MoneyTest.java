package se.skanna.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Property
    void adding_then_subtracting_gives_the_amount_back(
            @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long a,
            @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long b) {
        Money x = Money.sek(a);
        Money y = Money.sek(b);

        assertThat(x.plus(y).minus(y)).isEqualTo(x);
        assertThat(x.plus(y)).isEqualTo(y.plus(x));
        assertThat(x.plus(y).exceeds(x)).isEqualTo(b > 0);
    }

    @Test
    void amounts_of_different_currencies_do_not_mix() {
        assertThatThrownBy(() -> Money.sek(100).plus(new Money(100, "EUR")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SEK")
                .hasMessageContaining("EUR");
        assertThatThrownBy(() -> Money.sek(100).exceeds(new Money(1, "NOK")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_overflow_is_an_error_not_a_wrapped_amount() {
        assertThatThrownBy(() -> Money.sek(Long.MAX_VALUE).plus(Money.sek(1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.sek(Long.MIN_VALUE).minus(Money.sek(1))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void a_currency_is_an_iso_code() {
        assertThat(new Money(5, "EUR").currency()).isEqualTo("EUR");
        for (String bad : new String[] {null, "", "sek", "KRONOR", "XYZ"}) {
            assertThatThrownBy(() -> new Money(1, bad))
                    .as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void reads_as_kronor_and_ore() {
        assertThat(Money.sek(1795)).hasToString("17.95 SEK");
        assertThat(Money.sek(-50)).hasToString("-0.50 SEK");
        assertThat(Money.sek(0)).hasToString("0.00 SEK");
        assertThat(new Money(1200, "JPY")).hasToString("1200 JPY");
    }
}
