package se.skanna.gs1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import se.skanna.gs1.Barcode.ElementStringCode;

class Gs1PropertyTest {

    final BarcodeReader reader = BarcodeReader.swedish();

    @Property
    void every_single_digit_error_is_caught_by_the_check_digit(
            @ForAll("gtinData") String data,
            @ForAll @IntRange(min = 0, max = 12) int position,
            @ForAll @IntRange(min = 1, max = 9) int shift) {
        String code = CheckDigits.append(data);
        int index = position % code.length();
        char wrong = (char) ('0' + (code.charAt(index) - '0' + shift) % 10);
        String misread = code.substring(0, index) + wrong + code.substring(index + 1);

        assertThat(CheckDigits.isValid(code)).isTrue();
        assertThat(CheckDigits.isValid(misread)).isFalse();
    }

    @Property
    void every_single_digit_error_in_a_price_changes_its_price_check_digit(
            @ForAll @StringLength(4) @net.jqwik.api.constraints.NumericChars String price,
            @ForAll @IntRange(min = 0, max = 3) int index,
            @ForAll @IntRange(min = 1, max = 9) int shift) {
        char wrong = (char) ('0' + (price.charAt(index) - '0' + shift) % 10);
        String misread = price.substring(0, index) + wrong + price.substring(index + 1);

        assertThat(CheckDigits.priceCheckDigit(misread)).isNotEqualTo(CheckDigits.priceCheckDigit(price));
    }

    @Property
    void any_gtin_length_round_trips_through_its_14_digit_form(@ForAll("anyGtin") String code) {
        Gtin gtin = Gtin.parse(code);

        assertThat(gtin.value()).hasSize(14).endsWith(code);
        assertThat(gtin.value().substring(0, 14 - code.length())).matches("0*");
        assertThat(Gtin.parse(gtin.value())).isEqualTo(gtin);
    }

    @Property
    void upc_e_and_upc_a_convert_both_ways(@ForAll("upcE") String upcE) {
        String upcA = UpcE.expand(upcE);

        assertThat(upcA).hasSize(12);
        assertThat(CheckDigits.isValid(upcA)).isTrue();
        String again = UpcE.compress(upcA);
        assertThat(again).isNotNull();
        assertThat(UpcE.expand(again)).isEqualTo(upcA);
    }

    @Property
    void variable_measure_labels_give_back_their_value_and_zeroed_product(
            @ForAll @IntRange(min = 20, max = 25) int prefix,
            @ForAll @StringLength(6) @net.jqwik.api.constraints.NumericChars String item,
            @ForAll @IntRange(min = 0, max = 9999) int value) {
        String code = CheckDigits.append(prefix + item + "%04d".formatted(value));

        Barcode label = reader.read(code);

        String product = label.productGtin().value();
        assertThat(product.substring(9, 13)).isEqualTo("0000");
        assertThat(product.substring(1, 9)).isEqualTo(prefix + item);
        long measured = label.price().or(label::weightGrams).orElseThrow();
        long expected = switch (prefix) {
            case 20, 23 -> value;
            case 21, 24 -> value * 10L;
            default -> value * 100L;
        };
        assertThat(measured).isEqualTo(expected);
    }

    @Property
    void element_strings_round_trip_raw_bracketed_and_as_digital_link(@ForAll("elementData") Map<String, String> ais) {
        StringBuilder raw = new StringBuilder("]C1");
        StringBuilder bracketed = new StringBuilder();
        StringBuilder link = new StringBuilder("https://example.se/01/" + ais.get("01"));
        String query = "";
        for (Map.Entry<String, String> entry : ais.entrySet()) {
            ApplicationIdentifier ai = ApplicationIdentifier.of(entry.getKey()).orElseThrow();
            raw.append(entry.getKey()).append(entry.getValue());
            if (!ai.isPredefinedLength()) {
                raw.append(ElementStrings.GS);
            }
            bracketed.append('(').append(entry.getKey()).append(')').append(entry.getValue());
            if (entry.getKey().equals("10") || entry.getKey().equals("21")) {
                link.append('/').append(entry.getKey()).append('/').append(entry.getValue());
            } else if (!entry.getKey().equals("01")) {
                query += (query.isEmpty() ? "?" : "&") + entry.getKey() + "=" + entry.getValue();
            }
        }

        assertThat(((ElementStringCode) reader.read(raw.toString())).ais()).isEqualTo(ais);
        assertThat(((ElementStringCode) reader.read(bracketed.toString())).ais())
                .isEqualTo(ais);
        assertThat(((Barcode.DigitalLinkCode) reader.read(link + query)).ais()).containsExactlyInAnyOrderEntriesOf(ais);
    }

    @Provide
    Arbitrary<String> gtinData() {
        return Arbitraries.strings().numeric().ofLength(12);
    }

    @Provide
    Arbitrary<String> anyGtin() {
        return Arbitraries.of(7, 11, 12, 13)
                .flatMap(length -> Arbitraries.strings().numeric().ofLength(length))
                .map(CheckDigits::append);
    }

    @Provide
    Arbitrary<String> upcE() {
        return Combinators.combine(
                        Arbitraries.of("0", "1"),
                        Arbitraries.strings().numeric().ofLength(6))
                .as((system, data) -> {
                    String withoutCheck = system + data + "0";
                    String upcA = UpcE.expand(fixCheck(withoutCheck));
                    return system + data + upcA.charAt(11);
                });
    }

    /** Any check digit will do to expand; the real one is the expanded UPC-A's. */
    private static String fixCheck(String upcE) {
        for (int check = 0; check <= 9; check++) {
            String candidate = upcE.substring(0, 7) + check;
            try {
                UpcE.expand(candidate);
                return candidate;
            } catch (BarcodeException e) {
                // try the next digit
            }
        }
        throw new IllegalStateException("no check digit fits " + upcE);
    }

    @Provide
    Arbitrary<Map<String, String>> elementData() {
        Arbitrary<String> gtin = Arbitraries.strings().numeric().ofLength(13).map(CheckDigits::append);
        Arbitrary<String> lot = Arbitraries.strings()
                .withCharRange('A', 'Z')
                .numeric()
                .withChars('-', '.')
                .ofMinLength(1)
                .ofMaxLength(20);
        Arbitrary<String> date = Combinators.combine(
                        Arbitraries.integers().between(0, 99),
                        Arbitraries.integers().between(1, 12),
                        Arbitraries.integers().between(1, 28))
                .as((y, m, d) -> "%02d%02d%02d".formatted(y, m, d));
        Arbitrary<String> weight = Arbitraries.strings().numeric().ofLength(6);
        return Combinators.combine(
                        gtin,
                        lot,
                        date,
                        weight,
                        lot.injectNull(0.5),
                        Arbitraries.integers().between(0, 5))
                .as((g, l, d, w, serial, n) -> {
                    Map<String, String> ais = new LinkedHashMap<>();
                    ais.put("01", g);
                    ais.put("17", d);
                    ais.put("10", l);
                    ais.put("310" + n, w);
                    if (serial != null) {
                        ais.put("21", serial);
                    }
                    return ais;
                });
    }
}
