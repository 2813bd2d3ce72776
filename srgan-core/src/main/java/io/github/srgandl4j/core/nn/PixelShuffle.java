package io.github.srgandl4j.core.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.DataFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sub-pixel shuffle in PyTorch's CRD order:
 * {@code out[n, c, h*r + i, w*r + j] = in[n, c*r*r + i*r + j, h, w]}.
 *
 * <p>Two routes give the same result. {@link #crd} is a reshape/permute composition (any
 * {@code r}, differentiable, batch and spatial sizes taken from the input at run time).
 * SameDiff's native {@code depthToSpace(NCHW)} uses the DCR (TensorFlow) order
 * {@code in[n, (i*r + j)*C + c, h, w]}; {@link #dcrChannelOrder} gives the permutation of a
 * preceding convolution's output channels that makes the native op produce the CRD result,
 * which the inference graph uses because it is faster.
 */
public final class PixelShuffle {
    private PixelShuffle() {}

    /**
     * CRD pixel shuffle of {@code x} [N, C*r*r, H, W] into [N, C, H*r, W*r].
     *
     * @param outChannels C, the number of output channels
     */
    public static SDVariable crd(SameDiff sd, String name, SDVariable x, long outChannels, int r) {
        if (r < 1) {
            throw new IllegalArgumentException("upscale factor must be >= 1, got " + r);
        }
        SDVariable shape = x.shape();
        SDVariable n = sd.gather(shape, new int[] {0}, 0);
        SDVariable h = sd.gather(shape, new int[] {2}, 0);
        SDVariable w = sd.gather(shape, new int[] {3}, 0);
        SDVariable c = sd.constant(Nd4j.createFromArray(outChannels));
        SDVariable rr = sd.constant(Nd4j.createFromArray((long) r));
        SDVariable split = sd.concat(0, n, c, rr, rr, h, w);
        SDVariable six = sd.reshape(x, split);
        SDVariable permuted = sd.permute(six, 0, 1, 4, 2, 5, 3);
        SDVariable merged = sd.concat(0, n, c, h.mul(rr), w.mul(rr));
        return sd.reshape(name, permuted, merged);
    }

    /**
     * Reorders the last axis (output channels) of a kernel [kH, kW, Cin, C*r*r] or a bias [C*r*r]
     * inside the graph from CRD to DCR order (the order of {@link #dcrChannelOrder}), by a
     * reshape/permute of the small parameter tensor; gradients flow back through it. A convolution
     * with the reordered tensors followed by {@link #nativeDcr} computes the CRD shuffle of the
     * convolution with the stored tensors, which is how the training graph avoids permuting the large
     * activation tensor.
     */
    public static SDVariable toDcrOrder(SameDiff sd, SDVariable t, long rank, long leading, long outChannels, int r) {
        long rr = (long) r * r;
        SDVariable grouped = t.reshape(leading, outChannels, rr).permute(0, 2, 1);
        if (rank == 1) {
            return grouped.reshape(outChannels * rr);
        }
        return grouped.reshape(t.shape());
    }

    /** The native DCR depthToSpace of NCHW {@code x}, for inputs whose channels are in DCR order. */
    public static SDVariable nativeDcr(SameDiff sd, String name, SDVariable x, int r) {
        return sd.cnn().depthToSpace(name, x, r, DataFormat.NCHW);
    }

    /**
     * {@code perm[k]} is the CRD channel that must sit at position {@code k} for the native DCR op
     * to produce the CRD result: {@code perm[(i*r + j)*C + c] = c*r*r + i*r + j}.
     */
    public static int[] dcrChannelOrder(int outChannels, int r) {
        int[] perm = new int[outChannels * r * r];
        for (int c = 0; c < outChannels; c++) {
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < r; j++) {
                    perm[(i * r + j) * outChannels + c] = c * r * r + i * r + j;
                }
            }
        }
        return perm;
    }

    /** Reorders the last axis of a kernel or bias (output channels) by {@link #dcrChannelOrder}. */
    public static INDArray reorderOutputChannels(INDArray t, int outChannels, int r) {
        int[] perm = dcrChannelOrder(outChannels, r);
        long last = t.size(t.rank() - 1);
        if (last != perm.length) {
            throw new IllegalArgumentException("last axis has " + last + " channels, expected " + perm.length);
        }
        float[] in = t.dup('c').data().asFloat();
        float[] out = new float[in.length];
        for (int base = 0; base < in.length; base += perm.length) {
            for (int k = 0; k < perm.length; k++) {
                out[base + k] = in[base + perm[k]];
            }
        }
        return Nd4j.createFromArray(out).reshape(t.shape());
    }
}
