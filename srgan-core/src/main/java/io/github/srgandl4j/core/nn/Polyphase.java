package io.github.srgandl4j.core.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Moves a stride-1 convolution from after a depth-to-space (pixel shuffle, DCR order) to before it.
 *
 * <p>A k x k convolution (kernel {@code W}, YXIO [k, k, C, O]) of {@code depthToSpace(x, r)}, where
 * {@code x} has r*r*C channels in DCR order ({@code (i*r + j)*C + c}), equals
 * {@code depthToSpace(conv(x, W'), r)} with a polyphase kernel {@code W'} of size
 * {@code kc = 2*ceil((k/2)/r) + 1} on the coarse grid, YXIO [kc, kc, r*r*C, r*r*O]:
 * {@code W'[ey, ex, (qy*r + qx)*C + c, (py*r + px)*O + o] = W[ky, kx, c, o]} with
 * {@code ky = r*(ey - E) + qy - py + k/2} (likewise x, {@code E = kc/2}), and zero where {@code ky} or
 * {@code kx} falls outside the kernel; zero padding at the fine grid's border is zero padding of the
 * coarse grid. For SRResNet's 9x9 tail after the last x2 shuffle this is a 5x5 convolution with 4C
 * inputs and 12 outputs at half resolution, which oneDNN runs 2.4x faster than the 9x9 one with 3
 * outputs (docs/performance.md), and the largest activation tensor's depth-to-space goes away.
 */
public final class Polyphase {
    private Polyphase() {}

    /** The coarse kernel size for a k x k kernel (k odd) and factor r. */
    public static int coarseKernelSize(int k, int r) {
        if (k < 1 || k % 2 == 0) {
            throw new IllegalArgumentException("kernel size must be odd and positive, got " + k);
        }
        if (r < 1) {
            throw new IllegalArgumentException("factor must be >= 1, got " + r);
        }
        return 2 * ceilDiv(k / 2, r) + 1;
    }

    /**
     * For each element of the coarse kernel (YXIO, C order), the flat index of the fine-kernel
     * element it copies, or {@code k*k*cin*cout} (one past the end) where it is zero.
     */
    public static int[] kernelIndex(int k, int cin, int cout, int r) {
        int kc = coarseKernelSize(k, r);
        int e = kc / 2;
        int h = k / 2;
        int rr = r * r;
        int zero = k * k * cin * cout;
        int[] idx = new int[kc * kc * rr * cin * rr * cout];
        int n = 0;
        for (int ey = 0; ey < kc; ey++) {
            for (int ex = 0; ex < kc; ex++) {
                for (int ci = 0; ci < rr * cin; ci++) {
                    int qy = ci / cin / r;
                    int qx = ci / cin % r;
                    int c = ci % cin;
                    for (int co = 0; co < rr * cout; co++) {
                        int py = co / cout / r;
                        int px = co / cout % r;
                        int o = co % cout;
                        int ky = r * (ey - e) + qy - py + h;
                        int kx = r * (ex - e) + qx - px + h;
                        boolean inside = ky >= 0 && ky < k && kx >= 0 && kx < k;
                        idx[n++] = inside ? ((ky * k + kx) * cin + c) * cout + o : zero;
                    }
                }
            }
        }
        return idx;
    }

    /** The polyphase kernel of a fine YXIO kernel [k, k, C, O], computed on the host. */
    public static INDArray kernel(INDArray fine, int r) {
        int k = checkedKernel(fine);
        int cin = (int) fine.size(2);
        int cout = (int) fine.size(3);
        float[] w = fine.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int[] idx = kernelIndex(k, cin, cout, r);
        float[] out = new float[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = idx[i] < w.length ? w[idx[i]] : 0f;
        }
        int kc = coarseKernelSize(k, r);
        return Nd4j.createFromArray(out).reshape(kc, kc, (long) r * r * cin, (long) r * r * cout);
    }

    /**
     * The polyphase kernel computed inside a graph, so that gradients flow back to {@code fine}: two
     * matrix products with constant 0/1 tap-selection matrices ({@link #tapSelection}), one per
     * spatial axis, then a permute. (A gather with the index of {@link #kernelIndex} gives the same
     * values, but M2.1's gather backward loses the contributions of repeated indices, and is slow.)
     */
    public static SDVariable kernel(SameDiff sd, SDVariable fine, int k, int cin, int cout, int r) {
        int kc = coarseKernelSize(k, r);
        long co = (long) cin * cout;
        long rows = (long) kc * r * r;
        SDVariable select = sd.constant(tapSelection(k, r).castTo(fine.dataType()));
        // contract ky: [rows_y, k * k * co] with rows_y = (ey, qy, py)
        SDVariable t1 = sd.mmul(select, fine.reshape(k, (long) k * co));
        // bring kx to the front and contract it: [rows_x, rows_y * co]
        SDVariable t1x = t1.reshape(rows, k, co).permute(1, 0, 2).reshape(k, rows * co);
        SDVariable t2 = sd.mmul(select, t1x);
        // [ex, qx, px, ey, qy, py, c, o] -> [ey, ex, qy, qx, c, py, px, o]
        SDVariable eight = t2.reshape(kc, r, r, kc, r, r, cin, cout);
        return eight.permute(3, 0, 4, 1, 6, 5, 2, 7).reshape(kc, kc, (long) r * r * cin, (long) r * r * cout);
    }

    /**
     * The 0/1 matrix [kc*r*r, k] that picks, for coarse tap {@code e}, input phase {@code q} and output
     * phase {@code p} (row {@code (e*r + q)*r + p}), the fine tap {@code r*(e - kc/2) + q - p + k/2}, or
     * nothing where that falls outside the kernel; the same along both spatial axes.
     */
    static INDArray tapSelection(int k, int r) {
        int kc = coarseKernelSize(k, r);
        float[][] m = new float[kc * r * r][k];
        for (int e = 0; e < kc; e++) {
            for (int q = 0; q < r; q++) {
                for (int p = 0; p < r; p++) {
                    int tap = r * (e - kc / 2) + q - p + k / 2;
                    if (tap >= 0 && tap < k) {
                        m[(e * r + q) * r + p][tap] = 1f;
                    }
                }
            }
        }
        return Nd4j.createFromArray(m);
    }

    /** The bias of the polyphase convolution: {@code b} repeated for each of the r*r output phases. */
    public static INDArray bias(INDArray b, int r) {
        INDArray[] copies = new INDArray[r * r];
        java.util.Arrays.fill(copies, b.castTo(DataType.FLOAT).reshape(b.length()));
        return Nd4j.concat(0, copies);
    }

    /** {@link #bias(INDArray, int)} inside a graph. */
    public static SDVariable bias(SameDiff sd, SDVariable b, int r) {
        SDVariable[] copies = new SDVariable[r * r];
        java.util.Arrays.fill(copies, b);
        return sd.concat(0, copies);
    }

    private static int checkedKernel(INDArray w) {
        if (w.rank() != 4 || w.size(0) != w.size(1)) {
            throw new IllegalArgumentException("expected a square YXIO kernel [k, k, Cin, Cout], got "
                    + java.util.Arrays.toString(w.shape()));
        }
        return (int) w.size(0);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
