package io.github.srgandl4j.data.resize;

import io.github.srgandl4j.core.image.BicubicResize;
import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.image.Rounding;

/**
 * The standard way LR images are made from HR ones: crop the HR image to a multiple of the scale
 * (top-left part, MATLAB {@code modcrop}), then bicubic-downscale it with MATLAB uint8 semantics.
 */
public final class Degradation {
    private Degradation() {}

    /** The top-left part of {@code img} whose sides are multiples of {@code scale}. */
    public static ImageData modCrop(ImageData img, int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be >= 1, got " + scale);
        }
        int w = img.width() - img.width() % scale;
        int h = img.height() - img.height() % scale;
        if (w == 0 || h == 0) {
            throw new IllegalArgumentException("a " + img.width() + "x" + img.height() + " image is smaller than the scale "
                    + scale);
        }
        return w == img.width() && h == img.height() ? img : img.crop(0, 0, w, h);
    }

    /** The bicubic LR image of {@code hr}: {@code imresize(modcrop(hr, scale), 1/scale)}. */
    public static ImageData bicubic(ImageData hr, int scale) {
        ImageData cropped = modCrop(hr, scale);
        return BicubicResize.resize(cropped, 1.0 / scale, Rounding.forBitDepth(cropped.bitDepth()));
    }
}
