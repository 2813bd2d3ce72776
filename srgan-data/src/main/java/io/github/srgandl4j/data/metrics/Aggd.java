package io.github.srgandl4j.data.metrics;

/**
 * The parameters of an asymmetric generalised Gaussian distribution (AGGD) fitted to samples by
 * moment matching, as in NIQE/BRISQUE (Mittal et al. 2012, eq. 7; Lasmar et al. 2009): the shape
 * {@code alpha} is looked up on the grid 0.2, 0.201, ..., 10 as the value whose ratio
 * {@code Gamma(2/a)^2 / (Gamma(1/a) Gamma(3/a))} is nearest to the samples' normalised ratio;
 * the left and right scales follow from the standard deviations of the negative and the positive
 * samples.
 *
 * @param alpha shape (2 = Gaussian, 1 = Laplacian)
 * @param betaLeft scale of the negative side
 * @param betaRight scale of the positive side
 */
public record Aggd(double alpha, double betaLeft, double betaRight) {
    private static final int GRID_SIZE = 9801;
    private static final double[] SHAPES = new double[GRID_SIZE];
    private static final double[] RATIOS = new double[GRID_SIZE];

    static {
        for (int i = 0; i < GRID_SIZE; i++) {
            double a = 0.2 + i * 0.001;
            SHAPES[i] = a;
            double g2 = GammaFunction.gamma(2 / a);
            RATIOS[i] = g2 * g2 / (GammaFunction.gamma(1 / a) * GammaFunction.gamma(3 / a));
        }
    }

    /**
     * Fits the AGGD to {@code samples}. A side without samples (no negative or no positive value)
     * gives NaN scales and shape, as the reference implementations do; NIQE leaves such blocks out.
     */
    public static Aggd fit(double[] samples) {
        double sumNegSq = 0;
        double sumPosSq = 0;
        double sumAbs = 0;
        int neg = 0;
        int pos = 0;
        for (double v : samples) {
            if (v < 0) {
                sumNegSq += v * v;
                neg++;
                sumAbs -= v;
            } else if (v > 0) {
                sumPosSq += v * v;
                pos++;
                sumAbs += v;
            }
        }
        int n = samples.length;
        double leftStd = Math.sqrt(sumNegSq / neg);
        double rightStd = Math.sqrt(sumPosSq / pos);
        double gammaHat = leftStd / rightStd;
        double meanAbs = sumAbs / n;
        double rHat = meanAbs * meanAbs / ((sumNegSq + sumPosSq) / n);
        double g2 = gammaHat * gammaHat;
        double rHatNorm = rHat * (g2 * gammaHat + 1) * (gammaHat + 1) / ((g2 + 1) * (g2 + 1));
        if (Double.isNaN(rHatNorm)) {
            return new Aggd(Double.NaN, Double.NaN, Double.NaN);
        }
        double alpha = SHAPES[nearestShape(rHatNorm)];
        double scale = Math.sqrt(GammaFunction.gamma(1 / alpha) / GammaFunction.gamma(3 / alpha));
        return new Aggd(alpha, leftStd * scale, rightStd * scale);
    }

    /** The mean of the distribution, {@code (betaRight - betaLeft) Gamma(2/alpha) / Gamma(1/alpha)} (eq. 8); NaN for an undefined fit. */
    public double mean() {
        if (Double.isNaN(alpha)) {
            return Double.NaN;
        }
        return (betaRight - betaLeft) * GammaFunction.gamma(2 / alpha) / GammaFunction.gamma(1 / alpha);
    }

    /** First index of the grid whose ratio is nearest to {@code r} (the ratio increases with the shape). */
    private static int nearestShape(double r) {
        int lo = 0;
        int hi = GRID_SIZE - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (RATIOS[mid] < r) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int best = lo;
        double bestErr = sq(RATIOS[lo] - r);
        for (int i = Math.max(0, lo - 2); i <= Math.min(GRID_SIZE - 1, lo + 2); i++) {
            double e = sq(RATIOS[i] - r);
            if (e < bestErr || (e == bestErr && i < best)) {
                best = i;
                bestErr = e;
            }
        }
        return best;
    }

    private static double sq(double v) {
        return v * v;
    }
}
