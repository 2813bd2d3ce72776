package io.github.srgandl4j.core.upscale;

import io.github.srgandl4j.core.image.BicubicResize;
import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.image.SuperResolver;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * Upscales images of any size with a super-resolution model, tile by tile.
 *
 * <ul>
 *   <li>RGB images go through the model in tiles ({@link TilingOptions}); the result is stitched
 *       without seams and memory is bounded by the tile size.</li>
 *   <li>Grey images are replicated to RGB, upscaled, and returned grey (BT.601 luma of the output).</li>
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
public final class Upscaler implements SuperResolver {
    private final SuperResolutionModel model;
    private final TilingOptions tiling;
    private final PlaneResizer alphaResizer;
    private final IntConsumer progress;

    private Upscaler(Builder b) {
        this.model = b.model;
        this.tiling = b.tiling;
        this.alphaResizer = b.alphaResizer;
        this.progress = b.progress;
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

    @Override
    public int scale() {
        return model.scale();
    }

    @Override
    public String name() {
        return model.name();
    }

    /** Number of tiles an image of this size is cut into. */
    public int tileCount(int width, int height) {
        return TiledInference.tileCount(tiling, width, height);
    }

    @Override
    public ImageData upscale(ImageData lr) {
        Objects.requireNonNull(lr, "lr");
        int w = lr.width();
        int h = lr.height();
        int s = model.scale();
        float[] rgb = lr.isGray() ? lr.toRgb().pixels() : lr.pixels();
        float[] sr = TiledInference.run(model, tiling, rgb, w, h, progress);
        float[] outPixels = lr.isGray() ? luma(sr, w * s * h * s) : sr;
        float[] alpha = null;
        if (lr.hasAlpha()) {
            alpha = alphaResizer.upscale(lr.alpha(), w, h, s);
        }
        return ImageData.of(w * s, h * s, lr.channels(), outPixels, alpha, lr.bitDepth());
    }

    /**
     * Upscales a {@code BufferedImage} (any type ImageData reads) into a standard type of the same
     * kind: {@code TYPE_INT_RGB} for colour, {@code TYPE_INT_ARGB} with alpha, {@code TYPE_BYTE_GRAY}
     * (or {@code TYPE_USHORT_GRAY} for 16-bit) for grey; see {@link ImageData#toStandardBufferedImage()}.
     */
    public BufferedImage upscale(BufferedImage lr) {
        return upscale(ImageData.fromBufferedImage(lr)).toStandardBufferedImage();
    }

    private static float[] luma(float[] rgb, int plane) {
        float[] g = new float[plane];
        for (int i = 0; i < plane; i++) {
            g[i] = (float) (0.299 * rgb[i] + 0.587 * rgb[plane + i] + 0.114 * rgb[2 * plane + i]);
        }
        return g;
    }

    /** Builder: the model is required, everything else optional. */
    public static final class Builder {
        private final SuperResolutionModel model;
        private TilingOptions tiling = TilingOptions.defaults();
        private PlaneResizer alphaResizer = BicubicResize::upscalePlane;
        private IntConsumer progress;

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
