package se.skanna.payment.swish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class SwishFormatTest {

    @RepeatedTest(20)
    void a_payment_id_and_its_instruction_id_map_to_each_other() {
        String paymentId = "p-" + UUID.randomUUID();

        String instructionId = SwishFormat.instructionId(paymentId);

        assertThat(instructionId).matches("[0-9A-F]{32}");
        assertThat(SwishFormat.paymentId(instructionId)).isEqualTo(paymentId);
        assertThat(SwishFormat.payeePaymentReference(paymentId))
                .hasSize(33)
                .matches("[a-z0-9]{1,35}")
                .isEqualTo(paymentId.replace("-", ""));
    }

    @Test
    void the_instruction_id_is_the_uuid_in_upper_case_without_dashes() {
        assertThat(SwishFormat.instructionId("p-0f8c2a4e-1b2c-4d3e-8f90-a1b2c3d4e5f6"))
                .isEqualTo("0F8C2A4E1B2C4D3E8F90A1B2C3D4E5F6");
        assertThat(SwishFormat.paymentId("0F8C2A4E1B2C4D3E8F90A1B2C3D4E5F6"))
                .isEqualTo("p-0f8c2a4e-1b2c-4d3e-8f90-a1b2c3d4e5f6");
    }

    @Test
    void anything_else_is_not_an_id() {
        assertThat(SwishFormat.isInstructionId("0f8c2a4e1b2c4d3e8f90a1b2c3d4e5f6"))
                .isFalse();
        assertThat(SwishFormat.isInstructionId("0F8C2A4E-1B2C-4D3E-8F90-A1B2C3D4E5F6"))
                .isFalse();
        assertThat(SwishFormat.isInstructionId(null)).isFalse();
        assertThatThrownBy(() -> SwishFormat.instructionId("t-0f8c2a4e-1b2c-4d3e-8f90-a1b2c3d4e5f6"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SwishFormat.paymentId("XYZ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void amounts_are_kronor_with_two_decimals_from_exact_ore() {
        assertThat(SwishFormat.amount(12990)).isEqualTo("129.90");
        assertThat(SwishFormat.amount(1795)).isEqualTo("17.95");
        assertThat(SwishFormat.amount(5)).isEqualTo("0.05");
        assertThat(SwishFormat.amount(100)).isEqualTo("1.00");
        assertThat(SwishFormat.amount(99999999999999L)).isEqualTo("999999999999.99");
        assertThatThrownBy(() -> SwishFormat.amount(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messages_stay_within_swish_alphabet_and_length() {
        String message = SwishFormat.message("Matboden Sverige", "p-0f8c2a4e-1b2c-4d3e-8f90-a1b2c3d4e5f6");
        String longest = SwishFormat.message("x".repeat(40), "p-0f8c2a4e-1b2c-4d3e-8f90-a1b2c3d4e5f6");

        assertThat(message).isEqualTo("Matboden Sverige 0F8C2A4E");
        assertThat(longest).hasSize(49).matches(SwishFormat.MESSAGE);
        assertThat(SwishFormat.refundMessage("Matboden"))
                .isEqualTo("Matboden återbetalning")
                .matches(SwishFormat.MESSAGE);
    }

    @Test
    void the_same_refund_key_names_the_same_refund() {
        String payment = "p-" + UUID.randomUUID();

        assertThat(SwishFormat.refundInstructionId(payment, "r1"))
                .matches("[0-9A-F]{32}")
                .isEqualTo(SwishFormat.refundInstructionId(payment, "r1"))
                .isNotEqualTo(SwishFormat.refundInstructionId(payment, "r2"))
                .isNotEqualTo(SwishFormat.refundInstructionId("p-" + UUID.randomUUID(), "r1"));
    }
}
