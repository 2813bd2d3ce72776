package io.github.srgandl4j.core.onnx;

import java.util.Arrays;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A rank-4 value held as an NHWC tensor whose channel axis is arranged differently from the value's
 * own (one of {@link ImportRewrites}' rewrites):
 * <ul>
 *   <li>{@link #reordered}: the output of a convolution whose output channels were permuted so that the
 *       native DCR depth-to-space after it yields the CRD result; held channel {@code k} is the value's
 *       channel {@code channelOf[k]};</li>
 *   <li>{@link #deferred}: the value is {@code depthToSpace(held, shuffle)} (DCR or CRD order), the
 *       shuffle postponed so that a convolution after it can run as a polyphase convolution before it;
 *       held channel {@code k} carries the value's channel {@code channelOf[k]} (at some sub-pixel
 *       phase).</li>
 * </ul>
 * Element-wise ops whose constant operands are per channel (or scalars) run on the held tensor with
 * their constants rearranged by {@link #expand}; nothing else may read a packed value.
 *
 * @param nhwc the held tensor, NHWC
 * @param channelOf for each held channel, the value's channel it carries
 * @param shuffle the postponed depth-to-space block size, 0 if none
 * @param dcr order of the postponed depth-to-space (true: DCR, false: CRD); false if none
 * @param channels the value's own channel count
 */
record PackedChannels(SDVariable nhwc, int[] channelOf, int shuffle, boolean dcr, int channels) {

    /** A convolution output with CRD channels {@code c*r*r + i*r + j} held in DCR order {@code (i*r + j)*c + c}. */
    static PackedChannels reordered(SDVariable nhwc, int outChannels, int r) {
        return new PackedChannels(nhwc, io.github.srgandl4j.core.nn.PixelShuffle.dcrChannelOrder(outChannels, r), 0, false,
                outChannels * r * r);
    }

    /** The depth-to-space by {@code r} of {@code nhwc} (with {@code channels * r * r} channels), not yet applied. */
    static PackedChannels deferred(SDVariable nhwc, int channels, int r, boolean dcr) {
        int rr = r * r;
        int[] of = new int[channels * rr];
        for (int k = 0; k < of.length; k++) {
            of[k] = dcr ? k % channels : k / rr;
        }
        return new PackedChannels(nhwc, of, r, dcr, channels);
    }

    /** The same arrangement held in another tensor (the result of an element-wise op). */
    PackedChannels with(SDVariable other) {
        return new PackedChannels(other, channelOf, shuffle, dcr, channels);
    }

    /** True if {@code o} arranges channels the same way. */
    boolean sameArrangement(PackedChannels o) {
        return shuffle == o.shuffle && dcr == o.dcr && channels == o.channels && Arrays.equals(channelOf, o.channelOf);
    }

    /**
     * True if a constant of this shape, aligned to rank 4 by leading 1s, varies at most along the
     * channel axis and has 1 or {@code channels} entries there.
     */
    static boolean perChannel(long[] shape, int channels) {
        if (shape.length > 4) {
            return false;
        }
        long[] s = aligned(shape);
        return s[0] == 1 && s[2] == 1 && s[3] == 1 && (s[1] == 1 || (channels > 0 && s[1] == channels));
    }

    /**
     * A per-channel (or scalar) constant rearranged for the held tensor, as [1, 1, 1, held channels]
     * (or [1, 1, 1, 1] for one value).
     */
    INDArray expand(INDArray constant) {
        if (!perChannel(constant.shape(), channels)) {
            throw new IllegalStateException("internal error: constant of shape " + Arrays.toString(constant.shape())
                    + " is not per channel for a packed value of " + channels + " channels");
        }
        float[] v = constant.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
        if (v.length == 1) {
            return Nd4j.createFromArray(v).reshape(1, 1, 1, 1);
        }
        float[] out = new float[channelOf.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = v[channelOf[k]];
        }
        return Nd4j.createFromArray(out).reshape(1, 1, 1, out.length);
    }

    private static long[] aligned(long[] shape) {
        long[] s = new long[4];
        int offset = 4 - shape.length;
        for (int i = 0; i < 4; i++) {
            s[i] = i < offset ? 1 : shape[i - offset];
        }
        return s;
    }
}
