package se.skanna.barcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import tools.jackson.databind.JsonNode;

@SkannaTest
class BarcodeApiTest {

    @LocalServerPort
    int port;

    JsonNode read(String code) {
        Api.Response response = new Api(port).get("/api/v1/barcodes/" + encode(code));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void an_ean13_answers_kind_gtin_and_the_14_digit_form() {
        JsonNode answer = read("4006381333931");

        assertThat(answer.get("kind").asString()).isEqualTo("GTIN");
        assertThat(answer.get("gtin").asString()).isEqualTo("04006381333931");
        assertThat(answer.get("valid").asBoolean()).isTrue();
        assertThat(answer.get("code").asString()).isEqualTo("4006381333931");
    }

    @Test
    void a_weight_label_answers_item_reference_and_grams() {
        JsonNode answer = read("2300000112504");

        assertThat(answer.get("kind").asString()).isEqualTo("VARIABLE_MEASURE");
        assertThat(answer.get("itemReference").asString()).isEqualTo("23000001");
        assertThat(answer.get("weightGrams").asLong()).isEqualTo(1250);
        assertThat(answer.has("price")).isFalse();
    }

    @Test
    void a_price_label_answers_its_price_in_ore() {
        JsonNode answer = read("2000000219950");

        assertThat(answer.get("kind").asString()).isEqualTo("VARIABLE_MEASURE");
        assertThat(answer.get("price").asLong()).isEqualTo(1995);
    }

    @Test
    void an_element_string_answers_its_ais() {
        JsonNode answer = read("(01)09506000134352(3103)001250");

        assertThat(answer.get("kind").asString()).isEqualTo("GS1_ELEMENT_STRING");
        assertThat(answer.at("/ais/01").asString()).isEqualTo("09506000134352");
        assertThat(answer.at("/ais/3103").asString()).isEqualTo("001250");
        assertThat(answer.get("weightGrams").asLong()).isEqualTo(1250);
    }

    @Test
    void a_url_encoded_digital_link_in_the_path_answers_its_ais() {
        JsonNode answer = read("https://id.gs1.org/01/09506000134352/10/LOT7?17=271231");

        assertThat(answer.get("kind").asString()).isEqualTo("DIGITAL_LINK");
        assertThat(answer.get("gtin").asString()).isEqualTo("09506000134352");
        assertThat(answer.at("/ais/10").asString()).isEqualTo("LOT7");
        assertThat(answer.at("/ais/17").asString()).isEqualTo("271231");
    }

    @Test
    void a_raw_scan_with_a_gs_separator_can_be_sent_as_a_query_parameter() {
        Api.Response response =
                new Api(port).get("/api/v1/barcodes?code=" + encode("]C1010950600013435210ABC\u001D3103001250"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().at("/ais/10").asString()).isEqualTo("ABC");
    }

    @Test
    void an_unreadable_code_is_422_invalid_barcode_with_a_reason() {
        Api.Response badCheck = new Api(port).get("/api/v1/barcodes/4006381333932");
        Api.Response letters = new Api(port).get("/api/v1/barcodes/hello");

        assertThat(badCheck.status()).isEqualTo(422);
        assertThat(badCheck.problemCode()).isEqualTo("invalid_barcode");
        assertThat(badCheck.json().get("reason").asString()).isEqualTo("bad_check_digit");
        assertThat(badCheck.json().get("detail").asString()).contains("should be 1");
        assertThat(letters.status()).isEqualTo(422);
        assertThat(letters.json().get("reason").asString()).isEqualTo("invalid_characters");
    }

    static String encode(String code) {
        return URLEncoder.encode(code, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
