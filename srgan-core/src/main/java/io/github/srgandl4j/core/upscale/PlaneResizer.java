package io.github.srgandl4j.core.upscale;

/** Resizes one plane of samples in [0, 1] by an integer factor (used for alpha channels). */
@FunctionalInterface
public interface PlaneResizer {
    /**
     * @param plane {@code h * w} samples, row-major
     * @return {@code (h*scale) * (w*scale)} samples
     */
    float[] upscale(float[] plane, int w, int h, int scale);
}
