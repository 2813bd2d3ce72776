package io.github.srgandl4j.core.image;

import java.util.Objects;

/**
 * MATLAB-compatible bicubic {@code imresize} with antialiasing: the classic routine that made the
 * standard super-resolution benchmark LR images, for downscaling and upscaling alike.
 *
 * <p>Semantics (MATLAB {@code imresize(img, scale, 'bicubic')} of the versions that clamp at the
 * border): cubic kernel with a = -0.5; when downscaling the kernel is stretched by {@code 1/scale}
 * (antialiasing); source indices outside the image are clamped to the edge pixel; the image is
 * resized one dimension at a time, the dimension with the smaller scale first (height first when
 * equal); with {@link Rounding#UINT8} the result of each pass is rounded half away from zero and
 * saturated to 0..255. Output size for a scale factor is {@code ceil(in * scale)}.
 *
 * <p>Colour planes and the alpha plane are resized independently. Integer rounding requires
 * samples that are exact 8-bit (or 16-bit) levels, as images read from 8-bit files are; other
 * samples are rounded to the nearest level first.
 */
public final class BicubicResize {
    private BicubicResize() {}

    /** Downscales by an integer factor with MATLAB uint8 semantics: {@code imresize(img, 1/factor)}. */
    public static ImageData downscale(ImageData img, int factor) {
        requireFactor(factor);
        return resize(img, 1.0 / factor, Rounding.UINT8);
    }

    /** Upscales by an integer factor with MATLAB uint8 semantics: {@code imresize(img, factor)}. */
    public static ImageData upscale(ImageData img, int factor) {
        requireFactor(factor);
        return resize(img, factor, Rounding.UINT8);
    }

    /** Resizes by {@code scale} in both dimensions; output {@code ceil(w * scale) x ceil(h * scale)}. */
    public static ImageData resize(ImageData img, double scale, Rounding rounding) {
        Objects.requireNonNull(img, "img");
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
        }
        int outW = outputLength(img.width(), scale);
        int outH = outputLength(img.height(), scale);
        return resize(img, outW, outH, scale, scale, rounding);
    }

    /**
     * Resizes to {@code outW x outH}; the scale of each dimension is {@code out / in}, as MATLAB's
     * {@code imresize(img, [outH outW])}.
     */
    public static ImageData resizeTo(ImageData img, int outW, int outH, Rounding rounding) {
        Objects.requireNonNull(img, "img");
        requireSize(outW, outH);
        return resize(img, outW, outH, (double) outW / img.width(), (double) outH / img.height(), rounding);
    }

    private static ImageData resize(ImageData img, int outW, int outH, double scaleX, double scaleY, Rounding rounding) {
        Objects.requireNonNull(rounding, "rounding");
        requireSize(outW, outH);
        int w = img.width();
        int h = img.height();
        int c = img.channels();
        int on = outW * outH;
        float[] out = new float[c * on];
        for (int ch = 0; ch < c; ch++) {
            float[] plane = resizePlane(img.plane(ch), w, h, outW, outH, scaleX, scaleY, rounding);
            System.arraycopy(plane, 0, out, ch * on, on);
        }
        float[] alpha = img.hasAlpha() ? resizePlane(img.alpha(), w, h, outW, outH, scaleX, scaleY, rounding) : null;
        return ImageData.of(outW, outH, c, out, alpha, img.bitDepth());
    }

    /**
     * Upscales one float plane ({@code h * w}, row-major) by an integer factor with
     * {@link Rounding#NONE}: MATLAB {@code imresize(plane, scale)} on doubles, unclamped (bicubic
     * overshoots slightly at edges; clamp if needed). For alpha planes and other non-image data.
     */
    public static float[] upscalePlane(float[] plane, int w, int h, int scale) {
        requireFactor(scale);
        return resizePlane(plane, w, h, w * scale, h * scale, scale, scale, Rounding.NONE);
    }

    /**
     * Resizes one plane of samples in [0, 1] ({@code h * w}, row-major) to {@code outW x outH}
     * with the given per-dimension scale factors. With integer rounding the samples are first
     * taken to integer levels ({@code round(v * maxLevel)}) and the result is returned as
     * {@code level / maxLevel}.
     */
    public static float[] resizePlane(float[] plane, int w, int h, int outW, int outH, double scaleX, double scaleY,
            Rounding rounding) {
        Objects.requireNonNull(plane, "plane");
        if (plane.length != (long) w * h) {
            throw new IllegalArgumentException("plane has " + plane.length + " samples, expected " + w + "x" + h);
        }
        requireSize(outW, outH);
        int max = rounding.maxLevel();
        double[] src = new double[plane.length];
        for (int i = 0; i < plane.length; i++) {
            src[i] = max == 0 ? plane[i] : toLevel(plane[i], max);
        }
        Contributions cy = Contributions.of(h, outH, scaleY, true);
        Contributions cx = Contributions.of(w, outW, scaleX, true);
        double[] res;
        if (scaleX < scaleY) {
            double[] tmp = resizeWidth(src, w, h, cx, max);
            res = resizeHeight(tmp, outW, h, cy, max);
        } else {
            double[] tmp = resizeHeight(src, w, h, cy, max);
            res = resizeWidth(tmp, w, outH, cx, max);
        }
        float[] out = new float[res.length];
        for (int i = 0; i < res.length; i++) {
            out[i] = max == 0 ? (float) res[i] : (float) (res[i] / max);
        }
        return out;
    }

    /** Output length of MATLAB's imresize for a scale factor: {@code ceil(in * scale)}. */
    public static int outputLength(int in, double scale) {
        double v = Math.ceil(in * scale);
        if (v < 1 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("resizing " + in + " pixels by " + scale + " gives " + v + " pixels");
        }
        return (int) v;
    }

    private static double[] resizeHeight(double[] src, int w, int h, Contributions c, int max) {
        int outH = c.outLength;
        double[] dst = new double[w * outH];
        int taps = c.taps;
        for (int y = 0; y < outH; y++) {
            int base = y * taps;
            for (int x = 0; x < w; x++) {
                double sum = 0;
                for (int k = 0; k < taps; k++) {
                    sum += c.weights[base + k] * src[c.indices[base + k] * w + x];
                }
                dst[y * w + x] = max == 0 ? sum : roundSaturate(sum, max);
            }
        }
        return dst;
    }

    private static double[] resizeWidth(double[] src, int w, int h, Contributions c, int max) {
        int outW = c.outLength;
        double[] dst = new double[outW * h];
        int taps = c.taps;
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < outW; x++) {
                int base = x * taps;
                double sum = 0;
                for (int k = 0; k < taps; k++) {
                    sum += c.weights[base + k] * src[row + c.indices[base + k]];
                }
                dst[y * outW + x] = max == 0 ? sum : roundSaturate(sum, max);
            }
        }
        return dst;
    }

    /** Round half away from zero, then saturate to 0..max (MATLAB's conversion to uint8/uint16). */
    static double roundSaturate(double v, int max) {
        if (!(v > 0)) {
            return 0;
        }
        double r = Math.floor(v);
        if (v - r >= 0.5) {
            r += 1;
        }
        return r > max ? max : r;
    }

    private static double toLevel(float v, int max) {
        if (!(v > 0f)) {
            return 0;
        }
        if (v >= 1f) {
            return max;
        }
        return roundSaturate(v * (double) max, max);
    }

    private static void requireFactor(int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("scale factor must be >= 1, got " + factor);
        }
    }

    private static void requireSize(int w, int h) {
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("output size must be positive, got " + w + "x" + h);
        }
    }
}
