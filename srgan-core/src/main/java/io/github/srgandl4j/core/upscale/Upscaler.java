package io.github.srgandl4j.core.upscale;

import io.github.srgandl4j.core.image.BackProjection;
import io.github.srgandl4j.core.image.BicubicResize;
import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.image.SuperResolver;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * Upscales images of any size with a super-resolution model, tile by tile.
 *
 * <ul>
 *   <li>RGB images go through the model in tiles ({@link TilingOptions}); the result is stitched
 *       without seams and memory is bounded by the tile size. At the image border each tile is
 *       padded by reflecting the image ({@code tilePad} LR pixels), so flat areas stay flat up to
 *       the edge.</li>
 *   <li>{@link #upscale(ImageSource, RowSink)} streams: the input is read and the output handed
 *       on one row of tiles at a time, for images whose output does not fit in memory.</li>
 *   <li>Grey images are replicated to RGB, upscaled, and returned grey (BT.601 luma of the output).</li>
 *   <li>Each tile's output is back-projected onto its input, once by default
 *       ({@link Builder#optBackProjection}; 0 gives the network's own output), which removes low-frequency errors
 *       such as a brightness offset.</li>
 *   <li>Optionally each tile goes through the network 8 times, flipped and transposed, and the outputs are
 *       averaged ({@link Builder#optSelfEnsemble}).</li>
 *   <li>An alpha channel is upscaled separately by the {@link PlaneResizer} (bicubic by default)
 *       and reattached.</li>
 *   <li>The source bit depth is kept: 16-bit input is processed in float and can be written as
 *       16-bit; 8-bit output is rounded and clamped when written.</li>
 * </ul>
 *
 * <p>Not thread-safe (the model's graph is shared); use one per thread.
 *
 * <p>Ownership: the upscaler borrows the model and holds nothing to release itself; whoever loaded
 * the model closes it (usually in a try-with-resources around the model), after which this
 * upscaler fails with {@link IllegalStateException}. Memory left by each tile's forward pass is
 * reclaimed by the upscaler itself (a collection after each tile, at most once per second), so
 * callers need not request one.
 */
public final class Upscaler implements StreamingSuperResolver {
    /** Output rows per band handed to a {@link RowSink}: small, so that each band's copy is cheap. */
    static final int SINK_ROWS = 32;
    /** LR rows of context around each band of alpha: more than bicubic's reach of 2 pixels. */
    static final int ALPHA_CONTEXT = 4;

    private final SuperResolutionModel model;
    private final TilingOptions tiling;
    private final PlaneResizer alphaResizer;
    private final IntConsumer progress;
    private final int backProjection;
    private final boolean selfEnsemble;

    private Upscaler(Builder b) {
        this.model = b.model;
        this.tiling = b.tiling;
        this.alphaResizer = b.alphaResizer;
        this.progress = b.progress;
        this.backProjection = b.backProjection;
        this.selfEnsemble = b.selfEnsemble;
    }

    /** An upscaler with default tiling. */
    public static Upscaler of(SuperResolutionModel model) {
        return builder(model).build();
    }

    public static Builder builder(SuperResolutionModel model) {
        return new Builder(model);
    }

    public SuperResolutionModel model() {
        return model;
    }

    public TilingOptions tiling() {
        return tiling;
    }

    /** Iterations of {@link BackProjection} applied to each tile's output (0: none, the network's own output). */
    public int backProjection() {
        return backProjection;
    }

    @Override
    public int scale() {
        return model.scale();
    }

    /** Whether each tile's output is the geometric self-ensemble of 8 passes ({@link Builder#optSelfEnsemble}). */
    public boolean selfEnsemble() {
        return selfEnsemble;
    }

    @Override
    public String name() {
        return label(model.name(), selfEnsemble, backProjection);
    }

    /**
     * How an upscaler of model {@code name} is named: {@code +x8} for the self-ensemble, then
     * {@link BackProjection#label}'s {@code +bpN} (e.g. {@code srresnet+x8+bp1}).
     */
    public static String label(String name, boolean selfEnsemble, int backProjection) {
        return BackProjection.label(selfEnsemble ? name + "+x8" : name, backProjection);
    }

    /** Number of tiles an image of this size is cut into. */
    public int tileCount(int width, int height) {
        return TiledInference.tileCount(tiling, width, height);
    }

    /**
     * The whole upscaled image in memory.
     *
     * @throws IllegalArgumentException if the output has more samples than one Java array holds
     *     (use {@link #upscale(ImageSource, RowSink)})
     * @throws NonFiniteOutputException if the model outputs NaN or an infinity
     */
    @Override
    public ImageData upscale(ImageData lr) {
        Objects.requireNonNull(lr, "lr");
        int s = model.scale();
        long ow = (long) lr.width() * s;
        long oh = (long) lr.height() * s;
        if (ow * oh * lr.channels() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the %dx%d output of a %dx%d image is "
                    + "too large for one in-memory image; stream it with upscale(ImageSource, RowSink) (srgan upscale "
                    + "does)", ow, oh, lr.width(), lr.height()));
        }
        int plane = (int) (ow * oh);
        float[] px = new float[lr.channels() * plane];
        float[] alpha = lr.hasAlpha() ? new float[plane] : null;
        int[] row = {0};
        try {
            upscale(ImageSource.of(lr), band -> {
                int n = band.width() * band.height();
                int at = row[0] * (int) ow;
                for (int c = 0; c < band.channels(); c++) {
                    System.arraycopy(band.plane(c), 0, px, c * plane + at, n);
                }
                if (alpha != null) {
                    System.arraycopy(band.alpha(), 0, alpha, at, n);
                }
                row[0] += band.height();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the sink above does no I/O
        }
        return ImageData.of((int) ow, (int) oh, lr.channels(), px, alpha, lr.bitDepth());
    }

    /**
     * Streams: reads {@code source} one row of tiles at a time and hands the output on in bands
     * of at most {@value #SINK_ROWS} rows. Memory: one band of input rows as floats, one row of
     * tiles of output as floats ({@code 12 * width * scale * tileSize * scale} bytes), one tile in
     * the network.
     *
     * @throws NonFiniteOutputException if the model outputs NaN or an infinity (before the band
     *     holding it reaches the sink)
     */
    @Override
    public void upscale(ImageSource source, RowSink sink) throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
        int w = source.width();
        int h = source.height();
        int s = model.scale();
        int ow = w * s;
        boolean gray = source.channels() == 1;
        TiledInference.RgbRows rows = (y0, y1) -> {
            ImageData band = source.rows(y0, y1);
            return gray ? band.toRgb().pixels() : band.pixels();
        };
        TiledInference.run(model, tiling, backProjection, selfEnsemble, rows, w, h, progress, (rgb, oy0, outRows) -> {
            float[] alphaRows = source.hasAlpha() ? alphaBand(source, oy0 / s, (oy0 + outRows) / s) : null;
            int plane = ow * outRows;
            for (int r0 = 0; r0 < outRows; r0 += SINK_ROWS) {
                int n = Math.min(SINK_ROWS, outRows - r0);
                int chunk = ow * n;
                float[] px = new float[source.channels() * chunk];
                if (gray) {
                    for (int i = 0; i < chunk; i++) {
                        int p = r0 * ow + i;
                        px[i] = (float) (0.299 * rgb[p] + 0.587 * rgb[plane + p] + 0.114 * rgb[2 * plane + p]);
                    }
                } else {
                    for (int c = 0; c < 3; c++) {
                        System.arraycopy(rgb, c * plane + r0 * ow, px, c * chunk, chunk);
                    }
                }
                float[] a = null;
                if (alphaRows != null) {
                    a = new float[chunk];
                    System.arraycopy(alphaRows, r0 * ow, a, 0, chunk);
                }
                sink.accept(ImageData.of(ow, n, source.channels(), px, a, source.bitDepth()));
            }
        });
    }

    /** The upscaled alpha of LR rows {@code [y0, y1)}, resized with {@value #ALPHA_CONTEXT} rows of context. */
    private float[] alphaBand(ImageSource source, int y0, int y1) {
        int w = source.width();
        int s = model.scale();
        int a0 = Math.max(0, y0 - ALPHA_CONTEXT);
        int a1 = Math.min(source.height(), y1 + ALPHA_CONTEXT);
        float[] up = alphaResizer.upscale(source.rows(a0, a1).alpha(), w, a1 - a0, s);
        float[] out = new float[w * s * (y1 - y0) * s];
        System.arraycopy(up, (y0 - a0) * s * w * s, out, 0, out.length);
        return out;
    }

    /**
     * Upscales a {@code BufferedImage} (any type ImageData reads) into a standard type of the same
     * kind: {@code TYPE_INT_RGB} for colour, {@code TYPE_INT_ARGB} with alpha, {@code TYPE_BYTE_GRAY}
     * (or {@code TYPE_USHORT_GRAY} for 16-bit) for grey; see {@link ImageData#toStandardBufferedImage()}.
     */
    public BufferedImage upscale(BufferedImage lr) {
        return upscale(ImageData.fromBufferedImage(lr)).toStandardBufferedImage();
    }

    /** Builder: the model is required, everything else optional. */
    public static final class Builder {
        private final SuperResolutionModel model;
        private TilingOptions tiling = TilingOptions.defaults();
        private PlaneResizer alphaResizer = BicubicResize::upscalePlane;
        private IntConsumer progress;
        private int backProjection = BackProjection.DEFAULT_ITERATIONS;
        private boolean selfEnsemble;

        private Builder(SuperResolutionModel model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        public Builder optTiling(TilingOptions t) {
            this.tiling = Objects.requireNonNull(t);
            return this;
        }

        public Builder optAlphaResizer(PlaneResizer r) {
            this.alphaResizer = Objects.requireNonNull(r);
            return this;
        }

        /**
         * Iterations of {@link BackProjection} (0 to {@value BackProjection#MAX_ITERATIONS}; default
         * {@value BackProjection#DEFAULT_ITERATIONS}; 0 for the network's own output): each
         * tile's output is corrected so that, downscaled with MATLAB's bicubic, it matches the input tile. This
         * removes the network's low-frequency errors, such as a brightness offset on flat areas, and keeps its
         * detail (docs/upscaling.md, "Back-projection"). The upscaler's {@link #name()} gets {@code +bpN}.
         */
        public Builder optBackProjection(int iterations) {
            this.backProjection = BackProjection.checkIterations(iterations);
            return this;
        }

        /**
         * Geometric self-ensemble (default off): each tile goes through the network 8 times, flipped and transposed,
         * and the outputs, mapped back, are averaged before back-projection (EDSR's "+" results): usually a little
         * more PSNR for 8 times the network's work (docs/upscaling.md). The upscaler's {@link #name()} gets
         * {@code +x8}.
         */
        public Builder optSelfEnsemble(boolean on) {
            this.selfEnsemble = on;
            return this;
        }

        /** Called with the number of tiles finished, after each tile. */
        public Builder optProgress(IntConsumer p) {
            this.progress = p;
            return this;
        }

        public Upscaler build() {
            return new Upscaler(this);
        }
    }
}
