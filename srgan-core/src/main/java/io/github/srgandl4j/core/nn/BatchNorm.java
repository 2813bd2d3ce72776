package io.github.srgandl4j.core.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalisation over the channels of an NCHW tensor (or NHWC, {@link DataLayout}), with a training mode.
 *
 * <p>SameDiff's {@code batchNorm} takes mean and variance as inputs and cannot be trained
 * through in M2.1 (BatchNormDerivative fails with "axis must be specified"), so the layer is
 * built from primitives. In {@link Phase#TRAIN} it normalises with the biased moments
 * of the batch and exposes them as graph outputs {@code scope + name/batch_mean} and
 * {@code scope + name/batch_var} (shape [C]); {@link #updateRunningStatistics} folds them into the
 * running averages after each step, as PyTorch does (unbiased variance in the running average).
 * In {@link Phase#INFERENCE} it uses the running statistics.
 *
 * <p>Tensors: {@code name/gamma}, {@code name/beta} (trainable), {@code name/running_mean},
 * {@code name/running_var} (state).
 */
public final class BatchNorm {
    private BatchNorm() {}

    public static void declare(Parameters p, String name, int channels) {
        p.add(name + "/gamma", Parameters.Role.TRAINABLE, Init.filled(1f, channels));
        p.add(name + "/beta", Parameters.Role.TRAINABLE, Init.filled(0f, channels));
        p.add(name + "/running_mean", Parameters.Role.STATE, Init.filled(0f, channels));
        p.add(name + "/running_var", Parameters.Role.STATE, Init.filled(1f, channels));
    }

    /** Graph output name of the batch mean in training mode. */
    public static String batchMeanName(String name) {
        return name + "/batch_mean";
    }

    /** Graph output name of the (biased) batch variance in training mode. */
    public static String batchVarName(String name) {
        return name + "/batch_var";
    }

    public static SDVariable apply(GraphContext g, String name, SDVariable x, double eps) {
        return apply(g, name, x, eps, DataLayout.NCHW);
    }

    /** As {@link #apply(GraphContext, String, SDVariable, double)} on {@code x} in {@code layout}. */
    public static SDVariable apply(GraphContext g, String name, SDVariable x, double eps, DataLayout layout) {
        long c = g.params().get(name + "/gamma").length();
        long[] perChannel = {1, 1, 1, 1};
        perChannel[layout.channelAxis()] = c;
        int[] axes = layout.reductionAxes();
        SDVariable gamma = g.tensor(name + "/gamma").reshape(perChannel);
        SDVariable beta = g.tensor(name + "/beta").reshape(perChannel);
        SDVariable mean;
        SDVariable var;
        if (g.phase() == Phase.TRAIN) {
            // one full-size output per layer: y = x * s + t per channel, one depthwise convolution with bias,
            // s = gamma / sqrt(var + eps), t = beta - mean * s; var = E[x^2] - mean^2, whose square reads x
            // (kept for the backward anyway) instead of a centred copy (docs/performance.md, section 9)
            SDVariable m = x.mean(true, axes);
            SDVariable v = g.sd().nn().relu(x.mul(x).mean(true, axes).sub(m.mul(m)), 0.0);
            g.sd().identity(g.name(batchMeanName(name)), m.reshape(c));
            g.sd().identity(g.name(batchVarName(name)), v.reshape(c));
            SDVariable s = g.sd().math().rsqrt(v.add(eps)).mul(gamma).reshape(c);
            SDVariable t = g.tensor(name + "/beta").sub(m.reshape(c).mul(s));
            return g.sd().cnn().depthWiseConv2d(g.name(name), x, s.reshape(1, 1, c, 1), t, Conv2d.config(1, 1, layout));
        }
        mean = g.tensor(name + "/running_mean").reshape(perChannel);
        var = g.tensor(name + "/running_var").reshape(perChannel);
        SDVariable scale = g.sd().math().rsqrt(var.add(eps)).mul(gamma);
        return x.sub(mean).mul(scale).add(g.name(name), beta);
    }

    /**
     * Running-average update after a training step: {@code running = (1 - m) running + m batch},
     * with the batch variance made unbiased by {@code n / (n - 1)} where {@code n} is the number of
     * values per channel (N x H x W).
     */
    public static void updateRunningStatistics(Parameters p, String name, INDArray batchMean, INDArray batchVar,
            long valuesPerChannel, double momentum) {
        INDArray rm = p.get(name + "/running_mean");
        INDArray rv = p.get(name + "/running_var");
        double unbias = valuesPerChannel > 1 ? valuesPerChannel / (double) (valuesPerChannel - 1) : 1.0;
        rm.muli(1 - momentum).addi(batchMean.reshape(rm.shape()).mul(momentum));
        rv.muli(1 - momentum).addi(batchVar.reshape(rv.shape()).mul(momentum * unbias));
    }

    /** Per-channel multiplier {@code gamma / sqrt(running_var + eps)} for folding into a preceding convolution. */
    public static INDArray foldScale(Parameters p, String name, double eps) {
        INDArray std = Transforms.sqrt(p.get(name + "/running_var").add(eps), false);
        return p.get(name + "/gamma").div(std);
    }
}
