package io.github.srgandl4j.core.image;

/**
 * The weights and source indices of one 1-D bicubic resize, computed exactly as MATLAB's
 * {@code imresize} ({@code contributions}) does in double precision, with indices past the border
 * clamped to the edge sample.
 *
 * <p>For output sample {@code i} (1-based) the source position is
 * {@code u = i / scale + 0.5 * (1 - 1 / scale)}; the kernel is the cubic with a = -0.5, stretched
 * by {@code 1 / scale} when downscaling with antialiasing (width {@code 4 / scale}); the
 * {@code ceil(width) + 2} taps starting at {@code floor(u - width / 2)} are normalised to sum 1.
 */
final class Contributions {
    final int outLength;
    final int taps;
    /** outLength x taps, row-major; 0-based, clamped source indices. */
    final int[] indices;
    /** outLength x taps, row-major. */
    final double[] weights;

    private Contributions(int outLength, int taps, int[] indices, double[] weights) {
        this.outLength = outLength;
        this.taps = taps;
        this.indices = indices;
        this.weights = weights;
    }

    /** MATLAB's cubic kernel, a = -0.5, written as in {@code imresize.m}. */
    static double cubic(double x) {
        double absx = Math.abs(x);
        double absx2 = absx * absx;
        double absx3 = absx2 * absx;
        double f = 0.0;
        if (absx <= 1) {
            f = 1.5 * absx3 - 2.5 * absx2 + 1;
        } else if (absx <= 2) {
            f = -0.5 * absx3 + 2.5 * absx2 - 4 * absx + 2;
        }
        return f;
    }

    static Contributions of(int inLength, int outLength, double scale, boolean antialias) {
        double kernelWidth = 4.0;
        boolean stretch = scale < 1 && antialias;
        if (stretch) {
            kernelWidth = kernelWidth / scale;
        }
        int taps = (int) Math.ceil(kernelWidth) + 2;
        int[] idx = new int[outLength * taps];
        double[] w = new double[outLength * taps];
        for (int i = 0; i < outLength; i++) {
            double x = i + 1;
            double u = x / scale + 0.5 * (1 - 1 / scale);
            double left = Math.floor(u - kernelWidth / 2);
            double sum = 0;
            for (int k = 0; k < taps; k++) {
                double index = left + k;
                double d = u - index;
                double wk = stretch ? scale * cubic(scale * d) : cubic(d);
                w[i * taps + k] = wk;
                sum += wk;
                long clamped = Math.min(Math.max(1L, (long) index), inLength);
                idx[i * taps + k] = (int) clamped - 1;
            }
            for (int k = 0; k < taps; k++) {
                w[i * taps + k] = w[i * taps + k] / sum;
            }
        }
        return new Contributions(outLength, taps, idx, w);
    }
}
