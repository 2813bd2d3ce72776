package io.github.srgandl4j.core.onnx;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** SameDiff building blocks on channels-last (NHWC) tensors with run-time batch, height and width. */
final class NhwcOps {
    private NhwcOps() {}

    /**
     * DepthToSpace in CRD order (PyTorch PixelShuffle) on NHWC:
     * {@code out[n, h*r + i, w*r + j, c] = in[n, h, w, c*r*r + i*r + j]}.
     * Reshape [N, H, W, C, r, r], permute to [N, H, r, W, r, C], reshape [N, H*r, W*r, C].
     */
    static SDVariable depthToSpaceCrd(SameDiff sd, SDVariable x, int r) {
        SDVariable shape = sd.shape(x);
        SDVariable n = sd.slice(shape, new int[] {0}, 1);
        SDVariable h = sd.slice(shape, new int[] {1}, 1);
        SDVariable w = sd.slice(shape, new int[] {2}, 1);
        SDVariable six = sd.reshape(x, sd.concat(0, n, h, w, NchwOps.longs(sd, -1, r, r)));
        SDVariable perm = sd.permute(six, 0, 1, 4, 2, 5, 3);
        SDVariable rr = NchwOps.longs(sd, r);
        return sd.reshape(perm, sd.concat(0, n, h.mul(rr), w.mul(rr), NchwOps.longs(sd, -1)));
    }
}
