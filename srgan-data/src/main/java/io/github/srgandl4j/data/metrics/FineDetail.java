package io.github.srgandl4j.data.metrics;

import io.github.srgandl4j.core.image.ImageData;
import java.util.Objects;

/**
 * Fine-scale detail of an image from the 4-neighbour Laplacian of its luma, the library form of
 * the measures {@code training/sharpness.py} printed for the training notes:
 * <ul>
 *   <li>{@link Score#laplacian()}: the mean absolute Laplacian, the image's fine texture energy;
 *       divided by the ground truth's it is the <em>texture</em> ratio (1 = as much fine texture
 *       as HR; MSE-trained models are blurrier and score lower);</li>
 *   <li>{@link Score#grid()}: the amplitude of the pattern that repeats every {@code period}
 *       pixels, the RMS over the {@code period x period} pixel phases (row and column modulo the
 *       period) of the mean Laplacian at that phase. Natural images score near 0; the periodic
 *       checkerboard of pixel-shuffle generators raises it.</li>
 * </ul>
 * Luma is BT.601 Y ({@code 16 + (65.481 R + 128.553 G + 24.966 B) / 255}) of the image quantised
 * to 8 bits (as saved), not rounded; grey images are taken as R = G = B; {@code shave} border
 * pixels are left out before the Laplacian.
 */
public final class FineDetail {
    private FineDetail() {}

    /**
     * Laplacian measures of one image.
     *
     * @param laplacian mean absolute Laplacian of Y (8-bit scale)
     * @param grid RMS over the pixel phases of the mean Laplacian at that phase
     */
    public record Score(double laplacian, double grid) {}

    /** Measures {@code img} with a grid period (the scale factor) and a border to leave out. */
    public static Score of(ImageData img, int period, int shave) {
        Objects.requireNonNull(img, "img");
        if (period < 1 || shave < 0) {
            throw new IllegalArgumentException("period must be >= 1 and shave >= 0, got " + period + " and " + shave);
        }
        ImageData rgb = img.toRgb();
        int w = rgb.width();
        int h = rgb.height();
        int lw = w - 2 * shave - 2;
        int lh = h - 2 * shave - 2;
        if (lw < period || lh < period) {
            throw new IllegalArgumentException("image " + w + "x" + h + " is too small for the Laplacian measures with border "
                    + shave + " and period " + period);
        }
        float[] px = rgb.pixels();
        int n = w * h;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = 16 + (65.481 * ImageData.toUint8(px[i]) + 128.553 * ImageData.toUint8(px[n + i])
                    + 24.966 * ImageData.toUint8(px[2 * n + i])) / 255.0;
        }
        double sumAbs = 0;
        double[] phaseSum = new double[period * period];
        long[] phaseCount = new long[period * period];
        for (int r = 0; r < lh; r++) {
            int yy = r + shave + 1;
            for (int c = 0; c < lw; c++) {
                int xx = c + shave + 1;
                int i = yy * w + xx;
                double lap = 4 * y[i] - y[i - w] - y[i + w] - y[i - 1] - y[i + 1];
                sumAbs += Math.abs(lap);
                int phase = (r % period) * period + c % period;
                phaseSum[phase] += lap;
                phaseCount[phase]++;
            }
        }
        double sq = 0;
        for (int k = 0; k < phaseSum.length; k++) {
            double m = phaseSum[k] / phaseCount[k];
            sq += m * m;
        }
        return new Score(sumAbs / ((long) lw * lh), Math.sqrt(sq / phaseSum.length));
    }
}
