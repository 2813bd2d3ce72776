package io.github.srgandl4j.rate.study;

import io.github.srgandl4j.core.image.ImageData;

/** Nearest-neighbour upscaling by an integer factor: every pixel becomes a {@code scale x scale} block. */
public final class NearestNeighbour {
    private NearestNeighbour() {}

    /** The image {@code scale} times wider and higher, each pixel repeated as a block. */
    public static ImageData upscale(ImageData lr, int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be >= 1, got " + scale);
        }
        int w = lr.width();
        int h = lr.height();
        int c = lr.channels();
        int ow = w * scale;
        int oh = h * scale;
        float[] in = lr.pixels();
        float[] out = new float[c * oh * ow];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < oh; y++) {
                int src = (ch * h + y / scale) * w;
                int dst = (ch * oh + y) * ow;
                for (int x = 0; x < ow; x++) {
                    out[dst + x] = in[src + x / scale];
                }
            }
        }
        float[] alpha = null;
        if (lr.hasAlpha()) {
            float[] a = lr.alpha();
            alpha = new float[oh * ow];
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    alpha[y * ow + x] = a[(y / scale) * w + x / scale];
                }
            }
        }
        return ImageData.of(ow, oh, c, out, alpha, lr.bitDepth());
    }
}
