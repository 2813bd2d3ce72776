package io.github.srgandl4j.data.metrics;

/**
 * Structural similarity of Wang et al. (2004) as their reference {@code ssim_index.m}: an 11x11
 * Gaussian window with sigma 1.5 (normalised to sum 1), K1 = 0.01, K2 = 0.03, dynamic range 255,
 * statistics filtered over the 'valid' region only, SSIM the mean of the map. No downsampling.
 */
public final class Ssim {
    /** Window side. */
    public static final int WINDOW = 11;
    /** Gaussian sigma. */
    public static final double SIGMA = 1.5;

    private static final double C1 = Math.pow(0.01 * 255, 2);
    private static final double C2 = Math.pow(0.03 * 255, 2);
    private static final double[] KERNEL = gaussian1d();

    private Ssim() {}

    /** SSIM of two equally sized planes in the 0..255 range (each side at least 11 pixels). */
    public static double of(Plane a, Plane b) {
        Psnr.requireSameSize(a, b);
        int w = a.width();
        int h = a.height();
        if (w < WINDOW || h < WINDOW) {
            throw new IllegalArgumentException("SSIM needs at least " + WINDOW + "x" + WINDOW + " pixels, got " + w + "x" + h);
        }
        double[] x = a.values();
        double[] y = b.values();
        int n = x.length;
        double[] xx = new double[n];
        double[] yy = new double[n];
        double[] xy = new double[n];
        for (int i = 0; i < n; i++) {
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        double[] mx = filterValid(x, w, h);
        double[] my = filterValid(y, w, h);
        double[] sxx = filterValid(xx, w, h);
        double[] syy = filterValid(yy, w, h);
        double[] sxy = filterValid(xy, w, h);
        double sum = 0;
        for (int i = 0; i < mx.length; i++) {
            double mu1 = mx[i];
            double mu2 = my[i];
            double mu1sq = mu1 * mu1;
            double mu2sq = mu2 * mu2;
            double mu12 = mu1 * mu2;
            double s1 = sxx[i] - mu1sq;
            double s2 = syy[i] - mu2sq;
            double s12 = sxy[i] - mu12;
            sum += ((2 * mu12 + C1) * (2 * s12 + C2)) / ((mu1sq + mu2sq + C1) * (s1 + s2 + C2));
        }
        return sum / mx.length;
    }

    /** The normalised 1-D Gaussian; the 2-D window is its outer product. */
    static double[] gaussian1d() {
        double[] g = new double[WINDOW];
        int r = WINDOW / 2;
        double s = 0;
        for (int i = 0; i < WINDOW; i++) {
            double d = i - r;
            g[i] = Math.exp(-(d * d) / (2 * SIGMA * SIGMA));
            s += g[i];
        }
        for (int i = 0; i < WINDOW; i++) {
            g[i] /= s;
        }
        return g;
    }

    /** Separable Gaussian filtering keeping only positions where the window lies inside. */
    private static double[] filterValid(double[] src, int w, int h) {
        int ow = w - WINDOW + 1;
        int oh = h - WINDOW + 1;
        double[] rows = new double[ow * h];
        for (int y = 0; y < h; y++) {
            int base = y * w;
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int k = 0; k < WINDOW; k++) {
                    s += KERNEL[k] * src[base + x + k];
                }
                rows[y * ow + x] = s;
            }
        }
        double[] out = new double[ow * oh];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int k = 0; k < WINDOW; k++) {
                    s += KERNEL[k] * rows[(y + k) * ow + x];
                }
                out[y * ow + x] = s;
            }
        }
        return out;
    }
}
