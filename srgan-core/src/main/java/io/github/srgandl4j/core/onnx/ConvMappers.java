package io.github.srgandl4j.core.onnx;

import io.github.srgandl4j.core.nn.PixelShuffle;
import io.github.srgandl4j.core.nn.Polyphase;
import java.util.Arrays;
import org.nd4j.enums.DataFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.PadMode;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ONNX Conv and ConvTranspose (2-D, NCHW). Kernels must be initializers or Constants; they are
 * permuted once at import, Conv's OIHW to SameDiff's YXIO (HWIO) and ConvTranspose's IOHW to
 * SameDiff deconv2d's [kH, kW, O, I]. With the inference rewrites ({@link ImportRewrites}) a group-1
 * Conv instead runs channels-last with its OIHW kernel as OIYX, possibly with its output channels
 * reordered for a native depth-to-space, or as a polyphase convolution before a postponed one.
 */
final class ConvMappers {
    private ConvMappers() {}

    /** Conv: group 1, or depthwise (group = input channels = output channels). */
    static void conv(OnnxNode node, ImportContext ctx) {
        SameDiff sd = ctx.sd();
        INDArray w = ctx.constant(node, 1, "the kernel");
        if (w.rank() != 4) {
            throw node.error("only 2-D convolution (4-D kernel) is supported, kernel shape " + Arrays.toString(w.shape()));
        }
        Geometry g = Geometry.of(node, w.size(2), w.size(3));
        if (g.dH > 1 || g.dW > 1) {
            // oneDNN's conv2d in ND4J 1.0.0-M2.1 rejects dilation ("could not create a descriptor for a
            // dilated convolution"), so dilate the kernel itself: zeros between the taps, dilation 1
            w = dilateKernel(w, g.dH, g.dW);
            g.kH = w.size(2);
            g.kW = w.size(3);
            g.dH = 1;
            g.dW = 1;
        }
        long group = node.intAttr("group", 1);
        if (group == 1 && ctx.rewrites().enabled()) {
            OnnxValue in = ctx.value(node, 0);
            if (in.packed() != null) {
                polyphase(node, ctx, in.packed(), w, g);
            } else {
                channelsLast(node, ctx, w, g);
            }
            return;
        }
        SDVariable x = ctx.var(node, 0);
        if (g.asymmetric) {
            x = padExplicitly(ctx, x, g);
        }
        Conv2DConfig cfg = Conv2DConfig.builder().kH(g.kH).kW(g.kW).sH(g.sH).sW(g.sW)
                .pH(g.asymmetric ? 0 : g.top).pW(g.asymmetric ? 0 : g.left).dH(g.dH).dW(g.dW)
                .paddingMode(g.same ? PaddingMode.SAME : PaddingMode.VALID).dataFormat("NCHW")
                .weightsFormat(WeightsFormat.YXIO).build();
        SDVariable bias = node.hasInput(2) ? ctx.weight(node, 2) : null;
        SDVariable out;
        if (group == 1) {
            SDVariable kernel = ctx.newWeight(node.input(1), w.permute(2, 3, 1, 0).dup('c'));
            out = bias == null ? sd.cnn().conv2d(x, kernel, cfg) : sd.cnn().conv2d(x, kernel, bias, cfg);
        } else if (w.size(1) == 1 && w.size(0) == group) {
            // depthwise: ONNX [C, 1, kH, kW] -> SameDiff depthwise [kH, kW, C, 1]
            SDVariable kernel = ctx.newWeight(node.input(1), w.permute(2, 3, 0, 1).dup('c'));
            out = bias == null ? sd.cnn().depthWiseConv2d(x, kernel, cfg) : sd.cnn().depthWiseConv2d(x, kernel, bias, cfg);
        } else {
            throw node.error("group=" + group + " with kernel shape " + Arrays.toString(w.shape())
                    + " is not supported (supported: group 1, and depthwise with group = channels)");
        }
        ctx.setOutput(node, 0, out, 4);
    }

    /**
     * Conv (group 1) channels-last: NHWC activations with the OIYX kernel (ONNX's own OIHW order). If
     * the only consumer is a CRD DepthToSpace, the output channels are permuted for the native DCR op
     * and the output is registered packed ({@link PackedChannels#reordered}).
     */
    private static void channelsLast(OnnxNode node, ImportContext ctx, INDArray w, Geometry g) {
        SDVariable x = ctx.nhwc(node, 0);
        if (g.asymmetric) {
            INDArray padding = Nd4j.createFromArray(new int[][] {{0, 0}, {g.top, g.bottom}, {g.left, g.right}, {0, 0}});
            x = ctx.sd().nn().pad(x, ctx.helperConstant("conv_pads", padding), PadMode.CONSTANT, 0.0);
        }
        int out = (int) w.size(0);
        INDArray kernel = w.dup('c');
        int r = ctx.rewrites().reorderBlock(node, out, ctx);
        SDVariable b = node.hasInput(2) && r == 0 ? ctx.weight(node, 2) : null;
        if (r > 0) {
            int c = out / (r * r);
            kernel = reorderLeading(kernel, c, r);
            if (node.hasInput(2)) {
                INDArray bias = ctx.constant(node, 2, "the bias").castTo(DataType.FLOAT).reshape(out);
                b = ctx.newWeight(node.input(2), PixelShuffle.reorderOutputChannels(bias, c, r));
            }
        }
        Conv2DConfig cfg = Conv2DConfig.builder().kH(g.kH).kW(g.kW).sH(g.sH).sW(g.sW)
                .pH(g.asymmetric ? 0 : g.top).pW(g.asymmetric ? 0 : g.left).dH(1).dW(1)
                .paddingMode(g.same ? PaddingMode.SAME : PaddingMode.VALID).dataFormat(Conv2DConfig.NHWC)
                .weightsFormat(WeightsFormat.OIYX).build();
        SDVariable k = ctx.newWeight(node.input(1), kernel);
        SDVariable y = b == null ? ctx.sd().cnn().conv2d(x, k, cfg) : ctx.sd().cnn().conv2d(x, k, b, cfg);
        ctx.rewrites().countChannelsLastConv();
        if (r > 0) {
            ctx.rewrites().countReorderedConv();
            ctx.setPackedOutput(node, 0, PackedChannels.reordered(y, out / (r * r), r));
        } else {
            ctx.setOutputNhwc(node, 0, y, out);
        }
    }

    /**
     * A k x k convolution of a postponed depth-to-space (input {@code p}, see {@link ImportRewrites}) as a
     * polyphase convolution on the coarse grid followed by the native DCR depth-to-space.
     */
    private static void polyphase(OnnxNode node, ImportContext ctx, PackedChannels p, INDArray w, Geometry g) {
        int k = (int) w.size(2);
        int c = (int) w.size(1);
        int o = (int) w.size(0);
        int r = p.shuffle();
        if (r < 1 || c != p.channels() || g.kH != g.kW || g.sH != 1 || g.sW != 1 || g.asymmetric || g.same
                || g.top != k / 2 || g.left != k / 2) {
            throw node.error("internal error: the polyphase rewrite was planned for a convolution it does not fit");
        }
        INDArray coarse = Polyphase.kernel(w.permute(2, 3, 1, 0).dup('c'), r); // [kc, kc, r*r*C DCR, r*r*O DCR]
        if (!p.dcr()) {
            coarse = crdInputs(coarse, c, r);
        }
        int kc = (int) coarse.size(0);
        INDArray bias = node.hasInput(2) ? ctx.constant(node, 2, "the bias").castTo(DataType.FLOAT).reshape(o)
                : Nd4j.zeros(DataType.FLOAT, o);
        Conv2DConfig cfg = Conv2DConfig.builder().kH(kc).kW(kc).sH(1).sW(1).pH(kc / 2).pW(kc / 2).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).dataFormat(Conv2DConfig.NHWC).weightsFormat(WeightsFormat.OIYX).build();
        SDVariable kernel = ctx.newWeight(node.input(1) + "_polyphase", coarse.permute(3, 2, 0, 1).dup('c'));
        SDVariable b = ctx.newWeight(node.name() + "_polyphase_bias", Polyphase.bias(bias, r));
        SDVariable y = ctx.sd().cnn().conv2d(p.nhwc(), kernel, b, cfg);
        SDVariable shuffled = ctx.sd().cnn().depthToSpace(y, r, DataFormat.NHWC);
        ctx.rewrites().countChannelsLastConv();
        ctx.rewrites().countPolyphaseConv();
        ctx.setOutputNhwc(node, 0, shuffled, o);
    }

    /**
     * The polyphase kernel {@code coarse} [kc, kc, r*r*C, O'] (inputs in DCR order {@code q*C + c}) with
     * its inputs rearranged for a CRD-ordered input {@code c*r*r + q}.
     */
    static INDArray crdInputs(INDArray coarse, int c, int r) {
        int rr = r * r;
        long[] s = coarse.shape();
        int in = (int) s[2];
        int out = (int) s[3];
        float[] src = coarse.dup('c').data().asFloat();
        float[] dst = new float[src.length];
        for (int base = 0; base < src.length; base += in * out) {
            for (int kp = 0; kp < in; kp++) {
                int from = (kp % rr) * c + kp / rr;
                System.arraycopy(src, base + from * out, dst, base + kp * out, out);
            }
        }
        return Nd4j.createFromArray(dst).reshape(s);
    }

    /** An OIHW kernel with its output channels (axis 0) in the order of {@link PixelShuffle#dcrChannelOrder}. */
    static INDArray reorderLeading(INDArray w, int outChannels, int r) {
        int[] perm = PixelShuffle.dcrChannelOrder(outChannels, r);
        float[] src = w.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int block = src.length / perm.length;
        float[] dst = new float[src.length];
        for (int k = 0; k < perm.length; k++) {
            System.arraycopy(src, perm[k] * block, dst, k * block, block);
        }
        return Nd4j.createFromArray(dst).reshape(w.shape());
    }

    /** ConvTranspose: group 1, symmetric pads, no output_padding / output_shape. */
    static void convTranspose(OnnxNode node, ImportContext ctx) {
        SameDiff sd = ctx.sd();
        INDArray w = ctx.constant(node, 1, "the kernel");
        if (w.rank() != 4) {
            throw node.error("only 2-D transposed convolution (4-D kernel) is supported, kernel shape "
                    + Arrays.toString(w.shape()));
        }
        if (node.intAttr("group", 1) != 1) {
            throw node.error("group=" + node.intAttr("group", 1) + " is not supported (supported: group 1)");
        }
        if (node.hasAttribute("output_shape")) {
            throw node.error("attribute output_shape is not supported; export with explicit pads");
        }
        long[] outputPadding = node.intsAttr("output_padding", new long[] {0, 0});
        if (Arrays.stream(outputPadding).anyMatch(p -> p != 0)) {
            throw node.error("output_padding " + Arrays.toString(outputPadding) + " is not supported (only zeros)");
        }
        String autoPad = node.stringAttr("auto_pad", "NOTSET");
        if (!autoPad.equals("NOTSET") && !autoPad.equals("VALID")) {
            throw node.error("auto_pad=" + autoPad + " is not supported (supported: NOTSET with pads, VALID)");
        }
        long[] k = {w.size(2), w.size(3)};
        long[] strides = ints2(node, "strides", 1);
        long[] dilations = ints2(node, "dilations", 1);
        if (dilations[0] != 1 || dilations[1] != 1) {
            throw node.error("dilations " + Arrays.toString(dilations) + " are not supported (only 1)");
        }
        long[] pads = node.intsAttr("pads", new long[] {0, 0, 0, 0});
        if (autoPad.equals("VALID")) {
            pads = new long[] {0, 0, 0, 0};
        }
        if (pads.length != 4 || pads[0] != pads[2] || pads[1] != pads[3]) {
            throw node.error("pads " + Arrays.toString(pads) + " are not supported (supported: symmetric 2-D pads)");
        }
        DeConv2DConfig cfg = DeConv2DConfig.builder().kH(k[0]).kW(k[1]).sH(strides[0]).sW(strides[1])
                .pH(pads[0]).pW(pads[1]).dH(dilations[0]).dW(dilations[1]).isSameMode(false)
                .dataFormat("NCHW").build();
        // ONNX [I, O, kH, kW] -> SameDiff deconv2d [kH, kW, O, I]
        SDVariable kernel = ctx.newWeight(node.input(1), w.permute(2, 3, 1, 0).dup('c'));
        SDVariable x = ctx.var(node, 0);
        SDVariable out = node.hasInput(2)
                ? sd.cnn().deconv2d(x, kernel, ctx.weight(node, 2), cfg)
                : sd.cnn().deconv2d(x, kernel, cfg);
        ctx.setOutput(node, 0, out, 4);
    }

    /** An OIHW kernel with (dH-1) zero rows and (dW-1) zero columns between its taps. */
    static INDArray dilateKernel(INDArray w, long dH, long dW) {
        long kH = (w.size(2) - 1) * dH + 1;
        long kW = (w.size(3) - 1) * dW + 1;
        INDArray out = Nd4j.zeros(w.dataType(), w.size(0), w.size(1), kH, kW);
        for (long y = 0; y < w.size(2); y++) {
            for (long x = 0; x < w.size(3); x++) {
                out.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                                org.nd4j.linalg.indexing.NDArrayIndex.point(y * dH), org.nd4j.linalg.indexing.NDArrayIndex.point(x * dW))
                        .assign(w.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                                org.nd4j.linalg.indexing.NDArrayIndex.point(y), org.nd4j.linalg.indexing.NDArrayIndex.point(x)));
            }
        }
        return out;
    }

    private static SDVariable padExplicitly(ImportContext ctx, SDVariable x, Geometry g) {
        INDArray padding = Nd4j.createFromArray(new int[][] {{0, 0}, {0, 0}, {g.top, g.bottom}, {g.left, g.right}});
        return ctx.sd().nn().pad(x, ctx.helperConstant("conv_pads", padding), PadMode.CONSTANT, 0.0);
    }

    private static long[] ints2(OnnxNode node, String name, long dflt) {
        long[] v = node.intsAttr(name, new long[] {dflt, dflt});
        if (v.length != 2) {
            throw node.error("attribute " + name + " " + Arrays.toString(v) + " must have 2 values (2-D only)");
        }
        return v;
    }

    /** Kernel, strides, dilations and padding of a 2-D Conv. */
    private static final class Geometry {
        long kH;
        long kW;
        long sH;
        long sW;
        long dH;
        long dW;
        int top;
        int left;
        int bottom;
        int right;
        boolean asymmetric;
        boolean same;

        static Geometry of(OnnxNode node, long kH, long kW) {
            Geometry g = new Geometry();
            long[] ks = node.intsAttr("kernel_shape", new long[] {kH, kW});
            if (ks.length != 2 || ks[0] != kH || ks[1] != kW) {
                throw node.error("kernel_shape " + Arrays.toString(ks) + " does not match the kernel [" + kH + ", " + kW + "]");
            }
            g.kH = kH;
            g.kW = kW;
            long[] s = ints2(node, "strides", 1);
            long[] d = ints2(node, "dilations", 1);
            g.sH = s[0];
            g.sW = s[1];
            g.dH = d[0];
            g.dW = d[1];
            String autoPad = node.stringAttr("auto_pad", "NOTSET");
            long effH = (kH - 1) * g.dH + 1;
            long effW = (kW - 1) * g.dW + 1;
            switch (autoPad) {
                case "NOTSET" -> {
                    long[] p = node.intsAttr("pads", new long[] {0, 0, 0, 0});
                    if (p.length != 4) {
                        throw node.error("pads " + Arrays.toString(p) + " must have 4 values (2-D only)");
                    }
                    g.top = (int) p[0];
                    g.left = (int) p[1];
                    g.bottom = (int) p[2];
                    g.right = (int) p[3];
                    g.asymmetric = g.top != g.bottom || g.left != g.right;
                }
                case "VALID" -> { }
                case "SAME_UPPER" -> g.same = true; // SameDiff SAME puts the odd pixel at the end, like SAME_UPPER
                case "SAME_LOWER" -> {
                    if (g.sH != 1 || g.sW != 1 || effH % 2 == 0 || effW % 2 == 0) {
                        throw node.error("auto_pad=SAME_LOWER is supported only with stride 1 and odd kernel extent");
                    }
                    g.top = g.bottom = (int) (effH - 1) / 2;
                    g.left = g.right = (int) (effW - 1) / 2;
                }
                default -> throw node.error("auto_pad=" + autoPad + " is not supported");
            }
            return g;
        }
    }
}
