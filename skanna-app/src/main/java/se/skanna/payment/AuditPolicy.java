package se.skanna.payment;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.security.SecureRandom;
import java.util.random.RandomGenerator;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;
import se.skanna.trip.Trips;

/**
 * Picks trips for an exit audit when they are paid: a random base rate plus weights for risk signals, all
 * configurable ({@code skanna.audit.*}). The published figure for comparison: about 12 % of scan-and-go trips
 * get a partial rescan.
 */
@Component
class AuditPolicy {

    /** {@code skanna.audit.*}: chances are 0 to 1, thresholds not negative, the scan gap positive. */
    @Validated
    @ConfigurationProperties("skanna.audit")
    record Weights(
            @DecimalMin(value = "0", message = CHANCE) @DecimalMax(value = "1", message = CHANCE)
            double baseRate,

            @DecimalMin(value = "0", message = CHANCE) @DecimalMax(value = "1", message = CHANCE)
            double firstTrip,

            @PositiveOrZero long highValueThreshold,

            @DecimalMin(value = "0", message = CHANCE) @DecimalMax(value = "1", message = CHANCE)
            double highValue,

            @PositiveOrZero int manyRemovalsThreshold,

            @DecimalMin(value = "0", message = CHANCE) @DecimalMax(value = "1", message = CHANCE)
            double manyRemovals,

            @PositiveOrZero int unknownCodesThreshold,

            @DecimalMin(value = "0", message = CHANCE) @DecimalMax(value = "1", message = CHANCE)
            double unknownCodes,

            @NotNull @DurationMin(millis = 1, message = "must be a positive duration, e.g. 10m")
            java.time.Duration longScanGapThreshold,

            @DecimalMin(value = "0", message = CHANCE) @DecimalMax(value = "1", message = CHANCE)
            double longScanGap,

            @PositiveOrZero int manualLabelsThreshold,

            @DecimalMin(value = "0", message = CHANCE) @DecimalMax(value = "1", message = CHANCE)
            double manualLabels) {

        static final String CHANCE = "must be a chance from 0 to 1, e.g. 0.05";
    }

    private final Weights weights;
    private final RandomGenerator random = new SecureRandom();

    AuditPolicy(Weights weights) {
        this.weights = weights;
    }

    /** The chance of an audit for a trip, 0 to 1. */
    double probability(Trips.Risk risk, long total) {
        double p = weights.baseRate();
        if (risk.previousTrips() == 0) {
            p += weights.firstTrip();
        }
        if (total >= weights.highValueThreshold()) {
            p += weights.highValue();
        }
        if (risk.removedLines() >= weights.manyRemovalsThreshold()) {
            p += weights.manyRemovals();
        }
        if (risk.unknownCodes() >= weights.unknownCodesThreshold()) {
            p += weights.unknownCodes();
        }
        if (weights.longScanGapThreshold() != null
                && risk.longestScanGapSeconds()
                        >= weights.longScanGapThreshold().toSeconds()) {
            p += weights.longScanGap();
        }
        if (weights.manualLabelsThreshold() > 0 && risk.manualLabels() >= weights.manualLabelsThreshold()) {
            p += weights.manualLabels();
        }
        return Math.min(1.0, Math.max(0.0, p));
    }

    boolean select(Trips.Risk risk, long total) {
        return random.nextDouble() < probability(risk, total);
    }
}
