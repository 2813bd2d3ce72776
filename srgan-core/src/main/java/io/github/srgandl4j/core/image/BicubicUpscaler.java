package io.github.srgandl4j.core.image;

/**
 * Plain bicubic interpolation as a {@link SuperResolver}: MATLAB {@code imresize(lr, scale)},
 * rounded to the image's bit depth after each pass (the baseline of the SR literature).
 */
public final class BicubicUpscaler implements SuperResolver {
    private final int scale;

    public BicubicUpscaler(int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be >= 1, got " + scale);
        }
        this.scale = scale;
    }

    @Override
    public ImageData upscale(ImageData lr) {
        return BicubicResize.resize(lr, scale, Rounding.forBitDepth(lr.bitDepth()));
    }

    @Override
    public int scale() {
        return scale;
    }

    @Override
    public String name() {
        return "bicubic";
    }
}
