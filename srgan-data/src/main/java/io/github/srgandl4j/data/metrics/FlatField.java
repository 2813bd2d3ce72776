package io.github.srgandl4j.data.metrics;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.image.SuperResolver;
import java.util.Arrays;
import java.util.Objects;

/**
 * The flat-field test of a super-resolver: upscale a uniform image and see how far the output
 * strays from uniform. An ideal model returns the same level everywhere; border artefacts
 * (zero padding, tile seams) show in the outermost {@link #BORDER} output pixels, a periodic
 * checkerboard or noise in the interior's standard deviation. Output samples are taken as 8-bit
 * levels (as saved).
 */
public final class FlatField {
    /** Width of the output frame examined for border artefacts, in output pixels. */
    public static final int BORDER = 8;

    private FlatField() {}

    /**
     * The outcome for one grey level.
     *
     * @param level the input's grey level (0..255, R = G = B)
     * @param width output width
     * @param height output height
     * @param borderMaxDeviation largest |output - level| over the channels of the outermost {@link #BORDER} pixels
     * @param interiorStd largest over the channels of the standard deviation inside that frame
     * @param interiorMaxDeviation largest |output - level| inside the frame
     */
    public record Result(int level, int width, int height, double borderMaxDeviation, double interiorStd,
            double interiorMaxDeviation) {}

    /** Upscales a {@code size x size} RGB image of grey {@code level} with {@code resolver} and measures the output. */
    public static Result measure(SuperResolver resolver, int size, int level) {
        Objects.requireNonNull(resolver, "resolver");
        if (level < 0 || level > 255) {
            throw new IllegalArgumentException("level must be 0..255, got " + level);
        }
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, got " + size);
        }
        int[] px = new int[3 * size * size];
        Arrays.fill(px, level);
        ImageData out = resolver.upscale(ImageData.ofUint8(size, size, 3, px));
        return measure(out, level);
    }

    /** Measures an output that should be uniformly {@code level}. */
    public static Result measure(ImageData out, int level) {
        int w = out.width();
        int h = out.height();
        if (w <= 2 * BORDER || h <= 2 * BORDER) {
            throw new IllegalArgumentException("output " + w + "x" + h + " is too small for a " + BORDER + "-pixel frame");
        }
        ImageData rgb = out.toRgb();
        double border = 0;
        double inner = 0;
        double std = 0;
        for (int c = 0; c < 3; c++) {
            float[] plane = rgb.plane(c);
            double sum = 0;
            double sq = 0;
            long n = 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = ImageData.toUint8(plane[y * w + x]);
                    double dev = Math.abs(v - level);
                    boolean frame = y < BORDER || x < BORDER || y >= h - BORDER || x >= w - BORDER;
                    if (frame) {
                        border = Math.max(border, dev);
                    } else {
                        inner = Math.max(inner, dev);
                        sum += v;
                        sq += (double) v * v;
                        n++;
                    }
                }
            }
            double mean = sum / n;
            std = Math.max(std, Math.sqrt(Math.max(0, sq / n - mean * mean)));
        }
        return new Result(level, w, h, border, std, inner);
    }
}
