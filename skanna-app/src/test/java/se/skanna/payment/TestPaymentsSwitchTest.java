package se.skanna.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TestPaymentsSwitchTest {

    private static final String H2 = "jdbc:h2:file:./data/skanna;MODE=PostgreSQL";
    private static final String POSTGRES = "jdbc:postgresql://db:5432/skanna";

    @Test
    void left_alone_it_is_on_only_for_the_demo_chain_on_the_embedded_database() {
        assertThat(TestPaymentsSwitch.decide("auto", true, H2)).isTrue();
        assertThat(TestPaymentsSwitch.decide("", true, H2)).isTrue();
        assertThat(TestPaymentsSwitch.decide("auto", false, H2)).isFalse();
        assertThat(TestPaymentsSwitch.decide("auto", true, POSTGRES))
                .as("a production node that forgot SKANNA_DEMO=false")
                .isFalse();
    }

    @Test
    void an_explicit_setting_decides() {
        assertThat(TestPaymentsSwitch.decide("true", false, POSTGRES)).isTrue();
        assertThat(TestPaymentsSwitch.decide(" TRUE ", false, POSTGRES)).isTrue();
        assertThat(TestPaymentsSwitch.decide("false", true, H2)).isFalse();
    }

    @Test
    void a_misspelt_setting_stops_the_start_instead_of_guessing() {
        assertThatThrownBy(() -> TestPaymentsSwitch.decide("yes", true, H2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SKANNA_TEST_PAYMENTS");
    }
}
