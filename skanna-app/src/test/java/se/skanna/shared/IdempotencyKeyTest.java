package se.skanna.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"12345678", "key-9f1c2d3e", "~!#$%&'()*+,-./:;<=>?@[]^_`{|}"})
    void printable_keys_of_8_to_128_characters_are_keys(String value) {
        assertThat(IdempotencyKey.of(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "1234567", "with space", "tab\there!", "åäö-nyckel", "line\nbreak"})
    void anything_else_is_an_invalid_field_named_after_the_header(String value) {
        assertThatThrownBy(() -> IdempotencyKey.of(value)).isInstanceOfSatisfying(ProblemException.class, problem -> {
            assertThat(problem.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(problem.getMessage()).contains("Idempotency-Key");
        });
    }

    @org.junit.jupiter.api.Test
    void at_most_128_characters() {
        assertThat(IdempotencyKey.of("k".repeat(128)).value()).hasSize(128);
        assertThatThrownBy(() -> IdempotencyKey.of("k".repeat(129))).isInstanceOf(ProblemException.class);
    }
}
