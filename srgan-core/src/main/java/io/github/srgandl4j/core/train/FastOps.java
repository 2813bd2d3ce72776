package io.github.srgandl4j.core.train;

import io.github.srgandl4j.core.nn.DataLayout;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BaseOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Mean;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.PowDerivative;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Equivalents of libnd4j M2.1 ops that are several times slower than a memory pass (measured on a
 * 16x64x96x96 tensor, 2 threads: {@code leakyrelu} 36 ms, {@code lrelu_bp} 58 ms, {@code thresholdedrelu_bp}
 * 62 ms, against 5-7 ms for a scalar multiply, {@code step}, {@code maximum} or {@code multiply}; NCHW
 * {@code maxpool2d} 17 ms against 5 ms for {@code reduce_max} over the windows of an 8x64x64x64 tensor;
 * docs/performance.md, section 12). The compiled training step runs these in their place:
 * <ul>
 *   <li>{@code maxpool2d} with non-overlapping windows (kernel = stride, no padding, NCHW or NHWC): {@code reduce_max}
 *       over the window axes of the input seen as [N, C, H/kH, kH, W/kW, kW] (NHWC: [N, H/kH, kH, W/kW, kW, C]; the
 *       same maxima); its backward
 *       pass, {@code maxpool2d_bp}, as {@link MaxPoolBackward} on the JVM (the same gradient to the bit, ties
 *       included);</li>
 *   <li>{@code leakyrelu(x; a)}, 0 &lt; a &lt; 1: {@code y = a x}, then {@code y = max(x, y)};</li>
 *   <li>{@code lrelu_bp(x, dy; a)}: {@code dx = step(x) (1 - a) + a}, then {@code dx = dx dy};</li>
 *   <li>{@code thresholdedrelu_bp(x, dy; t)} (the gradient of ReLU): {@code dx = step(x - t)}, then
 *       {@code dx = dx dy};</li>
 *   <li>{@code depthwise_conv2d} with a 1x1 kernel, NCHW or NHWC (BN's and PReLU's per-channel scale in the training graphs) and
 *       its {@code depthwise_conv2d_bp}: {@link ChannelScale} on the JVM (16x256x48x48, 2 threads: forward 57 -> 9
 *       ms, backward 114 -> 19 ms; docs/performance.md, section 16). Its kernel and bias gradients are summed in
 *       double, so they differ from the op's float sums in the last bits.</li>
 *   <li>{@code reduce_mean} over axes 0, 1 and 2 of an [N, H, W, C] tensor (per-channel means channels-last): a
 *       matrix product with a row of ones ({@link MeanOverRows}; 16x48x48x64: 18.4 -> 2.3 ms), summed by BLAS.</li>
 *   <li>{@code _powderivative(x; 2)} (the gradient of a square, e.g. an MSE content loss: {@code 2 x^1}, computed
 *       with {@code pow}): a scalar multiply {@code 2 x}, the same value to the bit since {@code pow(x, 1) = x}
 *       (16x128x48x48, 2 threads: 46 -> 2.4 ms).</li>
 * </ul>
 * The values are the same as the ops' (the same products in float), except that a zero gradient may come out as
 * -0 and an infinite {@code dy} where the mask is 0 gives NaN instead of 0. Tested against the ops themselves.
 */
final class FastOps {
    private FastOps() {
    }

    /** An op's replacement, bound once to the plan's arrays. */
    interface Kernel {
        /** Binds the op's input and output arrays (fixed for the plan's life). */
        void bind(INDArray[] inputs, INDArray[] outputs);

        void exec();

        /** True if the kernel sums in another order than the op (equal within float rounding, not bit for bit). */
        default boolean reordersSums() {
            return false;
        }
    }

    /** The replacement for {@code fn}, or null when there is none (other ops, other parameters). */
    static Kernel of(DifferentialFunction fn) {
        String name = fn.opName();
        if ("maxpool2d".equals(name) && fn instanceof DynamicCustomOp) {
            long[] a = ((DynamicCustomOp) fn).iArgs();
            return isWindowed(a) ? new MaxPoolWindows(a[0], a[1], a[10] == 1) : null;
        }
        if ("maxpool2d_bp".equals(name) && fn instanceof DynamicCustomOp) {
            long[] a = ((DynamicCustomOp) fn).iArgs();
            return isWindowed(a) && a[0] <= 16 && a[1] <= 16 ? new MaxPoolGradient((int) a[0], (int) a[1], a[10] == 1)
                    : null;
        }
        if (fn instanceof Mean && fn.args().length == 1 && isLeadingAxes(((Mean) fn).dimensions(), 3)) {
            return new MeanOverRows(((Mean) fn).isKeepDims());
        }
        if (fn instanceof PowDerivative && fn.args().length == 1) { // a scalar given as an input is not known here
            return scalarOf((ScalarOp) fn) == 2.0 ? new Doubled() : null;
        }
        if ("leakyrelu".equals(name) && fn instanceof LeakyReLU) {
            double a = scalarOf((LeakyReLU) fn);
            return a > 0 && a < 1 ? new LeakyRelu(a) : null;
        }
        if (fn instanceof DynamicCustomOp && ("depthwise_conv2d".equals(name) || "depthwise_conv2d_bp".equals(name))) {
            long[] a = ((DynamicCustomOp) fn).iArgs();
            return isChannelScale(a) ? new ChannelScaleKernel("depthwise_conv2d_bp".equals(name),
                    a[9] == 1 ? DataLayout.NHWC : DataLayout.NCHW) : null;
        }
        if (fn instanceof DynamicCustomOp && ("lrelu_bp".equals(name) || "thresholdedrelu_bp".equals(name))) {
            double[] t = ((DynamicCustomOp) fn).tArgs();
            if (t == null || t.length != 1) {
                return null;
            }
            return "lrelu_bp".equals(name) ? new MaskedGradient(0, t[0]) : new MaskedGradient(t[0], 0);
        }
        return null;
    }

    /**
     * Max-pooling over non-overlapping windows: kernel = stride, no padding, dilation 1, not "same" mode, NCHW or NHWC
     * ({@code a[10]} 0 or 1).
     */
    static boolean isWindowed(long[] a) {
        return a != null && a.length >= 11 && a[0] == a[2] && a[1] == a[3] && a[4] == 0 && a[5] == 0 && a[6] == 1
                && a[7] == 1 && a[8] == 0 && (a[10] == 0 || a[10] == 1);
    }

    /**
     * A 1x1 depthwise convolution, stride 1, no padding, dilation 1, NCHW or NHWC ({@code a[9]} 0 or 1), [kH, kW, in,
     * multiplier] kernel.
     */
    static boolean isChannelScale(long[] a) {
        return a != null && a.length >= 10 && a[0] == 1 && a[1] == 1 && a[2] == 1 && a[3] == 1 && a[4] == 0 && a[5] == 0
                && a[6] == 1 && a[7] == 1 && (a[9] == 0 || a[9] == 1) && (a.length < 11 || a[10] == 0);
    }

    /** True if {@code dims} holds exactly the axes {@code 0 .. n-1}, in order. */
    static boolean isLeadingAxes(INDArray dims, int n) {
        if (dims == null || dims.length() != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (dims.getLong(i) != i) {
                return false;
            }
        }
        return true;
    }

    /** The scalar of a scalar op ({@code NaN} if it has none that is known before it runs). */
    private static double scalarOf(ScalarOp op) {
        INDArray s = op.scalar();
        if (s != null) {
            return s.getDouble(0);
        }
        Object[] extra = ((BaseOp) op).extraArgs();
        return extra != null && extra.length == 1 && extra[0] instanceof Number ? ((Number) extra[0]).doubleValue() : Double.NaN;
    }

    /** A two-input element-wise custom op ({@code maximum}, {@code multiply}) writing into {@code out}. */
    private static final class Pairwise {
        private final DynamicCustomOp op;
        private final OpContext ctx = Nd4j.getExecutioner().buildContext();

        Pairwise(String name, INDArray a, INDArray b, INDArray out) {
            op = DynamicCustomOp.builder(name).build();
            ctx.setInputArrays(a, b);
            ctx.setOutputArrays(out);
        }

        void exec() {
            Nd4j.exec(op, ctx);
        }
    }

    private static void requireSameShape(INDArray[] inputs, INDArray[] outputs, int nIn) {
        if (inputs.length != nIn || outputs.length != 1) {
            throw new IllegalStateException("expected " + nIn + " inputs and 1 output, got " + inputs.length + " and "
                    + outputs.length);
        }
        for (INDArray a : inputs) {
            if (!java.util.Arrays.equals(a.shape(), outputs[0].shape()) || a.dataType() != outputs[0].dataType()) {
                throw new IllegalStateException("input " + a.shapeInfoToString() + " does not match output "
                        + outputs[0].shapeInfoToString());
            }
        }
    }

    private static final class MaxPoolWindows implements Kernel {
        private final long kH;
        private final long kW;
        private final boolean nhwc;
        private final DynamicCustomOp op = DynamicCustomOp.builder("reduce_max").build();
        private final OpContext ctx = Nd4j.getExecutioner().buildContext();

        MaxPoolWindows(long kH, long kW, boolean nhwc) {
            this.kH = kH;
            this.kW = kW;
            this.nhwc = nhwc;
        }

        @Override
        public void bind(INDArray[] inputs, INDArray[] outputs) {
            if (inputs.length != 1 || outputs.length != 1) {
                throw new IllegalStateException("maxpool2d: expected 1 input and 1 output");
            }
            INDArray x = inputs[0];
            long[] s = x.shape();
            int hAxis = nhwc ? 1 : 2;
            if (x.rank() != 4 || s[hAxis] % kH != 0 || s[hAxis + 1] % kW != 0 || x.ordering() != 'c'
                    || !org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(x) || x.dataType() != outputs[0].dataType()) {
                throw new IllegalStateException("maxpool2d: input " + x.shapeInfoToString() + " is not a contiguous "
                        + (nhwc ? "NHWC" : "NCHW") + " tensor tiled by " + kH + "x" + kW + " windows");
            }
            INDArray windows = nhwc ? x.reshape('c', s[0], s[1] / kH, kH, s[2] / kW, kW, s[3])
                    : x.reshape('c', s[0], s[1], s[2] / kH, kH, s[3] / kW, kW);
            if (windows.data().address() != x.data().address() || windows.offset() != x.offset()) { // a copy would go stale
                throw new IllegalStateException("maxpool2d: the window view of " + x.shapeInfoToString() + " is a copy");
            }
            ctx.setInputArrays(windows);
            ctx.setOutputArrays(outputs[0]);
            ctx.setIArguments(nhwc ? new long[] {2, 4} : new long[] {3, 5});
        }

        @Override
        public void exec() {
            Nd4j.exec(op, ctx);
        }
    }

    /** {@code y = 2 x}: the derivative of {@code x^2} as {@code _powderivative} computes it, {@code 2 pow(x, 1)}. */
    /**
     * The per-channel mean of a channels-last tensor, {@code reduce_mean} over axes 0, 1 and 2 of a dense [N, H, W, C]
     * float32 array (BN's batch moments in a channels-last discriminator): one matrix product {@code (1/R) 1^T X} of a
     * row of ones with the tensor seen as [R = N H W, C], which BLAS runs at memory speed. libnd4j M2.1's reduction
     * over the leading axes takes 7x longer (16x48x48x64: 18.4 against 2.3 ms; docs/performance.md, section 18).
     * Other shapes run libnd4j's op. The sums are BLAS's, so the means differ from the op's in the last bits.
     */
    private static final class MeanOverRows implements Kernel {
        private final boolean keepDims;
        private INDArray ones;
        private INDArray rows;
        private INDArray result;
        private double scale;
        private Mean fallback;

        MeanOverRows(boolean keepDims) {
            this.keepDims = keepDims;
        }

        @Override
        public void bind(INDArray[] inputs, INDArray[] outputs) {
            if (inputs.length != 1 || outputs.length != 1) {
                throw new IllegalStateException("reduce_mean: expected 1 input and 1 output, got " + inputs.length + " and "
                        + outputs.length);
            }
            INDArray x = inputs[0];
            INDArray out = outputs[0];
            if (x.rank() == 4 && FloatCopies.dense(x) && FloatCopies.dense(out) && out.length() == x.size(3)
                    && x.length() / x.size(3) <= Integer.MAX_VALUE) {
                long r = x.size(0) * x.size(1) * x.size(2);
                ones = Nd4j.ones(x.dataType(), 1, r);
                rows = x.reshape('c', r, x.size(3));
                result = out.reshape('c', 1, x.size(3));
                scale = 1.0 / r;
                fallback = null;
            } else {
                fallback = new Mean(x, out, keepDims, 0, 1, 2);
            }
        }

        @Override
        public boolean reordersSums() {
            return true;
        }

        @Override
        public void exec() {
            if (fallback != null) {
                Nd4j.exec(fallback);
            } else {
                Nd4j.gemm(ones, rows, result, false, false, scale, 0.0);
            }
        }
    }

    private static final class Doubled implements Kernel {
        private ScalarMultiplication times2;

        @Override
        public void bind(INDArray[] inputs, INDArray[] outputs) {
            requireSameShape(inputs, outputs, 1);
            times2 = new ScalarMultiplication(inputs[0], null, outputs[0], 2.0);
        }

        @Override
        public void exec() {
            Nd4j.exec(times2);
        }
    }

    private static final class LeakyRelu implements Kernel {
        private final double alpha;
        private ScalarMultiplication scale;
        private Pairwise max;

        LeakyRelu(double alpha) {
            this.alpha = alpha;
        }

        @Override
        public void bind(INDArray[] inputs, INDArray[] outputs) {
            requireSameShape(inputs, outputs, 1);
            scale = new ScalarMultiplication(inputs[0], null, outputs[0], alpha);
            max = new Pairwise("maximum", inputs[0], outputs[0], outputs[0]);
        }

        @Override
        public void exec() {
            Nd4j.exec(scale);
            max.exec();
        }
    }

    /** {@code dx = dy (step(x - cutoff) (1 - slope) + slope)}: leaky ReLU's gradient, or ReLU's with slope 0. */
    private static final class MaskedGradient implements Kernel {
        private final double cutoff;
        private final double slope;
        private Step mask;
        private ScalarMultiplication scale;
        private ScalarAdd shift;
        private Pairwise times;

        MaskedGradient(double cutoff, double slope) {
            this.cutoff = cutoff;
            this.slope = slope;
        }

        @Override
        public void bind(INDArray[] inputs, INDArray[] outputs) {
            requireSameShape(inputs, outputs, 2);
            INDArray dx = outputs[0];
            mask = new Step(inputs[0], dx, cutoff);
            if (slope != 0) {
                scale = new ScalarMultiplication(dx, null, dx, 1 - slope);
                shift = new ScalarAdd(dx, null, dx, slope);
            }
            times = new Pairwise("multiply", dx, inputs[1], dx);
        }

        @Override
        public void exec() {
            Nd4j.exec(mask);
            if (slope != 0) {
                Nd4j.exec(scale);
                Nd4j.exec(shift);
            }
            times.exec();
        }
    }

    /**
     * {@code depthwise_conv2d} with a 1x1 kernel of multiplier 1 (inputs x, kernel [1, 1, C, 1], optional bias [C]) and
     * its {@code depthwise_conv2d_bp} (inputs x, kernel, optional bias, dy; outputs dx, kernel gradient, bias gradient)
     * as {@link ChannelScale}.
     */
    private static final class ChannelScaleKernel implements Kernel {
        private final boolean backward;
        private final ChannelScale scale;
        private INDArray[] in;
        private INDArray[] out;
        private boolean bias;

        ChannelScaleKernel(boolean backward, DataLayout layout) {
            this.backward = backward;
            this.scale = ChannelScale.matchingNd4j(layout);
        }

        @Override
        public void bind(INDArray[] inputs, INDArray[] outputs) {
            int withBias = backward ? 4 : 3;
            if (inputs.length != withBias && inputs.length != withBias - 1) {
                throw new IllegalStateException((backward ? "depthwise_conv2d_bp" : "depthwise_conv2d") + ": expected "
                        + (withBias - 1) + " or " + withBias + " inputs, got " + inputs.length);
            }
            bias = inputs.length == withBias;
            int expectedOutputs = backward ? (bias ? 3 : 2) : 1;
            INDArray x = inputs[0];
            INDArray w = inputs[1];
            long c = x.rank() == 4 ? x.size(scale.channelAxis()) : -1;
            if (outputs.length != expectedOutputs || w.rank() != 4 || w.size(0) != 1 || w.size(1) != 1 || w.size(2) != c
                    || w.size(3) != 1 || !scale.fits(x, c)) {
                throw new IllegalStateException("depthwise_conv2d as a channel scale: input " + x.shapeInfoToString()
                        + ", kernel " + w.shapeInfoToString() + ", " + outputs.length + " outputs");
            }
            in = inputs;
            out = outputs;
        }

        @Override
        public boolean reordersSums() {
            return backward;
        }

        @Override
        public void exec() {
            if (backward) {
                scale.backward(in[0], in[1], in[in.length - 1], out[0], out[1], bias ? out[2] : null);
            } else {
                scale.forward(in[0], in[1], bias ? in[2] : null, out[0]);
            }
        }
    }

    /** {@code maxpool2d_bp} over non-overlapping windows (inputs x, dy; output dx) as {@link MaxPoolBackward}. */
    private static final class MaxPoolGradient implements Kernel {
        private final MaxPoolBackward pool;
        private INDArray[] in;
        private INDArray dx;

        MaxPoolGradient(int kH, int kW, boolean nhwc) {
            pool = new MaxPoolBackward(kH, kW, nhwc, PlanePartition.nd4jThreads());
        }

        @Override
        public void bind(INDArray[] inputs, INDArray[] outputs) {
            if (inputs.length != 2 || outputs.length != 1) {
                throw new IllegalStateException("maxpool2d_bp: expected 2 inputs and 1 output, got " + inputs.length
                        + " and " + outputs.length);
            }
            in = inputs;
            dx = outputs[0];
        }

        @Override
        public void exec() {
            pool.run(in[0], in[1], dx);
        }
    }
}
