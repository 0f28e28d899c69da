package se.skanna.gs1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import se.skanna.gs1.Barcode.DigitalLinkCode;
import se.skanna.gs1.Barcode.ElementStringCode;
import se.skanna.gs1.Barcode.GtinCode;
import se.skanna.gs1.Barcode.Symbology;
import se.skanna.gs1.Barcode.VariableMeasureCode;
import se.skanna.gs1.BarcodeException.Reason;

class BarcodeReaderTest {

    final BarcodeReader reader = BarcodeReader.swedish();

    @Test
    void an_ean13_reads_as_its_14_digit_gtin() {
        Barcode barcode = reader.read("4006381333931");

        assertThat(barcode).isInstanceOf(GtinCode.class);
        assertThat(barcode.gtin().value()).isEqualTo("04006381333931");
        assertThat(((GtinCode) barcode).symbology()).isEqualTo(Symbology.EAN_13);
    }

    @Test
    void the_check_digit_of_the_domain_example_is_1() {
        assertThat(CheckDigits.compute("400638133393")).isEqualTo(1);
    }

    @Test
    void a_wrong_check_digit_is_explained() {
        assertThatThrownBy(() -> reader.read("4006381333932"))
                .isInstanceOf(BarcodeException.class)
                .hasMessageContaining("check digit is 2 but should be 1")
                .extracting(e -> ((BarcodeException) e).reason())
                .isEqualTo(Reason.BAD_CHECK_DIGIT);
    }

    @Test
    void ean8_upca_and_gtin14_normalise_to_14_digits() {
        assertThat(reader.read("96385074").gtin().value()).isEqualTo("00000096385074");
        assertThat(reader.read("036000291452").gtin().value()).isEqualTo("00036000291452");
        assertThat(reader.read("10012345678902").gtin().value()).isEqualTo("10012345678902");
    }

    @Test
    void upc_e_expands_by_the_zero_suppression_rules() {
        assertThat(UpcE.expand("04252614")).isEqualTo("042100005264");
        Barcode barcode = reader.read("]E004252614");
        assertThat(barcode.gtin().value()).isEqualTo("00042100005264");
        assertThat(((GtinCode) barcode).symbology()).isEqualTo(Symbology.UPC_E);
    }

    @Test
    void a_swedish_weight_label_carries_item_and_grams() {
        Barcode barcode = reader.read("2300000112504");

        assertThat(barcode).isInstanceOf(VariableMeasureCode.class);
        VariableMeasureCode label = (VariableMeasureCode) barcode;
        assertThat(label.itemReference()).isEqualTo("23000001");
        assertThat(label.weightGrams()).contains(1250L);
        assertThat(label.price()).isEmpty();
        assertThat(label.productGtin().value()).isEqualTo("02300000100006");
    }

    @Test
    void a_swedish_price_label_carries_item_and_price() {
        VariableMeasureCode label = (VariableMeasureCode) reader.read("2000000219950");

        assertThat(label.itemReference()).isEqualTo("20000002");
        assertThat(label.price()).contains(1995L);
        assertThat(label.productGtin().value()).isEqualTo("02000000200002");
    }

    @Test
    void each_swedish_prefix_scales_its_value() {
        assertThat(reader.read(CheckDigits.append("210000021995")).price()).contains(19950L);
        assertThat(reader.read(CheckDigits.append("220000020199")).price()).contains(19900L);
        assertThat(reader.read(CheckDigits.append("240000011250")).weightGrams())
                .contains(12500L);
        assertThat(reader.read(CheckDigits.append("250000010125")).weightGrams())
                .contains(12500L);
    }

    @Test
    void a_layout_with_a_price_check_digit_rejects_a_misread_price() {
        // item 5 digits after "2", price check digit at index 7, price in digits 8-11 (a common European layout)
        BarcodeReader withCheck = new BarcodeReader(
                List.of(new VariableMeasureLayout("29", 7, 8, 4, VariableMeasureLayout.Measure.PRICE, 2, 7)));
        String value = "1995";
        String good = CheckDigits.append("2912345" + CheckDigits.priceCheckDigit(value) + value);
        String bad = CheckDigits.append("2912345" + (CheckDigits.priceCheckDigit(value) + 1) % 10 + value);

        assertThat(withCheck.read(good).price()).contains(1995L);
        assertThat(withCheck.read(good).productGtin().value()).isEqualTo("0" + CheckDigits.append("291234500000"));
        assertThatThrownBy(() -> withCheck.read(bad))
                .extracting(e -> ((BarcodeException) e).reason())
                .isEqualTo(Reason.BAD_PRICE_CHECK_DIGIT);
    }

    @Test
    void a_raw_gs1_databar_scan_with_separator_gives_its_ais() {
        Barcode barcode = reader.read("]e001095060001343521" + "0ABC123" + ElementStrings.GS + "3103001250");

        assertThat(barcode).isInstanceOf(ElementStringCode.class);
        ElementStringCode element = (ElementStringCode) barcode;
        assertThat(element.ais())
                .containsEntry("01", "09506000134352")
                .containsEntry("10", "ABC123")
                .containsEntry("3103", "001250");
        assertThat(element.weightGrams()).contains(1250L);
    }

    @Test
    void fixed_length_ais_need_no_separator() {
        ElementStringCode element = (ElementStringCode) reader.read("0109506000134352172712313922002995");

        assertThat(element.ais()).containsEntry("17", "271231").containsEntry("3922", "002995");
        assertThat(element.price()).contains(2995L);
    }

    @Test
    void a_price_with_the_swedish_currency_code_counts_and_another_currency_does_not() {
        assertThat(reader.read("(01)09506000134352(3932)75202995").price()).contains(2995L);
        assertThat(reader.read("(01)09506000134352(3932)97802995").price()).isEmpty();
    }

    @Test
    void the_bracketed_form_reads_like_the_raw_one() {
        Barcode bracketed = reader.read("(01)09506000134352(10)ABC123(3103)001250");
        Barcode raw = reader.read("010950600013435210ABC123" + ElementStrings.GS + "3103001250");

        assertThat(((ElementStringCode) bracketed).ais()).isEqualTo(((ElementStringCode) raw).ais());
    }

    @Test
    void element_string_errors_are_explained() {
        assertThat(reason("(01)09506000134353")).isEqualTo(Reason.BAD_CHECK_DIGIT);
        assertThat(reason("(01)09506000134352(17)271331")).isEqualTo(Reason.BAD_APPLICATION_IDENTIFIER_VALUE);
        assertThat(reason("(01)09506000134352(3103)12")).isEqualTo(Reason.BAD_APPLICATION_IDENTIFIER_VALUE);
        assertThat(reason("(01)09506000134352(89)X")).isEqualTo(Reason.UNKNOWN_APPLICATION_IDENTIFIER);
        assertThat(reason("(10)ABC")).isEqualTo(Reason.UNKNOWN_APPLICATION_IDENTIFIER);
        assertThat(reason("01095060001343521012345678901234567890123")).isEqualTo(Reason.MISSING_SEPARATOR);
        assertThat(reason("]C1010950600013")).isEqualTo(Reason.BAD_APPLICATION_IDENTIFIER_VALUE);
    }

    @Test
    void a_digital_link_on_any_domain_gives_its_gtin_and_ais() {
        Barcode barcode = reader.read("https://id.gs1.org/01/09506000134352/10/ABC%2D123?17=271231&linkType=gs1:pip");

        assertThat(barcode).isInstanceOf(DigitalLinkCode.class);
        assertThat(barcode.gtin().value()).isEqualTo("09506000134352");
        assertThat(((DigitalLinkCode) barcode).ais())
                .containsEntry("10", "ABC-123")
                .containsEntry("17", "271231")
                .doesNotContainKey("linkType");
        assertThat(reader.read("https://shop.example.se/p/01/9506000134352")
                        .gtin()
                        .value())
                .isEqualTo("09506000134352");
    }

    @Test
    void digital_link_errors_are_explained() {
        assertThat(reason("https://id.gs1.org/gtin/09506000134352")).isEqualTo(Reason.BAD_DIGITAL_LINK);
        assertThat(reason("https://id.gs1.org/01/09506000134353")).isEqualTo(Reason.BAD_CHECK_DIGIT);
        assertThat(reason("https://id.gs1.org/01/09506000134352/21/1/10/2")).isEqualTo(Reason.BAD_DIGITAL_LINK);
        assertThat(reason("https://id.gs1.org/01/09506000134352?17=991399"))
                .isEqualTo(Reason.BAD_APPLICATION_IDENTIFIER_VALUE);
    }

    @Test
    void junk_is_rejected_with_a_reason() {
        assertThat(reason("")).isEqualTo(Reason.EMPTY);
        assertThat(reason("   ")).isEqualTo(Reason.EMPTY);
        assertThat(reason("12345")).isEqualTo(Reason.UNSUPPORTED_LENGTH);
        assertThat(reason("40063813339A1")).isEqualTo(Reason.INVALID_CHARACTERS);
        assertThat(reason("1".repeat(600))).isEqualTo(Reason.UNSUPPORTED_LENGTH);
        assertThat(reason("]X9123")).isEqualTo(Reason.INVALID_CHARACTERS);
    }

    private Reason reason(String code) {
        try {
            reader.read(code);
        } catch (BarcodeException e) {
            assertThat(e.getMessage()).isNotBlank();
            return e.reason();
        }
        throw new AssertionError("accepted " + code);
    }
}
