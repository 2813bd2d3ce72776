package io.github.srgandl4j.core.model;

import io.github.srgandl4j.core.nn.BatchNorm;
import io.github.srgandl4j.core.nn.Conv2d;
import io.github.srgandl4j.core.nn.GraphContext;
import io.github.srgandl4j.core.nn.PRelu;
import io.github.srgandl4j.core.nn.Parameters;
import io.github.srgandl4j.core.nn.Phase;
import io.github.srgandl4j.core.nn.PixelShuffle;
import io.github.srgandl4j.core.nn.Polyphase;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The SRResNet generator of Ledig et al. (2017) as a SameDiff graph, NCHW float32: LR in [0, 1],
 * output through tanh in [-1, 1].
 *
 * <pre>
 * head:  conv9x9(3 -> C) + PReLU                                     = h
 * res_k: conv3x3, BN, PReLU, conv3x3, BN, + input      (k = 0..B-1)
 * mid:   conv3x3, BN, + h                                            (long skip)
 * up_s:  conv3x3(C -> 4C), PixelShuffle x2 (CRD), PReLU              (s = 0..log2(scale)-1)
 * tail:  conv9x9(C -> 3), tanh
 * </pre>
 *
 * Tensor names are those of the layers above ({@code res3/conv1/W}, {@code up0/prelu/alpha}, ...).
 */
public final class SrResNet {
    private SrResNet() {}

    /** Fresh parameters, initialised like PyTorch's layers, deterministic for a seed. */
    public static Parameters initialise(SrResNetConfig cfg, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Parameters p = new Parameters();
        int c = cfg.channels();
        Conv2d.declare(p, "head/conv", 9, 3, c, rng);
        PRelu.declare(p, "head/prelu", c);
        for (int k = 0; k < cfg.residualBlocks(); k++) {
            String b = "res" + k;
            Conv2d.declare(p, b + "/conv1", 3, c, c, rng);
            BatchNorm.declare(p, b + "/bn1", c);
            PRelu.declare(p, b + "/prelu", c);
            Conv2d.declare(p, b + "/conv2", 3, c, c, rng);
            BatchNorm.declare(p, b + "/bn2", c);
        }
        Conv2d.declare(p, "mid/conv", 3, c, c, rng);
        BatchNorm.declare(p, "mid/bn", c);
        for (int s = 0; s < cfg.upsampleStages(); s++) {
            Conv2d.declare(p, "up" + s + "/conv", 3, c, 4 * c, rng);
            PRelu.declare(p, "up" + s + "/prelu", c);
        }
        Conv2d.declare(p, "tail/conv", 9, c, 3, rng);
        return p;
    }

    /** The names of all BN layers, in graph order (the trainer updates their running statistics). */
    public static List<String> batchNormLayers(SrResNetConfig cfg) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < cfg.residualBlocks(); k++) {
            names.add("res" + k + "/bn1");
            names.add("res" + k + "/bn2");
        }
        names.add("mid/bn");
        return names;
    }

    /**
     * Builds the generator into {@code g.sd()} on input {@code lr} [N, 3, H, W] and returns the
     * output [N, 3, H*scale, W*scale] (pre-tanh values are named {@code tail/conv}; the output
     * variable is named {@code outputName}).
     */
    public static SDVariable build(GraphContext g, SrResNetConfig cfg, SDVariable lr, String outputName) {
        return build(g, cfg, lr, outputName, InferenceOptions.plain());
    }

    /**
     * As {@link #build(GraphContext, SrResNetConfig, SDVariable, String)}, with inference
     * rewrites; {@code g.params()} must then come from {@link #forInference}.
     */
    public static SDVariable build(GraphContext g, SrResNetConfig cfg, SDVariable lr, String outputName,
            InferenceOptions opts) {
        return build(g, cfg, lr, outputName, opts, Shuffle.NATIVE);
    }

    /** How the plain graph computes the CRD pixel shuffle (the same function; tested against each other). */
    enum Shuffle {
        /** Kernel and bias channels reordered in the graph (small tensors), then native depthToSpace. */
        NATIVE,
        /** Reshape/permute of the activations ({@link PixelShuffle#crd}). */
        RESHAPE
    }

    static SDVariable build(GraphContext g, SrResNetConfig cfg, SDVariable lr, String outputName,
            InferenceOptions opts, Shuffle shuffle) {
        boolean rewritten = opts.foldBatchNorm() || opts.nativeDepthToSpace();
        if (rewritten && g.phase() != Phase.INFERENCE) {
            throw new IllegalArgumentException("inference rewrites need Phase.INFERENCE");
        }
        Block blk = new Block(g, cfg.bnEpsilon(), opts.foldBatchNorm());
        SDVariable h = PRelu.apply(g, "head/prelu", Conv2d.apply(g, "head/conv", lr, 1));
        SDVariable x = h;
        for (int k = 0; k < cfg.residualBlocks(); k++) {
            String b = "res" + k;
            SDVariable y = blk.convBn(b + "/conv1", b + "/bn1", x);
            y = PRelu.apply(g, b + "/prelu", y);
            y = blk.convBn(b + "/conv2", b + "/bn2", y);
            x = x.add(g.name(b + "/out"), y);
        }
        x = blk.convBn("mid/conv", "mid/bn", x).add(g.name("mid/out"), h);
        boolean polyphaseTail = g.phase() == Phase.TRAIN && shuffle == Shuffle.NATIVE;
        int last = cfg.upsampleStages() - 1;
        for (int s = 0; s < cfg.upsampleStages(); s++) {
            if (s == last && polyphaseTail) {
                return polyphaseTail(g, cfg, x, outputName);
            }
            x = PRelu.apply(g, "up" + s + "/prelu", upsample(g, "up" + s, x, cfg.channels(), opts, shuffle));
        }
        return g.sd().math().tanh(outputName, Conv2d.apply(g, "tail/conv", x, 1));
    }

    /**
     * The training graph's last upsampling stage and tail: the 9x9 tail convolution runs before the
     * last pixel shuffle as a 5x5 polyphase convolution ({@link Polyphase}, kernel built from the
     * stored one inside the graph), with the stage's PReLU applied per phase before the shuffle. The
     * same function as the plain order (tested by TrainingShuffleTest against the reshape/permute
     * graph), about 2.4x cheaper for the tail convolution and without shuffling the largest tensor.
     */
    private static SDVariable polyphaseTail(GraphContext g, SrResNetConfig cfg, SDVariable x, String outputName) {
        int c = cfg.channels();
        String u = "up" + (cfg.upsampleStages() - 1);
        SDVariable y = PRelu.applyRepeated(g, u + "/prelu", dcrConv(g, u, x, c), 4);
        INDArray w = g.params().get("tail/conv/W");
        int k = (int) w.size(0);
        SDVariable kernel = Polyphase.kernel(g.sd(), g.tensor("tail/conv/W"), k, c, (int) w.size(3), 2);
        SDVariable bias = Polyphase.bias(g.sd(), g.tensor("tail/conv/b"), 2);
        SDVariable coarse = g.sd().cnn().conv2d(g.name("tail/polyphase"), y, kernel, bias,
                Conv2d.config(Polyphase.coarseKernelSize(k, 2), 1));
        return g.sd().math().tanh(outputName, PixelShuffle.nativeDcr(g.sd(), g.name("tail/conv"), coarse, 2));
    }

    /** An upsampling convolution with the stored (CRD) kernel reordered in the graph to DCR output channels. */
    private static SDVariable dcrConv(GraphContext g, String u, SDVariable x, int channels) {
        INDArray w = g.params().get(u + "/conv/W");
        long k = w.size(0);
        SDVariable kernel = PixelShuffle.toDcrOrder(g.sd(), g.tensor(u + "/conv/W"), 4, k * k * w.size(2), channels, 2);
        SDVariable bias = PixelShuffle.toDcrOrder(g.sd(), g.tensor(u + "/conv/b"), 1, 1, channels, 2);
        return g.sd().cnn().conv2d(g.name(u + "/conv"), x, kernel, bias, Conv2d.config(k, 1));
    }

    /**
     * Upsampling convolution + CRD pixel shuffle x2. With {@link InferenceOptions#nativeDepthToSpace()}
     * the parameters were reordered beforehand ({@link #forInference}); otherwise the stored (CRD)
     * kernel is reordered in the graph for the native op, or the activations are reshaped/permuted.
     */
    private static SDVariable upsample(GraphContext g, String u, SDVariable x, int channels, InferenceOptions opts,
            Shuffle shuffle) {
        String shuffled = g.name(u + "/shuffle");
        if (opts.nativeDepthToSpace()) {
            return PixelShuffle.nativeDcr(g.sd(), shuffled, Conv2d.apply(g, u + "/conv", x, 1), 2);
        }
        if (shuffle == Shuffle.RESHAPE) {
            return PixelShuffle.crd(g.sd(), shuffled, Conv2d.apply(g, u + "/conv", x, 1), channels, 2);
        }
        return PixelShuffle.nativeDcr(g.sd(), shuffled, dcrConv(g, u, x, channels), 2);
    }

    /**
     * Parameters rewritten for {@link #build(GraphContext, SrResNetConfig, SDVariable, String,
     * InferenceOptions)}: BN folded into the convolutions and/or upsampling output channels
     * reordered for the native depthToSpace. The input is not modified.
     */
    public static Parameters forInference(Parameters p, SrResNetConfig cfg, InferenceOptions opts) {
        Parameters out = p.copy();
        if (opts.foldBatchNorm()) {
            out = InferenceRewrites.foldBatchNorm(out, batchNormConvPairs(cfg), cfg.bnEpsilon());
        }
        if (opts.nativeDepthToSpace()) {
            for (int s = 0; s < cfg.upsampleStages(); s++) {
                InferenceRewrites.reorderForNativeDepthToSpace(out, "up" + s + "/conv", cfg.channels(), 2);
            }
        }
        return out;
    }

    private static List<String[]> batchNormConvPairs(SrResNetConfig cfg) {
        List<String[]> pairs = new ArrayList<>();
        for (int k = 0; k < cfg.residualBlocks(); k++) {
            pairs.add(new String[] {"res" + k + "/conv1", "res" + k + "/bn1"});
            pairs.add(new String[] {"res" + k + "/conv2", "res" + k + "/bn2"});
        }
        pairs.add(new String[] {"mid/conv", "mid/bn"});
        return pairs;
    }

    /** Conv + BN, or the folded conv alone. */
    private record Block(GraphContext g, double eps, boolean folded) {
        SDVariable convBn(String conv, String bn, SDVariable x) {
            SDVariable y = Conv2d.apply(g, conv, x, 1);
            return folded ? y : BatchNorm.apply(g, bn, y, eps);
        }
    }
}
