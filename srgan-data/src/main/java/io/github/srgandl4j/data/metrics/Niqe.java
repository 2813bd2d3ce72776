package io.github.srgandl4j.data.metrics;

import io.github.srgandl4j.core.image.ImageData;
import java.util.Objects;

/**
 * NIQE, the Natural Image Quality Evaluator (Mittal, Soundararajan and Bovik, "Making a 'Completely
 * Blind' Image Quality Analyzer", IEEE SPL 2013): a no-reference score, the distance between a
 * multivariate Gaussian fitted to an image's natural-scene statistics and the one fitted to
 * pristine images. Lower is more natural: the benchmark HR photos average 3.3 (BSD100) to 5.4
 * (Set5), bicubic x4 upscales about 7.6-8.5 (docs/metrics.md).
 *
 * <p>Computed as the official MATLAB release (and BasicSR's port) does: the Y channel of
 * {@code rgb2ycbcr} rounded to integers (grey images as R = G = B), the image cropped to
 * whole 96x96 blocks from the top left, MSCN coefficients {@code (I - mu) / (sigma + 1)} with the
 * model's 7x7 Gaussian window (replicated borders), per block the AGGD fit of the coefficients
 * (shape, mean scale) and of the products with the four neighbours (right, below, below-right,
 * below-left, wrapping around inside the block: shape, mean, left and right scales), 18
 * features; the same at half size (MATLAB bicubic with antialiasing, 48x48 blocks); the blocks'
 * mean and covariance (blocks with an undefined feature left out of the covariance) compared with
 * the pristine model by {@code sqrt((mu_p - mu)^T pinv((S_p + S) / 2) (mu_p - mu))}.
 *
 * <p>Thread-safe; instances hold only the model.
 */
public final class Niqe {
    /** Side of the square blocks the image is divided into. */
    public static final int BLOCK = 96;
    private static final int[][] SHIFTS = {{0, 1}, {1, 0}, {1, 1}, {1, -1}};
    private static final Niqe STANDARD = new Niqe(NiqeModel.pristine());

    private final NiqeModel model;

    /** NIQE against {@code model}. */
    public Niqe(NiqeModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /** NIQE with the pristine model of the official release. */
    public static Niqe standard() {
        return STANDARD;
    }

    /**
     * NIQE of an image: Y rounded to integers, {@code cropBorder} pixels left out on every side
     * first. Grey images are taken as R = G = B (Y = 16 + 219/255 grey), as the reference
     * implementation reads them; this differs from scoring the grey values by about 0.03.
     *
     * @throws IllegalArgumentException if fewer than 96x96 pixels remain (NIQE is undefined)
     */
    public double score(ImageData img, int cropBorder) {
        Objects.requireNonNull(img, "img");
        double[] y = Luma.of(img.toRgb(), LumaMode.UINT8);
        return score(new Plane(img.width(), img.height(), y), cropBorder);
    }

    /** NIQE of a plane of 0..255 values, {@code cropBorder} pixels left out on every side first. */
    public double score(Plane luma, int cropBorder) {
        Objects.requireNonNull(luma, "luma");
        if (cropBorder < 0) {
            throw new IllegalArgumentException("crop border must be >= 0, got " + cropBorder);
        }
        int w = luma.width() - 2 * cropBorder;
        int h = luma.height() - 2 * cropBorder;
        int bw = w / BLOCK;
        int bh = h / BLOCK;
        if (w < BLOCK || h < BLOCK) {
            throw new IllegalArgumentException("NIQE needs at least one " + BLOCK + "x" + BLOCK + " block, but the image is "
                    + luma.width() + "x" + luma.height() + (cropBorder > 0 ? " (border " + cropBorder + " cropped)" : ""));
        }
        Plane img = crop(luma, cropBorder, cropBorder, bw * BLOCK, bh * BLOCK);
        int blocks = bw * bh;
        double[][] features = new double[blocks][NiqeModel.FEATURES];
        blockFeatures(img, bw, bh, BLOCK, features, 0);
        blockFeatures(PlaneDownscale.bicubic(img, 2), bw, bh, BLOCK / 2, features, NiqeModel.FEATURES / 2);
        double value = distance(features);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("NIQE is undefined for this " + luma.width() + "x" + luma.height()
                    + " image (no block has both darker and brighter detail; a flat image?)");
        }
        return value;
    }

    private void blockFeatures(Plane img, int bw, int bh, int side, double[][] out, int offset) {
        int w = img.width();
        double[] values = img.values();
        float[] single = new float[values.length];
        for (int i = 0; i < single.length; i++) {
            single[i] = (float) values[i];
        }
        float[] mscn = mscn(single, w, img.height());
        double[] block = new double[side * side];
        double[] prod = new double[side * side];
        for (int by = 0; by < bh; by++) {
            for (int bx = 0; bx < bw; bx++) {
                for (int y = 0; y < side; y++) {
                    int src = (by * side + y) * w + bx * side;
                    for (int x = 0; x < side; x++) {
                        block[y * side + x] = mscn[src + x];
                    }
                }
                double[] f = out[by * bw + bx];
                Aggd a = Aggd.fit(block);
                f[offset] = a.alpha();
                f[offset + 1] = (a.betaLeft() + a.betaRight()) / 2;
                for (int s = 0; s < SHIFTS.length; s++) {
                    int dy = SHIFTS[s][0];
                    int dx = SHIFTS[s][1];
                    for (int y = 0; y < side; y++) {
                        int sy = Math.floorMod(y - dy, side) * side;
                        for (int x = 0; x < side; x++) {
                            prod[y * side + x] = (float) (block[y * side + x] * block[sy + Math.floorMod(x - dx, side)]);
                        }
                    }
                    Aggd p = Aggd.fit(prod);
                    int k = offset + 2 + 4 * s;
                    f[k] = p.alpha();
                    f[k + 1] = p.mean();
                    f[k + 2] = p.betaLeft();
                    f[k + 3] = p.betaRight();
                }
            }
        }
    }

    /**
     * Mean-subtracted contrast-normalised coefficients with the model's window, borders replicated.
     * The two filtered planes are accumulated in double and then, like the rest of this step,
     * rounded to float32, as the reference implementation (BasicSR, which works on float32
     * images) does: in flat regions {@code E[I^2] - mu^2} cancels, and float32 rounding there
     * leaves a sigma of a few hundredths instead of zero, which changes NIQE by up to 0.4 on
     * images with large flat areas (see docs/metrics.md).
     */
    private float[] mscn(float[] v, int w, int h) {
        double[][] win = model.window();
        int side = win.length;
        int r = side / 2;
        int pw = w + 2 * r;
        float[] padded = new float[pw * (h + 2 * r)];
        for (int y = 0; y < h + 2 * r; y++) {
            int sy = Math.min(h - 1, Math.max(0, y - r)) * w;
            for (int x = 0; x < pw; x++) {
                padded[y * pw + x] = v[sy + Math.min(w - 1, Math.max(0, x - r))];
            }
        }
        double[] k = new double[side * side];
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                k[i * side + j] = win[side - 1 - i][side - 1 - j];
            }
        }
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double mu = 0;
                double sq = 0;
                for (int i = 0; i < side; i++) {
                    int row = (y + i) * pw + x;
                    int kr = i * side;
                    for (int j = 0; j < side; j++) {
                        float p = padded[row + j];
                        double kk = k[kr + j];
                        mu += kk * p;
                        sq += kk * (p * p);
                    }
                }
                float muF = (float) mu;
                float sqF = (float) sq;
                float sigma = (float) Math.sqrt(Math.abs(sqF - muF * muF));
                out[y * w + x] = (v[y * w + x] - muF) / (sigma + 1f);
            }
        }
        return out;
    }

    /** The NIQE distance of the blocks' features from the model. */
    private double distance(double[][] features) {
        int n = NiqeModel.FEATURES;
        double[] mean = new double[n];
        for (int j = 0; j < n; j++) {
            double s = 0;
            int c = 0;
            for (double[] f : features) {
                if (!Double.isNaN(f[j])) {
                    s += f[j];
                    c++;
                }
            }
            mean[j] = s / c;
        }
        double[][] cov = covarianceOfCompleteRows(features);
        double[][] avg = new double[n][n];
        double[][] pris = model.covariance();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                avg[i][j] = (pris[i][j] + cov[i][j]) / 2;
            }
        }
        double[][] inv = SymmetricEigen.of(avg).pseudoInverse();
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = model.mean()[i] - mean[i];
        }
        double q = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += inv[i][j] * d[j];
            }
            q += d[i] * s;
        }
        return Math.sqrt(q);
    }

    /**
     * Sample covariance (divisor n - 1) of the rows without NaN; with a single such row it is zero
     * (MATLAB's {@code nancov} of one observation), with none it is NaN.
     */
    private static double[][] covarianceOfCompleteRows(double[][] features) {
        int n = NiqeModel.FEATURES;
        int rows = 0;
        double[] mean = new double[n];
        for (double[] f : features) {
            if (complete(f)) {
                rows++;
                for (int j = 0; j < n; j++) {
                    mean[j] += f[j];
                }
            }
        }
        double[][] cov = new double[n][n];
        if (rows == 0) {
            for (double[] row : cov) {
                java.util.Arrays.fill(row, Double.NaN);
            }
            return cov;
        }
        for (int j = 0; j < n; j++) {
            mean[j] /= rows;
        }
        if (rows == 1) {
            return cov;
        }
        for (double[] f : features) {
            if (!complete(f)) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                double di = f[i] - mean[i];
                for (int j = i; j < n; j++) {
                    cov[i][j] += di * (f[j] - mean[j]);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                cov[i][j] /= rows - 1;
                cov[j][i] = cov[i][j];
            }
        }
        return cov;
    }

    private static boolean complete(double[] f) {
        for (double v : f) {
            if (Double.isNaN(v)) {
                return false;
            }
        }
        return true;
    }

    private static Plane crop(Plane p, int x0, int y0, int w, int h) {
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(p.values(), (y0 + y) * p.width() + x0, out, y * w, w);
        }
        return new Plane(w, h, out);
    }
}
