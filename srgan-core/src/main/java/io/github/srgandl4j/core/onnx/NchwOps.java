package io.github.srgandl4j.core.onnx;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.PadMode;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SameDiff building blocks on NCHW tensors whose batch, height and width are only known at run
 * time: every reshape takes its target shape from {@code sd.shape(x)}, so one graph serves any
 * input size.
 */
final class NchwOps {
    private NchwOps() {}

    /**
     * DepthToSpace in CRD order (PyTorch PixelShuffle):
     * {@code out[n, c, h*rh + i, w*rw + j] = in[n, c*rh*rw + i*rw + j, h, w]}.
     * Reshape [N, C, rh, rw, H, W], permute to [N, C, H, rh, W, rw], reshape [N, C, H*rh, W*rw].
     */
    static SDVariable depthToSpaceCrd(SameDiff sd, SDVariable x, int rh, int rw) {
        Dims d = Dims.of(sd, x);
        SDVariable six = sd.reshape(x, sd.concat(0, d.n, longs(sd, -1, rh, rw), d.h, d.w));
        SDVariable perm = sd.permute(six, 0, 1, 4, 2, 5, 3);
        return sd.reshape(perm, sd.concat(0, d.n, longs(sd, -1), d.h.mul(longs(sd, rh)), d.w.mul(longs(sd, rw))));
    }

    /**
     * DepthToSpace in DCR order (TensorFlow, ONNX default):
     * {@code out[n, c, h*r + i, w*r + j] = in[n, (i*r + j)*C + c, h, w]}.
     * Reshape [N, r, r, C, H, W], permute to [N, C, H, r, W, r], reshape [N, C, H*r, W*r].
     */
    static SDVariable depthToSpaceDcr(SameDiff sd, SDVariable x, int r) {
        Dims d = Dims.of(sd, x);
        SDVariable six = sd.reshape(x, sd.concat(0, d.n, longs(sd, r, r, -1), d.h, d.w));
        SDVariable perm = sd.permute(six, 0, 3, 4, 1, 5, 2);
        return sd.reshape(perm, sd.concat(0, d.n, longs(sd, -1), d.h.mul(longs(sd, r)), d.w.mul(longs(sd, r))));
    }

    /**
     * Upsampling by integer factors (sh, sw) where every output pixel is a fixed weighted sum of the
     * input pixel it falls in and its direct neighbours, with indices past the border clamped to the
     * edge. {@code tapsH[i]} are the weights of rows (k-1, k, k+1) for output row {@code k*sh + i};
     * likewise {@code tapsW} for columns. This covers nearest and linear ONNX Resize with integer scales.
     *
     * <p>Each channel is treated as a 1-channel image ([N*C, 1, H, W]), edge-padded by one pixel
     * (SYMMETRIC pad of width 1 repeats the edge), convolved with a 3x3 kernel per output phase
     * (sh*sw output channels), and the phases are interleaved like a CRD DepthToSpace.
     */
    static SDVariable upsampleTaps(SameDiff sd, SDVariable x, double[][] tapsH, double[][] tapsW) {
        int sh = tapsH.length;
        int sw = tapsW.length;
        int phases = sh * sw;
        Dims d = Dims.of(sd, x);
        SDVariable planes = sd.reshape(x, sd.concat(0, longs(sd, -1, 1), d.h, d.w));
        SDVariable padding = sd.constant(Nd4j.createFromArray(new int[][] {{0, 0}, {0, 0}, {1, 1}, {1, 1}}));
        SDVariable padded = sd.nn().pad(planes, padding, PadMode.SYMMETRIC, 0.0);
        float[][][][] kernel = new float[3][3][1][phases]; // YXIO
        for (int i = 0; i < sh; i++) {
            for (int j = 0; j < sw; j++) {
                for (int ty = 0; ty < 3; ty++) {
                    for (int tx = 0; tx < 3; tx++) {
                        kernel[ty][tx][0][i * sw + j] = (float) (tapsH[i][ty] * tapsW[j][tx]);
                    }
                }
            }
        }
        SDVariable w = sd.constant(Nd4j.createFromArray(kernel));
        Conv2DConfig cfg = Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1).pH(0).pW(0).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build();
        SDVariable phased = sd.cnn().conv2d(padded, w, cfg); // [N*C, sh*sw, H, W]
        SDVariable six = sd.reshape(phased, sd.concat(0, d.n, longs(sd, -1, sh, sw), d.h, d.w));
        SDVariable perm = sd.permute(six, 0, 1, 4, 2, 5, 3);
        return sd.reshape(perm, sd.concat(0, d.n, longs(sd, -1), d.h.mul(longs(sd, sh)), d.w.mul(longs(sd, sw))));
    }

    /** A rank-1 int64 constant. */
    static SDVariable longs(SameDiff sd, long... v) {
        return sd.constant(Nd4j.createFromArray(v));
    }

    /** The run-time N, H and W of an NCHW tensor, each as a rank-1 int64 vector of length 1. */
    private record Dims(SDVariable n, SDVariable h, SDVariable w) {
        static Dims of(SameDiff sd, SDVariable x) {
            SDVariable shape = sd.shape(x);
            return new Dims(sd.slice(shape, new int[] {0}, 1), sd.slice(shape, new int[] {2}, 1),
                    sd.slice(shape, new int[] {3}, 1));
        }
    }
}
