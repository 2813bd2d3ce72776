package io.github.srgandl4j.examples.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The timings of one case.
 *
 * @param benchCase the case
 * @param runsMs wall time of each timed run, in run order
 * @param description what was run (shapes, losses)
 */
public record CaseResult(BenchCase benchCase, List<Double> runsMs, String description) {
    public CaseResult {
        runsMs = List.copyOf(runsMs);
        if (runsMs.isEmpty()) {
            throw new IllegalArgumentException("no timed runs");
        }
    }

    /** The median of the timed runs (mean of the two middle values for an even count). */
    public double medianMs() {
        return median(runsMs);
    }

    /** The median of {@code values} (mean of the two middle ones for an even count). */
    public static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
