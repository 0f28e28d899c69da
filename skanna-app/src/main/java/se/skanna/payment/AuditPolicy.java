package se.skanna.payment;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;
import se.skanna.trip.Trips;

/**
 * Picks trips for an exit audit when they are paid: a random base rate plus weights for risk signals, all
 * configurable ({@code skanna.audit.*}). The published figure for comparison: about 12 % of scan-and-go trips
 * get a partial rescan.
 */
@Component
class AuditPolicy {

    @ConfigurationProperties("skanna.audit")
    record Weights(
            double baseRate,
            double firstTrip,
            long highValueThreshold,
            double highValue,
            int manyRemovalsThreshold,
            double manyRemovals,
            int unknownCodesThreshold,
            double unknownCodes,
            java.time.Duration longScanGapThreshold,
            double longScanGap,
            int manualLabelsThreshold,
            double manualLabels) {}

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
