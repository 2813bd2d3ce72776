package io.github.srgandl4j.core.train;

import io.github.srgandl4j.core.nn.DataLayout;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The per-channel scale of BatchNorm and PReLU in the training graphs, {@code y = x s_c + t_c} on a dense NCHW float32
 * tensor (the graphs build it as a 1x1 depthwise convolution, {@code t} optional), and its backward pass
 * {@code dx = dy s_c}, {@code ds_c = sum(dy x)}, {@code dt_c = sum(dy)} over N, H and W, computed on the JVM one
 * channel plane at a time: each plane is read once and written once, through a small scratch buffer per thread. A
 * channels-last kernel ({@link #channelsLast}) does the same for NHWC tensors, one image row (W pixels of C channels)
 * at a time.
 * libnd4j M2.1's 1x1 {@code depthwise_conv2d} and its backward pass take 5-8x that on the generator's large tensors
 * (16x256x48x48, 2 threads: 57 and 114 ms against 9 and 19 ms here; docs/performance.md, section 16).
 *
 * <p>Values: {@code y} is {@code fma(x, s, t)} (one rounding, as oneDNN's kernel accumulates onto the bias) or
 * {@code x s}; {@code dx} is the same product as the op's; {@code ds} and {@code dt} are summed in double per plane and
 * over planes in a fixed order, so they are deterministic for a given thread count and differ from the op's float
 * sums by their rounding only.
 */
final class ChannelScale {
    private final int threads;
    private final DataLayout layout;

    /** An NCHW kernel using {@code threads} threads (the caller's and {@code threads - 1} workers). */
    ChannelScale(int threads) {
        this(threads, DataLayout.NCHW);
    }

    private ChannelScale(int threads, DataLayout layout) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.layout = java.util.Objects.requireNonNull(layout, "layout");
    }

    /** A kernel for NHWC tensors using {@code threads} threads. */
    static ChannelScale channelsLast(int threads) {
        return new ChannelScale(threads, DataLayout.NHWC);
    }

    /** A kernel for tensors in {@code layout} using as many threads as ND4J's native ops do (at most the processors). */
    static ChannelScale matchingNd4j(DataLayout layout) {
        return new ChannelScale(PlanePartition.nd4jThreads(), layout);
    }

    /** The axis of the channels in the tensors this kernel reads. */
    int channelAxis() {
        return layout.channelAxis();
    }

    /** True if {@code a} is a dense float32 tensor of this kernel's layout with {@code channels} channels that it can read. */
    boolean fits(INDArray a, long channels) {
        return PlanePartition.fits(a) && a.size(channelAxis()) == channels;
    }

    /** {@code y = x s + t} per channel ({@code t} may be null: {@code y = x s}); {@code y} may be {@code x}. */
    void forward(INDArray x, INDArray s, INDArray t, INDArray y) {
        Shape sh = Shape.of(x, s, t, y, "y", layout);
        boolean nhwc = layout == DataLayout.NHWC;
        float[] scale = new float[sh.channels];
        FloatCopies.read(s, scale);
        float[] shift = null;
        if (t != null) {
            shift = new float[sh.channels];
            FloatCopies.read(t, shift);
        }
        float[] shiftOrNull = shift;
        PlanePartition.run(threads, sh.planes, 0, (from, to, sums) -> {
            FloatBuffer xs = FloatCopies.floats(x);
            FloatBuffer ys = FloatCopies.floats(y);
            float[] buf = new float[sh.plane];
            for (int p = from; p < to; p++) {
                int at = p * sh.plane;
                xs.get(at, buf, 0, sh.plane);
                if (nhwc) {
                    scaleRow(buf, scale, shiftOrNull);
                    ys.put(at, buf, 0, sh.plane);
                    continue;
                }
                int c = p % sh.channels;
                float sc = scale[c];
                if (shiftOrNull == null) {
                    for (int i = 0; i < buf.length; i++) {
                        buf[i] = buf[i] * sc;
                    }
                } else {
                    float sf = shiftOrNull[c];
                    for (int i = 0; i < buf.length; i++) {
                        buf[i] = Math.fma(buf[i], sc, sf);
                    }
                }
                ys.put(at, buf, 0, sh.plane);
            }
        });
    }

    /**
     * The gradients of {@link #forward}: {@code dx = dy s}, {@code ds = sum(dy x)} and, if {@code dt} is not null,
     * {@code dt = sum(dy)}, each sum over N, H and W of its channel.
     */
    void backward(INDArray x, INDArray s, INDArray dy, INDArray dx, INDArray ds, INDArray dt) {
        Shape sh = Shape.of(x, s, dt, dx, "dx", layout);
        boolean nhwc = layout == DataLayout.NHWC;
        if (!java.util.Arrays.equals(dy.shape(), x.shape()) || !FloatCopies.dense(dy)) {
            throw new IllegalArgumentException("dy " + dy.shapeInfoToString() + " is not a dense float32 tensor of x's shape "
                    + java.util.Arrays.toString(x.shape()));
        }
        if (!FloatCopies.dense(ds) || ds.length() != sh.channels) {
            throw new IllegalArgumentException("ds " + ds.shapeInfoToString() + " is not a dense float32 array of "
                    + sh.channels + " values");
        }
        float[] scale = new float[sh.channels];
        FloatCopies.read(s, scale);
        boolean withShift = dt != null;
        double[][] parts = PlanePartition.run(threads, sh.planes, 2 * sh.channels, (from, to, sums) -> {
            FloatBuffer xs = FloatCopies.floats(x);
            FloatBuffer dys = FloatCopies.floats(dy);
            FloatBuffer dxs = FloatCopies.floats(dx);
            float[] xb = new float[sh.plane];
            float[] gb = new float[sh.plane];
            for (int p = from; p < to; p++) {
                int at = p * sh.plane;
                xs.get(at, xb, 0, sh.plane);
                dys.get(at, gb, 0, sh.plane);
                if (nhwc) {
                    rowGradients(xb, gb, scale, sums);
                    dxs.put(at, gb, 0, sh.plane);
                    continue;
                }
                int c = p % sh.channels;
                float sc = scale[c];
                double dot = 0;
                double sum = 0;
                for (int i = 0; i < gb.length; i++) {
                    float g = gb[i];
                    dot += (double) g * xb[i];
                    sum += g;
                    gb[i] = g * sc;
                }
                sums[c] += dot;
                sums[sh.channels + c] += sum;
                dxs.put(at, gb, 0, sh.plane);
            }
        });
        float[] dsv = new float[sh.channels];
        float[] dtv = new float[sh.channels];
        for (int c = 0; c < sh.channels; c++) {
            double a = 0;
            double b = 0;
            for (double[] part : parts) {
                a += part[c];
                b += part[sh.channels + c];
            }
            dsv[c] = (float) a;
            dtv[c] = (float) b;
        }
        FloatCopies.write(dsv, ds);
        if (withShift) {
            FloatCopies.write(dtv, dt);
        }
    }

    /** {@code buf = buf s + t} (or {@code buf s}) over a row of pixels of {@code s.length} channels each. */
    private static void scaleRow(float[] buf, float[] scale, float[] shift) {
        int channels = scale.length;
        for (int i = 0; i < buf.length; i += channels) {
            if (shift == null) {
                for (int c = 0; c < channels; c++) {
                    buf[i + c] = buf[i + c] * scale[c];
                }
            } else {
                for (int c = 0; c < channels; c++) {
                    buf[i + c] = Math.fma(buf[i + c], scale[c], shift[c]);
                }
            }
        }
    }

    /**
     * Over a row of pixels of {@code scale.length} channels: adds {@code dy x} to {@code sums[c]} and {@code dy} to
     * {@code sums[C + c]}, and turns {@code gb} (dy) into {@code dx = dy s}.
     */
    private static void rowGradients(float[] xb, float[] gb, float[] scale, double[] sums) {
        int channels = scale.length;
        for (int i = 0; i < gb.length; i += channels) {
            for (int c = 0; c < channels; c++) {
                float g = gb[i + c];
                sums[c] += (double) g * xb[i + c];
                sums[channels + c] += g;
                gb[i + c] = g * scale[c];
            }
        }
    }

    /** Checked sizes of one call: {@code planes} units of {@code plane} values (NHWC: image rows of W x C values). */
    private static final class Shape {
        final int channels;
        final int plane;
        final int planes;

        private Shape(int channels, int plane, int planes) {
            this.channels = channels;
            this.plane = plane;
            this.planes = planes;
        }

        static Shape of(INDArray x, INDArray s, INDArray t, INDArray out, String outName, DataLayout layout) {
            if (x == null || x.rank() != 4) {
                throw new IllegalArgumentException("x must be an " + layout + " tensor, got "
                        + (x == null ? "null" : x.shapeInfoToString()));
            }
            long c = x.size(layout.channelAxis());
            if (!PlanePartition.fits(x)) {
                throw new IllegalArgumentException("x " + x.shapeInfoToString() + " is not a dense float32 " + layout
                        + " tensor of at most 2^31 " + (layout == DataLayout.NHWC ? "rows" : "planes")
                        + " of at most 2^29 values");
            }
            if (!FloatCopies.dense(s) || s.length() != c) {
                throw new IllegalArgumentException("s " + (s == null ? "null" : s.shapeInfoToString())
                        + " is not a dense float32 array of " + c + " values");
            }
            if (t != null && (!FloatCopies.dense(t) || t.length() != c)) {
                throw new IllegalArgumentException("t " + t.shapeInfoToString() + " is not a dense float32 array of " + c
                        + " values");
            }
            if (out == null || !java.util.Arrays.equals(out.shape(), x.shape()) || !FloatCopies.dense(out)) {
                throw new IllegalArgumentException(outName + " " + (out == null ? "null" : out.shapeInfoToString())
                        + " is not a dense float32 tensor of x's shape " + java.util.Arrays.toString(x.shape()));
            }
            return new Shape((int) c, (int) (x.size(2) * x.size(3)), (int) (x.size(0) * x.size(1)));
        }
    }
}
