package io.github.srgandl4j.core.nn;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Per-channel PReLU, {@code max(x, 0) + a_c * min(x, 0)}, built as
 * {@code relu(x) - a_c * (relu(x) - x)}: in M2.1
 * {@code sd.nn().prelu} fails in backward once the input has more than 64x the elements of
 * alpha, and its forward is slow. Tensor: {@code name/alpha} of shape [C], initialised to 0.25
 * like PyTorch.
 */
public final class PRelu {
    private PRelu() {}

    public static void declare(Parameters p, String name, int channels) {
        p.add(name + "/alpha", Parameters.Role.TRAINABLE, Init.filled(0.25f, channels));
    }

    public static SDVariable apply(GraphContext g, String name, SDVariable x) {
        return applyRepeated(g, name, x, 1);
    }

    /**
     * PReLU of an NCHW tensor whose channels are {@code repeat} groups of the layer's C channels
     * (the DCR phases before a pixel shuffle): group {@code q}, channel {@code c} uses slope
     * {@code a_c}. The same values as applying the layer after the shuffle; {@code repeat = 1} is
     * the plain layer.
     */
    public static SDVariable applyRepeated(GraphContext g, String name, SDVariable x, int repeat) {
        long c = g.params().get(name + "/alpha").length() * repeat;
        SDVariable alpha = g.tensor(name + "/alpha");
        if (repeat > 1) {
            SDVariable[] copies = new SDVariable[repeat];
            java.util.Arrays.fill(copies, alpha);
            alpha = g.sd().concat(0, copies);
        }
        SDVariable pos = g.sd().nn().relu(x, 0);
        // relu(-x) = relu(x) - x exactly in floating point (x - x = 0, 0 - x = -x): one subtraction instead
        // of a negation and a second relu, forward and backward
        SDVariable negPart = pos.sub(x);
        if (g.phase() == Phase.TRAIN) {
            // per-channel slope as a diagonal 1x1 convolution: cheaper backward than a [1,C,1,1] broadcast multiply
            return pos.sub(g.name(name), scaleChannels(g, negPart, alpha, c));
        }
        return pos.sub(g.name(name), negPart.mul(alpha.reshape(1, c, 1, 1)));
    }

    /**
     * {@code x * s_c} per channel of an NCHW tensor, as a 1x1 depthwise convolution with kernel
     * {@code s} ([1,1,C,1]): same values, but in M2.1 the backward of a broadcast multiply by a
     * [1,C,1,1] operand tiles it to full size and reduces, which is much slower
     * (docs/performance.md, speed section 5). {@code s} has shape [C]. Used for the slope in
     * training graphs; the inference graphs keep the broadcast multiply.
     */
    static SDVariable scaleChannels(GraphContext g, SDVariable x, SDVariable s, long c) {
        return g.sd().cnn().depthWiseConv2d(x, s.reshape(1, 1, c, 1), Conv2d.config(1, 1));
    }
}
