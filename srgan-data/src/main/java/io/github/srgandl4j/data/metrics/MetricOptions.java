package io.github.srgandl4j.data.metrics;

import java.util.Objects;

/**
 * How images are scored.
 *
 * @param shave border pixels left out on every side (the field uses the scale factor)
 * @param luma how Y is computed ({@link LumaMode#UINT8} is the standard protocol)
 */
public record MetricOptions(int shave, LumaMode luma) implements java.io.Serializable {
    public MetricOptions {
        if (shave < 0) {
            throw new IllegalArgumentException("shave must be >= 0, got " + shave);
        }
        Objects.requireNonNull(luma, "luma");
    }

    /** The standard protocol for a scale factor: shave = scale, Y rounded to 8 bits. */
    public static MetricOptions standard(int scale) {
        return new MetricOptions(scale, LumaMode.UINT8);
    }
}
