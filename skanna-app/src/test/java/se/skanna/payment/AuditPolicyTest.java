package se.skanna.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import se.skanna.trip.Trips;

class AuditPolicyTest {

    final AuditPolicy policy = new AuditPolicy(new AuditPolicy.Weights(
            0.05, 0.05, 150_000, 0.10, 3, 0.10, 2, 0.10, Duration.ofMinutes(10), 0.05, 1, 0.15));

    static Trips.Risk risk(int removed, int unknown, long previousTrips, long longestGapSeconds) {
        return risk(removed, unknown, previousTrips, longestGapSeconds, 0);
    }

    static Trips.Risk risk(int removed, int unknown, long previousTrips, long longestGapSeconds, int manualLabels) {
        return new Trips.Risk(removed, unknown, previousTrips, false, "PAYING", longestGapSeconds, manualLabels);
    }

    @Test
    void a_regular_shopper_with_a_small_clean_basket_gets_the_base_rate() {
        assertThat(policy.probability(risk(0, 0, 12, 30), 25_000)).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void each_risk_signal_adds_its_weight() {
        assertThat(policy.probability(risk(0, 0, 0, 30), 25_000)).isCloseTo(0.10, within(1e-9));
        assertThat(policy.probability(risk(0, 0, 5, 30), 150_000)).isCloseTo(0.15, within(1e-9));
        assertThat(policy.probability(risk(3, 0, 5, 30), 25_000)).isCloseTo(0.15, within(1e-9));
        assertThat(policy.probability(risk(0, 2, 5, 30), 25_000)).isCloseTo(0.15, within(1e-9));
        assertThat(policy.probability(risk(0, 0, 5, 600), 25_000)).isCloseTo(0.10, within(1e-9));
    }

    @Test
    void a_weight_or_price_label_typed_in_by_hand_adds_its_weight() {
        assertThat(policy.probability(risk(0, 0, 5, 30, 1), 25_000)).isCloseTo(0.20, within(1e-9));
        assertThat(policy.probability(risk(0, 0, 5, 30, 3), 25_000)).isCloseTo(0.20, within(1e-9));
    }

    @Test
    void all_signals_together_add_up_and_never_pass_one() {
        assertThat(policy.probability(risk(5, 5, 0, 3600), 500_000)).isCloseTo(0.45, within(1e-9));
        AuditPolicy strict =
                new AuditPolicy(new AuditPolicy.Weights(0.9, 0.5, 1, 0.5, 0, 0.5, 0, 0.5, Duration.ZERO, 0.5, 1, 0.5));
        assertThat(strict.probability(risk(0, 0, 0, 0), 1)).isEqualTo(1.0);
        assertThat(strict.select(risk(0, 0, 0, 0), 1)).isTrue();
    }
}
