package io.github.srgandl4j.data.metrics;

/**
 * Eigen-decomposition of a small real symmetric matrix by cyclic Jacobi rotations, and the
 * Moore-Penrose pseudo-inverse built from it (NIQE inverts the averaged covariance with a
 * pseudo-inverse). Meant for matrices of a few dozen rows.
 */
public final class SymmetricEigen {
    private static final int MAX_SWEEPS = 100;

    private final double[] values;
    private final double[][] vectors;

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** Decomposes {@code m} (square, symmetric up to rounding; only read, not changed). */
    public static SymmetricEigen of(double[][] m) {
        int n = m.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            if (m[i].length != n) {
                throw new IllegalArgumentException("matrix is not square: row " + i + " has " + m[i].length + " values, expected " + n);
            }
            a[i] = m[i].clone();
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            double diag = 0;
            for (int p = 0; p < n; p++) {
                diag += a[p][p] * a[p][p];
            }
            if (off <= 1e-34 * diag || !Double.isFinite(off)) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] != 0) {
                        rotate(a, v, p, q);
                    }
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i][i];
        }
        return new SymmetricEigen(values, v);
    }

    /** The eigenvalues, in no particular order. */
    public double[] values() {
        return values.clone();
    }

    /** The eigenvector of {@link #values()}{@code [k]} (unit length). */
    public double[] vector(int k) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = vectors[i][k];
        }
        return out;
    }

    /**
     * The pseudo-inverse {@code V diag(1/lambda) V^T}, leaving out eigenvalues whose magnitude is at
     * most {@code 1e-15} times the largest (NumPy's {@code pinv} default cut-off).
     */
    public double[][] pseudoInverse() {
        int n = values.length;
        double max = 0;
        for (double l : values) {
            max = Math.max(max, Math.abs(l));
        }
        double cutoff = 1e-15 * max;
        double[][] out = new double[n][n];
        for (int k = 0; k < n; k++) {
            if (Math.abs(values[k]) <= cutoff) {
                continue;
            }
            double inv = 1 / values[k];
            for (int i = 0; i < n; i++) {
                double vi = vectors[i][k] * inv;
                for (int j = 0; j < n; j++) {
                    out[i][j] += vi * vectors[j][k];
                }
            }
        }
        return out;
    }

    /** One Jacobi rotation zeroing a[p][q] (Numerical Recipes' stable formulation). */
    private static void rotate(double[][] a, double[][] v, int p, int q) {
        int n = a.length;
        double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }
}
