package io.github.srgandl4j.core.export;

import io.github.srgandl4j.core.onnx.ValueRange;

/** Affine value-range mappings as ONNX Mul/Add nodes (none where the range is already [0, 1]). */
final class RangeNodes {
    private RangeNodes() {}

    /** {@code x * (max - min) + min}: [0, 1] to {@code range}; returns {@code x} itself for [0, 1]. */
    static String fromUnit(OnnxGraphWriter w, String x, ValueRange range, String prefix) {
        if (range.equals(ValueRange.ZERO_ONE)) {
            return x;
        }
        String scaled = w.node("Mul", prefix + "/mul", new String[] {x, w.scalar(prefix + "/scale", range.max() - range.min())});
        return w.node("Add", prefix + "/add", new String[] {scaled, w.scalar(prefix + "/offset", range.min())});
    }

    /**
     * {@code (y - min) / (max - min)}: {@code range} to [0, 1], as {@code y * s + t}, the result named
     * {@code output} (an Identity for [0, 1]).
     */
    static String toUnit(OnnxGraphWriter w, String y, ValueRange range, String prefix, String output) {
        if (range.equals(ValueRange.ZERO_ONE)) {
            return w.node("Identity", output, new String[] {y});
        }
        double s = 1.0 / (range.max() - range.min());
        String scaled = w.node("Mul", prefix + "/mul", new String[] {y, w.scalar(prefix + "/scale", s)});
        return w.node("Add", output, new String[] {scaled, w.scalar(prefix + "/offset", -range.min() * s)});
    }
}
