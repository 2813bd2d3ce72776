package io.github.srgandl4j.data.metrics;

/**
 * The gamma function for positive real arguments (Lanczos approximation, g = 7, 9 coefficients;
 * relative error about 1e-15), as needed by the AGGD fit.
 */
final class GammaFunction {
    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7
    };

    private GammaFunction() {}

    /** Gamma(x) for x > 0. */
    static double gamma(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("gamma needs x > 0, got " + x);
        }
        if (x < 0.5) {
            return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
        }
        double z = x - 1;
        double a = LANCZOS[0];
        double t = z + 7.5;
        for (int i = 1; i < LANCZOS.length; i++) {
            a += LANCZOS[i] / (z + i);
        }
        return Math.sqrt(2 * Math.PI) * Math.pow(t, z + 0.5) * Math.exp(-t) * a;
    }
}
