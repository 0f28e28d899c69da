package se.skanna.pricing;

/** Splits whole öre exactly: shares proportional to weights, remainders to the largest fractions first. */
final class Allocation {

    private Allocation() {}

    static long[] proRata(long total, long[] weights) {
        long[] shares = new long[weights.length];
        long sum = 0;
        for (long weight : weights) {
            sum += weight;
        }
        if (total == 0 || sum == 0) {
            if (sum == 0 && weights.length > 0) {
                shares[0] = total;
            }
            return shares;
        }
        long given = 0;
        long[] remainders = new long[weights.length];
        for (int i = 0; i < weights.length; i++) {
            long product = Math.multiplyExact(total, weights[i]);
            shares[i] = product / sum;
            remainders[i] = product % sum;
            given += shares[i];
        }
        for (long left = total - given; left > 0; left--) {
            int largest = 0;
            for (int i = 1; i < remainders.length; i++) {
                if (remainders[i] > remainders[largest]) {
                    largest = i;
                }
            }
            shares[largest]++;
            remainders[largest] = -1;
        }
        return shares;
    }
}
