package io.github.srgandl4j.core.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import onnx.Onnx;

/**
 * Decides where the native generator's inference rewrites (docs/architecture.md, "Inference
 * rewrites") are valid in an imported graph, and counts what was applied. The op mappers ask it
 * while they translate (nodes in topological order, so every initializer and Constant is known):
 *
 * <ol>
 *   <li><b>channels-last</b>: convolutions (group 1) run NHWC with OIYX kernels; element-wise ops,
 *       activations, DepthToSpace and Concat keep whichever layout their input has; any other op reads
 *       NCHW, and a permute is inserted where the layout changes (and at the graph's output). Always
 *       valid: each op computes the same function in either layout.</li>
 *   <li><b>native DepthToSpace for CRD</b>: a Conv whose only consumer is a DepthToSpace in CRD mode (and
 *       whose output is not a graph output) gets its output channels (kernel and bias) permuted
 *       ({@link io.github.srgandl4j.core.nn.PixelShuffle#dcrChannelOrder}), so that the native DCR op
 *       yields the CRD result.</li>
 *   <li><b>polyphase convolution</b>: for a DepthToSpace with block size 2 followed, through a chain of
 *       element-wise ops each with a single consumer and constants that are per channel or scalar, by a
 *       square convolution with odd kernel k, stride 1, dilation 1, group 1, pads k/2 on all sides, at
 *       most {@value #POLYPHASE_MAX_OUTPUTS} outputs, no upsampling after it, and at most
 *       {@value #POLYPHASE_MAX_WORK} times the multiply-adds (9x9 and 5x5 kernels), the shuffle is
 *       postponed: the element-wise ops run on the unshuffled tensor with their constants
 *       repeated per phase, the convolution becomes a polyphase convolution
 *       ({@link io.github.srgandl4j.core.nn.Polyphase}) on the coarse grid, and the shuffle follows it.</li>
 * </ol>
 * PReLU with constant slopes in [0, 1] as {@code max(x, a*x)} is done by the PReLU mapper. Nothing is
 * rewritten when the options switch rewrites off or import weights as trainable (training needs NCHW
 * and YXIO kernels in DL4J M2.1, docs/architecture.md).
 */
final class ImportRewrites {
    private static final Set<String> UNARY = Set.of("Relu", "LeakyRelu", "Sigmoid", "Tanh", "Clip", "Identity");
    private static final Set<String> BINARY = Set.of("Add", "Sub", "Mul", "Div");
    private static final Set<String> UPSAMPLING = Set.of("DepthToSpace", "Resize", "Upsample", "ConvTranspose");
    /** At most this many output channels: an image-producing tail (the native graph's 9x9 64 -> 3). */
    static final int POLYPHASE_MAX_OUTPUTS = 4;
    /**
     * At most this ratio of multiply-adds, polyphase against plain ({@code kc*kc*4 / (k*k)} for x2):
     * 9x9 gives 1.23 (measured 2.4x faster in oneDNN with 3 outputs), 5x5 1.44; 3x3 (4.0) and 7x7
     * (2.04) are left alone.
     */
    static final double POLYPHASE_MAX_WORK = 1.5;

    private final boolean enabled;
    private final Map<String, List<Onnx.NodeProto>> consumers = new HashMap<>();
    private final Set<String> graphOutputs = new HashSet<>();
    private int channelsLastConvs;
    private int reorderedConvs;
    private int polyphaseConvs;
    private int layoutPermutes;

    ImportRewrites(boolean enabled, List<Onnx.NodeProto> nodes, List<String> outputs) {
        this.enabled = enabled;
        for (Onnx.NodeProto n : nodes) {
            for (String in : new HashSet<>(n.getInputList())) {
                if (!in.isEmpty()) {
                    consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
                }
            }
        }
        graphOutputs.addAll(outputs);
    }

    /** True if the rewrites are on for this import. */
    boolean enabled() {
        return enabled;
    }

    /**
     * The block size r if the output channels of {@code conv} (group 1, kernel with {@code outChannels}
     * outputs) should be permuted for a native DepthToSpace in place of its CRD consumer, else 0.
     */
    int reorderBlock(OnnxNode conv, long outChannels, ImportContext ctx) {
        if (!enabled || conv.intAttr("group", 1) != 1 || (conv.hasInput(2) && !ctx.value(conv, 2).isConstant())) {
            return 0;
        }
        Onnx.NodeProto dts = soleConsumer(conv.output(0));
        if (dts == null || !dts.getOpType().equals("DepthToSpace")) {
            return 0;
        }
        OnnxNode d = new OnnxNode(dts, ctx.source(), conv.opset());
        long r = d.intAttr("blocksize", -1);
        if (!d.stringAttr("mode", "DCR").equals("CRD") || r < 2 || outChannels % (r * r) != 0) {
            return 0;
        }
        return (int) r;
    }

    /**
     * True if the DepthToSpace {@code dts} (block size r, output with {@code channels} channels) should be
     * postponed past the element-wise chain after it, to be applied after a polyphase convolution.
     */
    boolean postponeShuffle(OnnxNode dts, int channels, ImportContext ctx) {
        if (!enabled || dts.intAttr("blocksize", -1) != 2 || channels < 1) {
            return false;
        }
        String v = dts.output(0);
        while (true) {
            Onnx.NodeProto n = soleConsumer(v);
            if (n == null) {
                return false;
            }
            OnnxNode node = new OnnxNode(n, ctx.source(), dts.opset());
            if (n.getOpType().equals("Conv")) {
                return polyphaseConv(node, v, ctx) && !upsampledLater(node.output(0));
            }
            if (!movable(node, v, channels, ctx)) {
                return false;
            }
            v = node.output(0);
        }
    }

    /** The single node reading {@code value}, or null if it has none or several or is a graph output. */
    private Onnx.NodeProto soleConsumer(String value) {
        List<Onnx.NodeProto> c = consumers.getOrDefault(value, List.of());
        if (c.size() != 1 || graphOutputs.contains(value)) {
            return null;
        }
        Onnx.NodeProto n = c.get(0);
        return n.getOutputCount() >= 1 && !n.getOutput(0).isEmpty() ? n : null;
    }

    /** True if an upsampling op reads {@code value} directly or indirectly. */
    private boolean upsampledLater(String value) {
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(value));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            for (Onnx.NodeProto n : consumers.getOrDefault(todo.pop(), List.of())) {
                if (UPSAMPLING.contains(n.getOpType())) {
                    return true;
                }
                for (String o : n.getOutputList()) {
                    if (!o.isEmpty() && seen.add(o)) {
                        todo.push(o);
                    }
                }
            }
        }
        return false;
    }

    /** An element-wise op on {@code v} that can run on the unshuffled tensor (constants per channel). */
    private static boolean movable(OnnxNode node, String v, int channels, ImportContext ctx) {
        String op = node.opType();
        if (node.usedOutputCount() != 1) {
            return false;
        }
        if (UNARY.contains(op)) {
            if (!node.input(0).equals(v)) {
                return false;
            }
            for (int i = 1; i < node.inputCount(); i++) {
                if (node.hasInput(i) && (node.input(i).equals(v) || !isConstant(ctx, node.input(i)))) {
                    return false;
                }
            }
            return true;
        }
        if (op.equals("PRelu")) {
            return node.inputCount() == 2 && node.input(0).equals(v) && !node.input(1).equals(v)
                    && isConstant(ctx, node.input(1))
                    && PackedChannels.perChannel(ctx.get(node.input(1)).constant().shape(), channels);
        }
        if (BINARY.contains(op) && node.inputCount() == 2) {
            boolean first = node.input(0).equals(v);
            boolean second = node.input(1).equals(v);
            if (first == second) {
                return false;
            }
            String other = node.input(first ? 1 : 0);
            return isConstant(ctx, other) && ctx.get(other).constant().dataType().isFPType()
                    && PackedChannels.perChannel(ctx.get(other).constant().shape(), channels);
        }
        return false;
    }

    /** A Conv reading {@code v} that {@link io.github.srgandl4j.core.nn.Polyphase} can move before a shuffle. */
    private static boolean polyphaseConv(OnnxNode conv, String v, ImportContext ctx) {
        if (!conv.input(0).equals(v) || !isConstant(ctx, conv.input(1))
                || (conv.hasInput(2) && !isConstant(ctx, conv.input(2)))) {
            return false;
        }
        long[] w = ctx.get(conv.input(1)).constant().shape();
        if (w.length != 4 || w[2] != w[3] || w[2] % 2 == 0) {
            return false;
        }
        long h = w[2] / 2;
        int kc = io.github.srgandl4j.core.nn.Polyphase.coarseKernelSize((int) w[2], 2);
        if (w[0] > POLYPHASE_MAX_OUTPUTS || kc * kc * 4.0 / (w[2] * w[2]) > POLYPHASE_MAX_WORK) {
            return false;
        }
        return conv.intAttr("group", 1) == 1
                && java.util.Arrays.equals(conv.intsAttr("strides", new long[] {1, 1}), new long[] {1, 1})
                && java.util.Arrays.equals(conv.intsAttr("dilations", new long[] {1, 1}), new long[] {1, 1})
                && conv.stringAttr("auto_pad", "NOTSET").equals("NOTSET")
                && java.util.Arrays.equals(conv.intsAttr("pads", new long[] {0, 0, 0, 0}), new long[] {h, h, h, h})
                && java.util.Arrays.equals(conv.intsAttr("kernel_shape", new long[] {w[2], w[3]}), new long[] {w[2], w[3]});
    }

    private static boolean isConstant(ImportContext ctx, String name) {
        OnnxValue v = ctx.get(name);
        return v != null && v.isConstant();
    }

    void countChannelsLastConv() {
        channelsLastConvs++;
    }

    void countReorderedConv() {
        reorderedConvs++;
    }

    void countPolyphaseConv() {
        polyphaseConvs++;
    }

    void countLayoutPermute() {
        layoutPermutes++;
    }

    /** What was applied. */
    Summary summary() {
        return new Summary(enabled, channelsLastConvs, reorderedConvs, polyphaseConvs, layoutPermutes);
    }

    /**
     * What the rewrites changed in one import.
     *
     * @param enabled whether rewrites were on
     * @param channelsLastConvs convolutions run NHWC with OIYX kernels
     * @param reorderedConvs convolutions whose output channels were permuted for a native DepthToSpace
     * @param polyphaseConvs convolutions moved before a DepthToSpace as polyphase convolutions
     * @param layoutPermutes NCHW/NHWC permutes inserted (graph input and output included)
     */
    record Summary(boolean enabled, int channelsLastConvs, int reorderedConvs, int polyphaseConvs, int layoutPermutes) {}
}
