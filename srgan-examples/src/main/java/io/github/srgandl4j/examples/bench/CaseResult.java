package io.github.srgandl4j.examples.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The timings of one case.
 *
 * @param benchCase the case
 * @param runsMs wall time of each timed run, in run order
 * @param description what was run (shapes, losses)
 * @param variants timed runs of further variants of the case, by name (e.g. the same model in another
 *     runtime); empty for most cases
 * @param ratios named ratios of variant medians (e.g. SameDiff / ONNX Runtime)
 */
public record CaseResult(BenchCase benchCase, List<Double> runsMs, String description, Map<String, List<Double>> variants,
        Map<String, Double> ratios) {
    public CaseResult {
        runsMs = List.copyOf(runsMs);
        if (runsMs.isEmpty()) {
            throw new IllegalArgumentException("no timed runs");
        }
        Map<String, List<Double>> v = new LinkedHashMap<>();
        variants.forEach((k, runs) -> v.put(k, List.copyOf(runs)));
        variants = java.util.Collections.unmodifiableMap(v);
        ratios = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ratios));
    }

    /** A case without variants. */
    public CaseResult(BenchCase benchCase, List<Double> runsMs, String description) {
        this(benchCase, runsMs, description, Map.of(), Map.of());
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
