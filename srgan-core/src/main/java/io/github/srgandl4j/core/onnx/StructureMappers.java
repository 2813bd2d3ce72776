package io.github.srgandl4j.core.onnx;

import onnx.Onnx;
import org.nd4j.enums.DataFormat;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** ONNX Constant, Identity, Concat, DepthToSpace and BatchNormalization (inference). */
final class StructureMappers {
    private StructureMappers() {}

    /** Constant: attribute value (tensor), value_float(s) or value_int(s). */
    static void constant(OnnxNode node, ImportContext ctx) {
        INDArray value;
        Onnx.TensorProto t = node.tensorAttr("value");
        if (t != null) {
            value = OnnxTensors.toArray(t, "value of Constant node '" + node.name() + "' of model " + ctx.source());
        } else if (node.hasAttribute("value_float")) {
            value = Nd4j.scalar(DataType.FLOAT, node.floatAttr("value_float", 0));
        } else if (node.hasAttribute("value_floats")) {
            value = Nd4j.createFromArray(node.floatsAttr("value_floats", new float[0]));
        } else if (node.hasAttribute("value_int")) {
            value = Nd4j.scalar(node.intAttr("value_int", 0));
        } else if (node.hasAttribute("value_ints")) {
            value = Nd4j.createFromArray(node.intsAttr("value_ints", new long[0]));
        } else {
            throw node.error("no supported value attribute (supported: value, value_float(s), value_int(s))");
        }
        ctx.setConstantOutput(node, 0, value);
    }

    static void identity(OnnxNode node, ImportContext ctx) {
        OnnxValue x = ctx.value(node, 0);
        if (x.isConstant()) {
            ctx.setConstantOutput(node, 0, x.constant());
        } else {
            ElementwiseMappers.unary(node, ctx, v -> ctx.sd().identity(v));
        }
    }

    static void concat(OnnxNode node, ImportContext ctx) {
        if (!node.hasAttribute("axis")) {
            throw node.error("attribute axis is missing");
        }
        if (node.inputCount() == 0) {
            throw node.error("Concat needs at least one input");
        }
        long axis = node.intAttr("axis", 0);
        int rank = ctx.value(node, 0).rank();
        if (axis < 0) {
            if (rank == OnnxValue.UNKNOWN_RANK) {
                throw node.error("negative axis " + axis + " needs the input rank, which is unknown here");
            }
            axis += rank;
        }
        boolean allConstant = true;
        for (int i = 0; i < node.inputCount(); i++) {
            allConstant &= ctx.value(node, i).isConstant();
        }
        if (allConstant) {
            // e.g. Resize scales built as Concat(Constant [1, 1], Constant [2, 2]) by some exporters
            INDArray[] parts = new INDArray[node.inputCount()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = ctx.value(node, i).constant();
            }
            ctx.setConstantOutput(node, 0, Nd4j.concat((int) axis, parts));
            return;
        }
        if (concatChannelsLast(node, ctx, axis)) {
            return;
        }
        SDVariable[] inputs = new SDVariable[node.inputCount()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = ctx.var(node, i);
        }
        ctx.setOutput(node, 0, ctx.sd().concat((int) axis, inputs), rank);
    }

    /**
     * Concat of rank-4 tensors computed at run time, channels-last if one of them is held so (inference
     * rewrites): NCHW axis 0, 1, 2, 3 is NHWC axis 0, 3, 1, 2. Returns false (nothing done) otherwise.
     */
    private static boolean concatChannelsLast(OnnxNode node, ImportContext ctx, long axis) {
        boolean any = false;
        int channels = 0;
        for (int i = 0; i < node.inputCount(); i++) {
            OnnxValue v = ctx.value(node, i);
            if (v.isConstant() || v.rank() != 4 || v.packed() != null) {
                return false;
            }
            any |= ctx.prefersNhwc(v);
            channels = channels < 0 || v.channels() < 0 ? -1 : channels + v.channels();
        }
        if (!any) {
            return false;
        }
        SDVariable[] inputs = new SDVariable[node.inputCount()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = ctx.nhwc(node, i);
        }
        int nhwcAxis = new int[] {0, 3, 1, 2}[(int) axis];
        ctx.setOutputNhwc(node, 0, ctx.sd().concat(nhwcAxis, inputs), axis == 1 ? channels : OnnxValue.UNKNOWN_CHANNELS);
        return true;
    }

    /**
     * DepthToSpace on NCHW, mode CRD (PyTorch PixelShuffle) or DCR (default). With the inference
     * rewrites: the native op where the input's channels are in DCR order (mode DCR, or a CRD input
     * whose convolution was reordered), channels-last where the input is held so, or postponed for a
     * polyphase convolution ({@link ImportRewrites}).
     */
    static void depthToSpace(OnnxNode node, ImportContext ctx) {
        checkRank4(node, ctx);
        long r = node.intAttr("blocksize", -1);
        if (r < 1) {
            throw node.error("attribute blocksize is missing or < 1");
        }
        String mode = node.stringAttr("mode", "DCR");
        if (!mode.equals("CRD") && !mode.equals("DCR")) {
            throw node.error("mode '" + mode + "' is not supported (supported: CRD, DCR)");
        }
        if (ctx.rewrites().enabled() && depthToSpaceRewritten(node, ctx, (int) r, mode)) {
            return;
        }
        SDVariable x = ctx.var(node, 0);
        SDVariable out = switch (mode) {
            case "CRD" -> NchwOps.depthToSpaceCrd(ctx.sd(), x, (int) r, (int) r);
            case "DCR" -> NchwOps.depthToSpaceDcr(ctx.sd(), x, (int) r);
            default -> throw node.error("mode '" + mode + "' is not supported (supported: CRD, DCR)");
        };
        ctx.setOutput(node, 0, out, 4);
    }

    private static boolean depthToSpaceRewritten(OnnxNode node, ImportContext ctx, int r, String mode) {
        OnnxValue in = ctx.value(node, 0);
        PackedChannels p = in.packed();
        int rr = r * r;
        boolean dcrOrder;
        int channels;
        if (p != null) {
            if (p.shuffle() != 0 || !mode.equals("CRD") || p.channels() % rr != 0 || !java.util.Arrays.equals(
                    p.channelOf(), io.github.srgandl4j.core.nn.PixelShuffle.dcrChannelOrder(p.channels() / rr, r))) {
                throw node.error("internal error: the input's channels were reordered for another depth-to-space");
            }
            dcrOrder = true;
            channels = p.channels() / rr;
        } else {
            if (in.isConstant() || in.rank() != 4) {
                return false;
            }
            dcrOrder = mode.equals("DCR");
            channels = in.channels() > 0 && in.channels() % rr == 0 ? in.channels() / rr : OnnxValue.UNKNOWN_CHANNELS;
        }
        if (ctx.rewrites().postponeShuffle(node, channels, ctx)) {
            ctx.setPackedOutput(node, 0, PackedChannels.deferred(p != null ? p.nhwc() : ctx.nhwc(node, 0), channels, r, dcrOrder));
            return true;
        }
        if (dcrOrder) {
            if (p == null && !ctx.prefersNhwc(in)) {
                ctx.setOutput(node, 0, ctx.sd().cnn().depthToSpace(ctx.var(node, 0), r, DataFormat.NCHW), 4, channels);
            } else {
                SDVariable x = p != null ? p.nhwc() : ctx.nhwc(node, 0);
                ctx.setOutputNhwc(node, 0, ctx.sd().cnn().depthToSpace(x, r, DataFormat.NHWC), channels);
            }
            return true;
        }
        if (ctx.prefersNhwc(in)) {
            ctx.setOutputNhwc(node, 0, NhwcOps.depthToSpaceCrd(ctx.sd(), ctx.nhwc(node, 0), r), channels);
            return true;
        }
        return false;
    }

    /**
     * BatchNormalization in inference form: {@code (x - mean) / sqrt(var + epsilon) * scale + B}
     * over channel axis 1. Training mode and the optional running-statistics outputs are rejected.
     */
    static void batchNormalization(OnnxNode node, ImportContext ctx) {
        if (node.intAttr("training_mode", 0) != 0) {
            throw node.error("training_mode=1 is not supported (export the model in eval mode)");
        }
        if (node.usedOutputCount() > 1) {
            throw node.error("the training outputs (running mean/var) are not supported (export in eval mode)");
        }
        double eps = node.floatAttr("epsilon", 1e-5);
        SDVariable x = ctx.var(node, 0);
        SDVariable gamma = ctx.weight(node, 1);
        SDVariable beta = ctx.weight(node, 2);
        SDVariable mean = ctx.var(node, 3);
        SDVariable var = ctx.var(node, 4);
        SDVariable out = ctx.sd().nn().batchNorm(x, mean, var, gamma, beta, eps, 1);
        ctx.setOutput(node, 0, out, ctx.value(node, 0).rank());
    }

    static void checkRank4(OnnxNode node, ImportContext ctx) {
        int rank = ctx.value(node, 0).rank();
        if (rank != 4 && rank != OnnxValue.UNKNOWN_RANK) {
            throw node.error("only 4-D NCHW input is supported, got rank " + rank);
        }
    }
}
