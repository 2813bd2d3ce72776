package io.github.srgandl4j.core.train;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gradient of max-pooling over non-overlapping {@code kH x kW} windows (kernel = stride, no padding) of a dense
 * NCHW float32 tensor, on the JVM one channel plane at a time: each window's output gradient goes to the first
 * maximum of the window in row-major order, every other input gets 0. That is libnd4j M2.1's {@code maxpool2d_bp}
 * (ties, e.g. the all-zero windows after a ReLU, included; tested against the op), which the compiled training step
 * runs this in place of (VGG19's pools): the op took 42 ms per campaign step for two calls (docs/performance.md,
 * section 16). Values are copies of {@code dy}, so the result is the op's to the bit.
 *
 * <p>Channels-last tensors (NHWC: VGG19 on AVX-512 hosts, {@code io.github.srgandl4j.losses.vgg.VggLayout}) are done
 * one row of windows at a time: {@code kH} input rows of {@code W x C} values, every channel's window scanned in the
 * same row-major order.
 */
final class MaxPoolBackward {
    private final int kH;
    private final int kW;
    private final boolean nhwc;
    private final int threads;

    /** NCHW. */
    MaxPoolBackward(int kH, int kW, int threads) {
        this(kH, kW, false, threads);
    }

    /** NCHW, or NHWC if {@code nhwc}. */
    MaxPoolBackward(int kH, int kW, boolean nhwc, int threads) {
        if (kH < 1 || kW < 1 || threads < 1) {
            throw new IllegalArgumentException("window " + kH + "x" + kW + " and threads " + threads
                    + " must be at least 1");
        }
        this.kH = kH;
        this.kW = kW;
        this.nhwc = nhwc;
        this.threads = threads;
    }

    /**
     * {@code dx} from the pool's input {@code x} and output gradient {@code dy} ([N, C, H / kH, W / kW]; NHWC:
     * [N, H / kH, W / kW, C]).
     */
    void run(INDArray x, INDArray dy, INDArray dx) {
        int hAxis = nhwc ? 1 : 2;
        if (!fits(x) || x.size(hAxis) % kH != 0 || x.size(hAxis + 1) % kW != 0) {
            throw new IllegalArgumentException("max-pool input " + (x == null ? "null" : x.shapeInfoToString())
                    + " is not a dense float32 " + (nhwc ? "NHWC" : "NCHW") + " tensor tiled by " + kH + "x" + kW
                    + " windows");
        }
        long[] outShape = nhwc ? new long[] {x.size(0), x.size(1) / kH, x.size(2) / kW, x.size(3)}
                : new long[] {x.size(0), x.size(1), x.size(2) / kH, x.size(3) / kW};
        if (dy == null || !Arrays.equals(dy.shape(), outShape) || !FloatCopies.dense(dy)) {
            throw new IllegalArgumentException("max-pool output gradient " + (dy == null ? "null" : dy.shapeInfoToString())
                    + " is not a dense float32 tensor of shape " + Arrays.toString(outShape));
        }
        if (dx == null || !Arrays.equals(dx.shape(), x.shape()) || !FloatCopies.dense(dx)) {
            throw new IllegalArgumentException("max-pool input gradient " + (dx == null ? "null" : dx.shapeInfoToString())
                    + " is not a dense float32 tensor of the input's shape " + Arrays.toString(x.shape()));
        }
        if (nhwc) {
            int w = (int) x.size(2);
            int c = (int) x.size(3);
            // units: rows of windows, kH input rows of W x C values and one output row of W / kW x C
            inUnits(x, dy, dx, (int) (x.size(0) * (x.size(1) / kH)), kH * w * c, w / kW * c, () -> {
                float[] max = new float[c];
                int[] best = new int[c];
                return (xb, gb, db) -> rowOfWindows(xb, gb, db, w, c, max, best);
            });
        } else {
            int w = (int) x.size(3);
            int oh = (int) (x.size(2) / kH);
            int ow = w / kW;
            // units: channel planes
            inUnits(x, dy, dx, (int) (x.size(0) * x.size(1)), (int) (x.size(2) * w), oh * ow,
                    () -> kH == 2 && kW == 2 ? (xb, gb, db) -> twoByTwo(xb, gb, db, w, oh, ow)
                            : (xb, gb, db) -> anyWindow(xb, gb, db, w, oh, ow));
        }
    }

    /** The gradient within one unit of the tensor: {@code db} from {@code xb} and {@code gb}, every value written. */
    private interface Unit {
        void gradient(float[] xb, float[] gb, float[] db);
    }

    /**
     * Runs {@code units} independent units ({@code inLength} input values and {@code outLength} output-gradient values
     * each, consecutive in memory) on the threads: each read into scratch arrays, computed by a {@link Unit} of its
     * thread's own ({@code perThread}, for its scratch state), and written back.
     */
    private void inUnits(INDArray x, INDArray dy, INDArray dx, int units, int inLength, int outLength,
            java.util.function.Supplier<Unit> perThread) {
        PlanePartition.run(threads, units, 0, (from, to, sums) -> {
            FloatBuffer xs = FloatCopies.floats(x);
            FloatBuffer dys = FloatCopies.floats(dy);
            FloatBuffer dxs = FloatCopies.floats(dx);
            float[] xb = new float[inLength];
            float[] gb = new float[outLength];
            float[] db = new float[inLength];
            Unit unit = perThread.get();
            for (int u = from; u < to; u++) {
                xs.get(u * inLength, xb, 0, inLength);
                dys.get(u * outLength, gb, 0, outLength);
                unit.gradient(xb, gb, db);
                dxs.put(u * inLength, db, 0, inLength);
            }
        });
    }

    /** As {@link PlanePartition#fits}; NHWC: a dense float32 rank-4 tensor whose rows of windows an int indexes. */
    private boolean fits(INDArray x) {
        if (!nhwc) {
            return PlanePartition.fits(x);
        }
        return x != null && x.rank() == 4 && FloatCopies.dense(x) && (long) kH * x.size(2) * x.size(3) <= Integer.MAX_VALUE / 4;
    }

    /**
     * NHWC, one row of windows ({@code kH} rows of {@code w x c} values): {@code db} cleared, then each channel's window
     * scanned in row-major order, all channels at once (they are contiguous); the first maximum gets the gradient.
     * {@code max} and {@code best} are scratch arrays of {@code c} values.
     */
    private void rowOfWindows(float[] xb, float[] gb, float[] db, int w, int c, float[] max, int[] best) {
        int rowLen = w * c;
        Arrays.fill(db, 0f);
        for (int j = 0; j < w / kW; j++) {
            int first = j * kW * c;
            for (int ch = 0; ch < c; ch++) {
                max[ch] = xb[first + ch];
                best[ch] = first + ch;
            }
            for (int a = 0; a < kH; a++) {
                for (int b = a == 0 ? 1 : 0; b < kW; b++) {
                    int at = a * rowLen + (j * kW + b) * c;
                    for (int ch = 0; ch < c; ch++) {
                        float v = xb[at + ch];
                        if (v > max[ch]) { // strictly greater: the first maximum wins
                            max[ch] = v;
                            best[ch] = at + ch;
                        }
                    }
                }
            }
            for (int ch = 0; ch < c; ch++) {
                db[best[ch]] = gb[j * c + ch];
            }
        }
    }

    /** Any window size: {@code db} cleared, then each window's first maximum (row-major) gets {@code g}. */
    private void anyWindow(float[] xb, float[] gb, float[] db, int w, int oh, int ow) {
        Arrays.fill(db, 0f);
        for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
                int first = i * kH * w + j * kW;
                int best = first;
                float max = xb[first];
                for (int a = 0; a < kH; a++) {
                    int row = first + a * w;
                    for (int b = 0; b < kW; b++) {
                        if (xb[row + b] > max) { // strictly greater: the first maximum wins
                            max = xb[row + b];
                            best = row + b;
                        }
                    }
                }
                db[best] = gb[i * ow + j];
            }
        }
    }

    /** The 2x2 case (VGG19's pools), every input written once: the window's first maximum gets {@code g}, the rest 0. */
    private static void twoByTwo(float[] xb, float[] gb, float[] db, int w, int oh, int ow) {
        for (int i = 0; i < oh; i++) {
            int r0 = 2 * i * w;
            int r1 = r0 + w;
            for (int j = 0; j < ow; j++) {
                int c = 2 * j;
                float a = xb[r0 + c];
                float b = xb[r0 + c + 1];
                float d = xb[r1 + c];
                float e = xb[r1 + c + 1];
                // index of the first maximum in row-major order a, b, d, e (strictly greater replaces)
                int best = 0;
                float max = a;
                if (b > max) {
                    max = b;
                    best = 1;
                }
                if (d > max) {
                    max = d;
                    best = 2;
                }
                if (e > max) {
                    best = 3;
                }
                float g = gb[i * ow + j];
                db[r0 + c] = best == 0 ? g : 0f;
                db[r0 + c + 1] = best == 1 ? g : 0f;
                db[r1 + c] = best == 2 ? g : 0f;
                db[r1 + c + 1] = best == 3 ? g : 0f;
            }
        }
    }
}
