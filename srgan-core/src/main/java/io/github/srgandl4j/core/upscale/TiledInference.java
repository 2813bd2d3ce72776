package io.github.srgandl4j.core.upscale;

import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.core.onnx.ValueRange;
import io.github.srgandl4j.core.runtime.NativeMemoryReclaimer;
import java.util.function.IntConsumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a model over an RGB image tile by tile and stitches the outputs.
 *
 * <p>Each tile of {@code tileSize} LR pixels is extended by {@code tilePad} pixels of real image
 * context on every side (less at the image border, where the network sees its own zero padding,
 * exactly as in a whole-image pass), run through the model, and the output region that belongs to
 * the tile is copied into the result. Only one padded tile is in the network at a time, and the
 * native buffers SameDiff leaves to the garbage collector are reclaimed between tiles
 * ({@link NativeMemoryReclaimer}), so memory is bounded by the tile size, not the image size.
 */
final class TiledInference {
    private TiledInference() {}

    /**
     * @param rgb planar RGB in [0, 1], {@code 3 * h * w}
     * @param progress called with the number of tiles done so far (may be null)
     * @return planar RGB in [0, 1] (not clamped), {@code 3 * (h*s) * (w*s)}
     */
    static float[] run(SuperResolutionModel model, TilingOptions opts, float[] rgb, int w, int h, IntConsumer progress) {
        int s = model.scale();
        int ow = w * s;
        int oh = h * s;
        float[] out = new float[3 * ow * oh];
        ValueRange in = model.inputRange();
        ValueRange outRange = model.outputRange();
        int t = opts.tileSize();
        int pad = opts.tilePad();
        int done = 0;
        NativeMemoryReclaimer reclaimer = new NativeMemoryReclaimer(1000);
        for (int y0 = 0; y0 < h; y0 += t) {
            for (int x0 = 0; x0 < w; x0 += t) {
                int y1 = Math.min(h, y0 + t);
                int x1 = Math.min(w, x0 + t);
                int ey0 = Math.max(0, y0 - pad);
                int ex0 = Math.max(0, x0 - pad);
                int ey1 = Math.min(h, y1 + pad);
                int ex1 = Math.min(w, x1 + pad);
                int tw = ex1 - ex0;
                int th = ey1 - ey0;
                float[] tile = new float[3 * tw * th];
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < th; y++) {
                        int src = (c * h + ey0 + y) * w + ex0;
                        int dst = (c * th + y) * tw;
                        for (int x = 0; x < tw; x++) {
                            tile[dst + x] = (float) in.fromUnit(rgb[src + x]);
                        }
                    }
                }
                float[] sr;
                try (INDArray input = Nd4j.createFromArray(tile).reshape(1, 3, th, tw);
                        INDArray output = model.forward(input)) {
                    sr = output.dup('c').data().asFloat();
                }
                int stw = tw * s;
                int oy = (y0 - ey0) * s;
                int ox = (x0 - ex0) * s;
                int rows = (y1 - y0) * s;
                int cols = (x1 - x0) * s;
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < rows; y++) {
                        int src = (c * th * s + oy + y) * stw + ox;
                        int dst = (c * oh + y0 * s + y) * ow + x0 * s;
                        for (int x = 0; x < cols; x++) {
                            out[dst + x] = (float) outRange.toUnit(sr[src + x]);
                        }
                    }
                }
                done++;
                reclaimer.afterWorkUnit();
                if (progress != null) {
                    progress.accept(done);
                }
            }
        }
        return out;
    }

    /** Number of tiles for an image. */
    static int tileCount(TilingOptions opts, int w, int h) {
        int t = opts.tileSize();
        return ((h + t - 1) / t) * ((w + t - 1) / t);
    }
}
