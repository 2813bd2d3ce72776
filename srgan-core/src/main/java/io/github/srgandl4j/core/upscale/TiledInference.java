package io.github.srgandl4j.core.upscale;

import io.github.srgandl4j.core.image.BackProjection;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.core.onnx.ValueRange;
import io.github.srgandl4j.core.runtime.NativeMemoryReclaimer;
import java.io.IOException;
import java.util.Locale;
import java.util.function.IntConsumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a model over an RGB image tile by tile and streams the stitched output, one row of tiles at
 * a time.
 *
 * <p>Each tile of {@code tileSize} LR pixels is extended by {@code tilePad} pixels of context on
 * every side: real image pixels inside the image and, beyond its border ({@link
 * TilingOptions.Border#REFLECT}, the default), the image mirrored at the border (reflection without repeating the edge pixel, as numpy's and PyTorch's {@code reflect}
 * padding; Real-ESRGAN's pre-padding). The network therefore never sees its own zero padding
 * within {@code tilePad} LR pixels of the image, which removes the border artefacts a zero-padded
 * pass shows on flat areas. With {@link TilingOptions.Border#ZERO} a border tile gets only the
 * context the image has, and the network pads with zeros as in one pass over the whole image. The
 * output region belonging to the tile is copied into a band of
 * output rows, which is handed on when its row of tiles is done. With {@code tilePad} at least the
 * model's receptive radius the output equals one pass over the whole image reflection-padded by
 * {@code tilePad}. Only one padded tile is in the network at a time, the input is read one band of
 * rows at a time, and the native buffers SameDiff leaves to the garbage collector are reclaimed
 * between tiles ({@link NativeMemoryReclaimer}), so memory is bounded by the tile size and the
 * image width, not the image size.
 */
final class TiledInference {
    private TiledInference() {}

    /** Supplies input rows. */
    interface RgbRows {
        /** Planar RGB in [0, 1] of rows {@code [y0, y1)}, full width: {@code 3 * (y1 - y0) * w}. */
        float[] rows(int y0, int y1);
    }

    /** Receives output rows. */
    interface Bands {
        /**
         * @param rgb planar RGB in [0, 1] (not clamped), {@code 3 * rows * ow}
         * @param y0 first output row
         * @param rows number of output rows
         */
        void accept(float[] rgb, int y0, int rows) throws IOException;
    }

    /**
     * @param progress called with the number of tiles done so far (may be null)
     * @throws NonFiniteOutputException if the model outputs NaN or an infinity
     */
    static void run(SuperResolutionModel model, TilingOptions opts, RgbRows src, int w, int h, IntConsumer progress,
            Bands sink) throws IOException {
        run(model, opts, 0, false, src, w, h, progress, sink);
    }

    /**
     * As {@link #run(SuperResolutionModel, TilingOptions, RgbRows, int, int, IntConsumer, Bands)}, with
     * {@code backProjection} iterations of {@link BackProjection} applied to each padded tile's output (against
     * the padded tile's input) before the tile's own region is cut out of it; with {@code selfEnsemble}, each
     * padded tile's output is the {@link SelfEnsemble} of the model's.
     */
    static void run(SuperResolutionModel model, TilingOptions opts, int backProjection, boolean selfEnsemble, RgbRows src,
            int w, int h, IntConsumer progress, Bands sink) throws IOException {
        BackProjection.checkIterations(backProjection);
        int s = model.scale();
        long owLong = (long) w * s;
        int t = opts.tileSize();
        int pad = opts.tilePad();
        boolean reflect = opts.border() == TilingOptions.Border.REFLECT;
        long bandSamples = 3L * owLong * Math.min(t, h) * s;
        if (owLong > Integer.MAX_VALUE || bandSamples > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a %dx%d image at x%d is too wide for tiles of"
                    + " %d rows (%d output samples per row of tiles); use a smaller tile size", w, h, s, t, bandSamples));
        }
        int ow = (int) owLong;
        ValueRange in = model.inputRange();
        ValueRange outRange = model.outputRange();
        int done = 0;
        NativeMemoryReclaimer reclaimer = new NativeMemoryReclaimer(1000);
        for (int y0 = 0; y0 < h; y0 += t) {
            int y1 = Math.min(h, y0 + t);
            int ey0 = reflect ? y0 - pad : Math.max(0, y0 - pad);
            int th = (reflect ? y1 + pad : Math.min(h, y1 + pad)) - ey0;
            int[] rowIdx = new int[th];
            int ymin = Integer.MAX_VALUE;
            int ymax = -1;
            for (int i = 0; i < th; i++) {
                rowIdx[i] = mirror(ey0 + i, h);
                ymin = Math.min(ymin, rowIdx[i]);
                ymax = Math.max(ymax, rowIdx[i]);
            }
            int bandRows = ymax + 1 - ymin;
            float[] band = src.rows(ymin, ymax + 1);
            int outRows = (y1 - y0) * s;
            float[] out = new float[3 * ow * outRows];
            for (int x0 = 0; x0 < w; x0 += t) {
                int x1 = Math.min(w, x0 + t);
                int ex0 = reflect ? x0 - pad : Math.max(0, x0 - pad);
                int tw = (reflect ? x1 + pad : Math.min(w, x1 + pad)) - ex0;
                int[] colIdx = new int[tw];
                for (int i = 0; i < tw; i++) {
                    colIdx[i] = mirror(ex0 + i, w);
                }
                float[] tile = new float[3 * tw * th];
                float[] tileUnit = backProjection > 0 ? new float[tile.length] : null;
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < th; y++) {
                        int srcRow = (c * bandRows + rowIdx[y] - ymin) * w;
                        int dst = (c * th + y) * tw;
                        for (int x = 0; x < tw; x++) {
                            float u = band[srcRow + colIdx[x]];
                            tile[dst + x] = (float) in.fromUnit(u);
                            if (tileUnit != null) {
                                tileUnit[dst + x] = u;
                            }
                        }
                    }
                }
                float[] sr;
                sr = selfEnsemble ? SelfEnsemble.forward(model, tile, th, tw) : forward(model, tile, th, tw);
                boolean unit = tileUnit != null;
                if (unit) {
                    backProject(model, sr, tileUnit, tw, th, ex0, ey0, backProjection);
                }
                int stw = tw * s;
                int offY = (y0 - ey0) * s;
                int offX = (x0 - ex0) * s;
                int cols = (x1 - x0) * s;
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < outRows; y++) {
                        int from = (c * th * s + offY + y) * stw + offX;
                        int dst = (c * outRows + y) * ow + x0 * s;
                        for (int x = 0; x < cols; x++) {
                            float v = sr[from + x];
                            if (!Float.isFinite(v)) {
                                throw new NonFiniteOutputException(String.format(Locale.ROOT, "model %s produced a "
                                        + "non-finite value (%s) at output pixel (%d, %d), channel %d; its weights are "
                                        + "probably damaged (NaN); nothing written", model.name(), v, x0 * s + x,
                                        y0 * s + y, c));
                            }
                            out[dst + x] = unit ? v : (float) outRange.toUnit(v);
                        }
                    }
                }
                done++;
                reclaimer.afterWorkUnit();
                if (progress != null) {
                    progress.accept(done);
                }
            }
            sink.accept(out, y0 * s, outRows);
        }
    }

    /**
     * Maps a padded tile's output {@code sr} (th x tw LR pixels, upscaled; the model's range) to [0, 1] and
     * back-projects it onto the tile's input {@code lrUnit} (in [0, 1]), in place. A non-finite value anywhere in the
     * padded tile is refused first, since back-projection would spread it; its position is given in output pixels of
     * the padded image ({@code (ex0, ey0)}: the tile's top-left LR pixel, negative in the reflected border).
     */
    private static void backProject(SuperResolutionModel model, float[] sr, float[] lrUnit, int tw, int th, int ex0,
            int ey0, int iterations) {
        int s = model.scale();
        int stw = tw * s;
        int plane = stw * th * s;
        ValueRange outRange = model.outputRange();
        for (int i = 0; i < sr.length; i++) {
            if (!Float.isFinite(sr[i])) {
                throw new NonFiniteOutputException(String.format(Locale.ROOT, "model %s produced a non-finite value (%s)"
                        + " at output pixel (%d, %d), channel %d (coordinates of the reflection-padded image); its"
                        + " weights are probably damaged (NaN); nothing written", model.name(), sr[i],
                        ex0 * s + i % stw, ey0 * s + i % plane / stw, i / plane));
            }
            sr[i] = (float) outRange.toUnit(sr[i]);
        }
        BackProjection.apply(lrUnit, sr, tw, th, 3, s, iterations);
    }

    /** Index {@code i} reflected into {@code [0, n)} without repeating the edge (…, 2, 1, 0, 1, 2, …). */
    static int mirror(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    /** Number of tiles for an image. */
    static int tileCount(TilingOptions opts, int w, int h) {
        int t = opts.tileSize();
        return ((h + t - 1) / t) * ((w + t - 1) / t);
    }

    /** The model's output on one [3, h, w] tile (C order, in its input range): [3, h * scale, w * scale], C order. */
    static float[] forward(SuperResolutionModel model, float[] tile, int h, int w) {
        try (INDArray input = Nd4j.createFromArray(tile).reshape(1, 3, h, w);
                INDArray output = model.forward(input)) {
            return output.dup('c').data().asFloat();
        }
    }
}
