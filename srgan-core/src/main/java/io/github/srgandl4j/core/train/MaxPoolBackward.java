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
 */
final class MaxPoolBackward {
    private final int kH;
    private final int kW;
    private final int threads;

    MaxPoolBackward(int kH, int kW, int threads) {
        if (kH < 1 || kW < 1 || threads < 1) {
            throw new IllegalArgumentException("window " + kH + "x" + kW + " and threads " + threads
                    + " must be at least 1");
        }
        this.kH = kH;
        this.kW = kW;
        this.threads = threads;
    }

    /** {@code dx} from the pool's input {@code x} and output gradient {@code dy} ([N, C, H / kH, W / kW]). */
    void run(INDArray x, INDArray dy, INDArray dx) {
        if (!PlanePartition.fits(x) || x.size(2) % kH != 0 || x.size(3) % kW != 0) {
            throw new IllegalArgumentException("max-pool input " + (x == null ? "null" : x.shapeInfoToString())
                    + " is not a dense float32 NCHW tensor tiled by " + kH + "x" + kW + " windows");
        }
        long[] outShape = {x.size(0), x.size(1), x.size(2) / kH, x.size(3) / kW};
        if (dy == null || !Arrays.equals(dy.shape(), outShape) || !FloatCopies.dense(dy)) {
            throw new IllegalArgumentException("max-pool output gradient " + (dy == null ? "null" : dy.shapeInfoToString())
                    + " is not a dense float32 tensor of shape " + Arrays.toString(outShape));
        }
        if (dx == null || !Arrays.equals(dx.shape(), x.shape()) || !FloatCopies.dense(dx)) {
            throw new IllegalArgumentException("max-pool input gradient " + (dx == null ? "null" : dx.shapeInfoToString())
                    + " is not a dense float32 tensor of the input's shape " + Arrays.toString(x.shape()));
        }
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        int oh = h / kH;
        int ow = w / kW;
        int plane = h * w;
        int outPlane = oh * ow;
        PlanePartition.run(threads, (int) (x.size(0) * x.size(1)), 0, (from, to, sums) -> {
            FloatBuffer xs = FloatCopies.floats(x);
            FloatBuffer dys = FloatCopies.floats(dy);
            FloatBuffer dxs = FloatCopies.floats(dx);
            float[] xb = new float[plane];
            float[] gb = new float[outPlane];
            float[] db = new float[plane];
            for (int p = from; p < to; p++) {
                xs.get(p * plane, xb, 0, plane);
                dys.get(p * outPlane, gb, 0, outPlane);
                if (kH == 2 && kW == 2) {
                    twoByTwo(xb, gb, db, w, oh, ow);
                } else {
                    anyWindow(xb, gb, db, w, oh, ow);
                }
                dxs.put(p * plane, db, 0, plane);
            }
        });
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
