package io.github.srgandl4j.data.metrics;

/**
 * MATLAB {@code imresize(plane, 1/factor, 'bicubic')} on a plane of doubles: cubic kernel
 * a = -0.5 stretched by {@code factor} (antialiasing), indices past the border mirrored
 * symmetrically (MATLAB's own rule: index 0 reads 1, -1 reads 2), rows resized first, then
 * columns, no rounding. NIQE makes its second scale this way. (The benchmark LR files were made
 * by an older imresize that clamps at the border and rounds to uint8; that is
 * {@code core.image.BicubicResize}.)
 */
public final class PlaneDownscale {
    private PlaneDownscale() {}

    /** The plane downscaled by {@code factor}: output {@code ceil(w / factor) x ceil(h / factor)}. */
    public static Plane bicubic(Plane in, int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be >= 1, got " + factor);
        }
        int w = in.width();
        int h = in.height();
        int outW = (w + factor - 1) / factor;
        int outH = (h + factor - 1) / factor;
        Taps rows = Taps.of(h, outH, 1.0 / factor);
        Taps cols = Taps.of(w, outW, 1.0 / factor);
        double[] src = in.values();
        double[] mid = new double[outH * w];
        for (int o = 0; o < outH; o++) {
            int base = o * rows.width;
            for (int t = 0; t < rows.width; t++) {
                double wt = rows.weights[base + t];
                int row = rows.indices[base + t] * w;
                for (int x = 0; x < w; x++) {
                    mid[o * w + x] += wt * src[row + x];
                }
            }
        }
        double[] out = new double[outH * outW];
        for (int y = 0; y < outH; y++) {
            for (int o = 0; o < outW; o++) {
                int base = o * cols.width;
                double s = 0;
                for (int t = 0; t < cols.width; t++) {
                    s += cols.weights[base + t] * mid[y * w + cols.indices[base + t]];
                }
                out[y * outW + o] = s;
            }
        }
        return new Plane(outW, outH, out);
    }

    /** The contributing source indices (0-based, already mirrored) and normalised weights of each output index. */
    private record Taps(int width, int[] indices, double[] weights) {
        static Taps of(int inLength, int outLength, double scale) {
            double kernelWidth = 4 / scale;
            int p = (int) Math.ceil(kernelWidth) + 2;
            int[] idx = new int[outLength * p];
            double[] wts = new double[outLength * p];
            for (int o = 0; o < outLength; o++) {
                double u = (o + 1) / scale + 0.5 * (1 - 1 / scale);
                double left = Math.floor(u - kernelWidth / 2);
                double sum = 0;
                for (int t = 0; t < p; t++) {
                    double index = left + t;
                    double wt = scale * cubic((u - index) * scale);
                    wts[o * p + t] = wt;
                    idx[o * p + t] = mirror((int) index - 1, inLength);
                    sum += wt;
                }
                for (int t = 0; t < p; t++) {
                    wts[o * p + t] /= sum;
                }
            }
            return new Taps(p, idx, wts);
        }

        /** 0-based index mirrored symmetrically into [0, n). */
        private static int mirror(int i, int n) {
            int period = 2 * n;
            int m = Math.floorMod(i, period);
            return m < n ? m : period - 1 - m;
        }

        private static double cubic(double x) {
            double a = Math.abs(x);
            double a2 = a * a;
            double a3 = a2 * a;
            if (a <= 1) {
                return 1.5 * a3 - 2.5 * a2 + 1;
            }
            if (a <= 2) {
                return -0.5 * a3 + 2.5 * a2 - 4 * a + 2;
            }
            return 0;
        }
    }
}
