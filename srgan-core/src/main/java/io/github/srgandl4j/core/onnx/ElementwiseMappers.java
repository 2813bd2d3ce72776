package io.github.srgandl4j.core.onnx;

import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element-wise ONNX ops: activations (Relu, PRelu, LeakyRelu, Sigmoid, Tanh, Clip) and binary
 * arithmetic with numpy broadcasting (Add, Sub, Mul, Div). An import-time operand of lower rank is
 * reshaped with leading 1s to the other operand's rank, which is what numpy broadcasting means.
 */
final class ElementwiseMappers {
    private ElementwiseMappers() {}

    static void relu(OnnxNode node, ImportContext ctx) {
        unary(node, ctx, x -> ctx.sd().nn().relu(x, 0.0));
    }

    static void sigmoid(OnnxNode node, ImportContext ctx) {
        unary(node, ctx, x -> ctx.sd().nn().sigmoid(x));
    }

    static void tanh(OnnxNode node, ImportContext ctx) {
        unary(node, ctx, x -> ctx.sd().math().tanh(x));
    }

    static void leakyRelu(OnnxNode node, ImportContext ctx) {
        double alpha = node.floatAttr("alpha", 0.01);
        unary(node, ctx, x -> ctx.sd().nn().leakyRelu(x, alpha));
    }

    /**
     * An element-wise op of one tensor, run in the representation its input has: channels-last or
     * packed (inference rewrites) or as imported.
     */
    static void unary(OnnxNode node, ImportContext ctx, UnaryOperator<SDVariable> f) {
        OnnxValue x = ctx.value(node, 0);
        if (x.packed() != null) {
            ctx.setPackedOutput(node, 0, x.packed().with(f.apply(x.packed().nhwc())));
        } else if (ctx.prefersNhwc(x)) {
            ctx.setOutputNhwc(node, 0, f.apply(x.nhwc()), x.channels());
        } else {
            ctx.setOutput(node, 0, f.apply(ctx.var(node, 0)), x.rank(), x.channels());
        }
    }

    /**
     * PRelu: {@code relu(x) - slope * relu(-x)}, the slope broadcast to x (shapes [1], [C, 1, 1],
     * [1, 1, 1] as PyTorch exports, or any shape unidirectionally broadcastable to x). Constant slopes
     * (not trainable) all in [0, 1] use the equivalent {@code max(x, slope * x)}; one constant slope is
     * a leaky relu.
     */
    static void prelu(OnnxNode node, ImportContext ctx) {
        SameDiff sd = ctx.sd();
        OnnxValue xv = ctx.value(node, 0);
        OnnxValue sv = ctx.value(node, 1);
        if (sv.isConstant() && sv.constant().length() == 1 && !ctx.trainable()) {
            // one shared constant slope: a single leaky-relu pass (x < 0 ? a x : x) instead of five
            double a = sv.constant().getDouble(0);
            unary(node, ctx, x -> sd.nn().leakyRelu(x, a));
            return;
        }
        boolean constantSlopes = sv.isConstant() && !ctx.trainable();
        boolean unitInterval = constantSlopes && sv.constant().minNumber().doubleValue() >= 0
                && sv.constant().maxNumber().doubleValue() <= 1;
        if (constantSlopes && ctx.prefersNhwc(xv) && xv.rank() == 4 && sv.rank() <= 4) {
            PackedChannels p = xv.packed();
            INDArray slopes = p != null ? p.expand(sv.constant()) : nhwcConstant(sv.constant());
            SDVariable slope = ctx.helperConstant(node.input(1), slopes);
            SDVariable x = p != null ? p.nhwc() : xv.nhwc();
            SDVariable y = preluOf(sd, x, slope, unitInterval);
            if (p != null) {
                ctx.setPackedOutput(node, 0, p.with(y));
            } else {
                ctx.setOutputNhwc(node, 0, y, xv.channels());
            }
            return;
        }
        SDVariable slope;
        if (sv.isConstant() && xv.rank() != OnnxValue.UNKNOWN_RANK && sv.rank() < xv.rank()) {
            slope = ctx.newWeight(node.input(1), withRank(sv.constant(), xv.rank()));
        } else {
            slope = ctx.weight(node, 1);
        }
        SDVariable x = ctx.var(node, 0);
        if (unitInterval) {
            // slopes all in [0, 1]: PReLU is exactly max(x, slope * x), two ops instead of five (the native
            // generator's rewrite, docs/performance.md)
            ctx.setOutput(node, 0, sd.math().max(x, x.mul(slope)), xv.rank(), xv.channels());
            return;
        }
        SDVariable pos = sd.nn().relu(x, 0.0);
        SDVariable neg = sd.nn().relu(x.neg(), 0.0);
        ctx.setOutput(node, 0, pos.sub(neg.mul(slope)), xv.rank(), xv.channels());
    }

    /** PReLU with constant slopes: {@code max(x, a*x)} if they lie in [0, 1], else {@code relu(x) - a*(relu(x) - x)}. */
    private static SDVariable preluOf(SameDiff sd, SDVariable x, SDVariable slope, boolean unitInterval) {
        if (unitInterval) {
            return sd.math().max(x, x.mul(slope));
        }
        SDVariable pos = sd.nn().relu(x, 0.0);
        return pos.sub(pos.sub(x).mul(slope));
    }

    /** A constant broadcastable to an NCHW tensor (rank at most 4), made broadcastable to its NHWC form. */
    static INDArray nhwcConstant(INDArray c) {
        return withRank(c, 4).permute(0, 2, 3, 1).dup('c');
    }

    /** Clip: bounds from attributes (opset &lt; 11) or from optional constant inputs 1 and 2 (opset &gt;= 11). */
    static void clip(OnnxNode node, ImportContext ctx) {
        double min = -Float.MAX_VALUE;
        double max = Float.MAX_VALUE;
        if (node.opset() < 11) {
            min = node.floatAttr("min", min);
            max = node.floatAttr("max", max);
        } else {
            if (node.hasInput(1)) {
                min = scalar(node, ctx.constant(node, 1, "the min bound"), "min");
            }
            if (node.hasInput(2)) {
                max = scalar(node, ctx.constant(node, 2, "the max bound"), "max");
            }
        }
        double lo = min;
        double hi = max;
        unary(node, ctx, x -> ctx.sd().math().clipByValue(x, lo, hi));
    }

    static void add(OnnxNode node, ImportContext ctx) {
        binary(node, ctx, SDVariable::add, Double::sum);
    }

    static void sub(OnnxNode node, ImportContext ctx) {
        binary(node, ctx, SDVariable::sub, (p, q) -> p - q);
    }

    static void mul(OnnxNode node, ImportContext ctx) {
        binary(node, ctx, SDVariable::mul, (p, q) -> p * q);
    }

    static void div(OnnxNode node, ImportContext ctx) {
        binary(node, ctx, SDVariable::div, (p, q) -> p / q);
    }

    private static void binary(OnnxNode node, ImportContext ctx, BinaryOperator<SDVariable> op,
                               java.util.function.DoubleBinaryOperator fold) {
        OnnxValue a = ctx.value(node, 0);
        OnnxValue b = ctx.value(node, 1);
        if (a.isConstant() && b.isConstant() && a.constant().dataType().isFPType() && b.constant().dataType().isFPType()
                && (a.constant().length() == 1 || b.constant().length() == 1)) {
            // fold import-time scalar arithmetic (e.g. Clip bounds or scales computed from Constants)
            INDArray big = a.constant().length() >= b.constant().length() ? a.constant() : b.constant();
            INDArray result = big.dup();
            for (long i = 0; i < result.length(); i++) {
                double p = a.constant().length() == 1 ? a.constant().getDouble(0) : a.constant().getDouble(i);
                double q = b.constant().length() == 1 ? b.constant().getDouble(0) : b.constant().getDouble(i);
                result.putScalar(i, fold.applyAsDouble(p, q));
            }
            ctx.setConstantOutput(node, 0, result);
            return;
        }
        if ((ctx.prefersNhwc(a) || ctx.prefersNhwc(b)) && channelsLast(node, ctx, op, a, b)) {
            return;
        }
        int rank = a.rank() == OnnxValue.UNKNOWN_RANK || b.rank() == OnnxValue.UNKNOWN_RANK
                ? OnnxValue.UNKNOWN_RANK : Math.max(a.rank(), b.rank());
        SDVariable va = operand(node, ctx, 0, a, rank);
        SDVariable vb = operand(node, ctx, 1, b, rank);
        ctx.setOutput(node, 0, op.apply(va, vb), rank);
    }

    /**
     * The binary op on channels-last or packed operands (inference rewrites), or false (nothing done)
     * where the operands do not allow it.
     */
    private static boolean channelsLast(OnnxNode node, ImportContext ctx, BinaryOperator<SDVariable> op,
                                        OnnxValue a, OnnxValue b) {
        if (!a.isConstant() && !b.isConstant()) {
            if (a.packed() != null || b.packed() != null) {
                if (a.packed() == null || b.packed() == null || !a.packed().sameArrangement(b.packed())) {
                    return false;
                }
                ctx.setPackedOutput(node, 0, a.packed().with(op.apply(a.packed().nhwc(), b.packed().nhwc())));
                return true;
            }
            if (a.rank() != 4 || b.rank() != 4) {
                return false;
            }
            ctx.setOutputNhwc(node, 0, op.apply(ctx.nhwc(node, 0), ctx.nhwc(node, 1)), Math.max(a.channels(), b.channels()));
            return true;
        }
        OnnxValue v = a.isConstant() ? b : a;
        INDArray c = a.isConstant() ? a.constant() : b.constant();
        if (v.rank() != 4 || c.rank() > 4 || !c.dataType().isFPType()
                || (v.packed() != null && !PackedChannels.perChannel(c.shape(), v.channels()))) {
            return false;
        }
        SDVariable cv = ctx.helperConstant(node.input(a.isConstant() ? 0 : 1),
                v.packed() != null ? v.packed().expand(c) : nhwcConstant(c));
        SDVariable x = v.packed() != null ? v.packed().nhwc() : v.nhwc();
        SDVariable y = a.isConstant() ? op.apply(cv, x) : op.apply(x, cv);
        if (v.packed() != null) {
            ctx.setPackedOutput(node, 0, v.packed().with(y));
        } else {
            ctx.setOutputNhwc(node, 0, y, v.channels());
        }
        return true;
    }

    private static SDVariable operand(OnnxNode node, ImportContext ctx, int i, OnnxValue v, int rank) {
        if (v.isConstant() && rank != OnnxValue.UNKNOWN_RANK && v.rank() < rank) {
            return ctx.helperConstant(node.input(i), withRank(v.constant(), rank));
        }
        return ctx.var(node, i);
    }

    /** {@code a} reshaped to {@code rank} dimensions by prepending 1s (numpy broadcasting alignment). */
    static INDArray withRank(INDArray a, int rank) {
        long[] shape = new long[rank];
        long[] old = a.shape();
        int offset = rank - old.length;
        for (int i = 0; i < rank; i++) {
            shape[i] = i < offset ? 1 : old[i - offset];
        }
        return a.reshape('c', shape).dup('c');
    }

    private static double scalar(OnnxNode node, INDArray a, String what) {
        if (a.length() != 1) {
            throw node.error(what + " must be a scalar, got shape " + java.util.Arrays.toString(a.shape()));
        }
        return a.getDouble(0);
    }
}
