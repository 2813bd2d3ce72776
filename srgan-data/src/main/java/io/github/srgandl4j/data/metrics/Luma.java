package io.github.srgandl4j.data.metrics;

import io.github.srgandl4j.core.image.ImageData;

/**
 * The channel that PSNR and SSIM are computed on, in the 0..255 range: for RGB images the BT.601
 * luma of MATLAB's {@code rgb2ycbcr}, {@code Y = 16 + (65.481 R + 128.553 G + 24.966 B) / 255}
 * with R, G, B in 0..255; for grey images the grey value itself.
 */
public final class Luma {
    private Luma() {}

    /**
     * The Y (or grey) plane of {@code img}, row-major, as doubles in the 0..255 range. With
     * {@link LumaMode#UINT8} samples are first quantised to 8 bits (as if the image were saved as
     * an 8-bit file) and Y is rounded to an integer; with {@link LumaMode#FLOAT} samples are only
     * clamped to [0, 1].
     */
    public static double[] of(ImageData img, LumaMode mode) {
        int n = img.width() * img.height();
        double[] y = new double[n];
        float[] px = img.pixels();
        boolean round = mode == LumaMode.UINT8;
        if (img.channels() == 1) {
            for (int i = 0; i < n; i++) {
                y[i] = round ? ImageData.toUint8(px[i]) : clamp(px[i]) * 255.0;
            }
            return y;
        }
        for (int i = 0; i < n; i++) {
            double r;
            double g;
            double b;
            if (round) {
                r = ImageData.toUint8(px[i]);
                g = ImageData.toUint8(px[n + i]);
                b = ImageData.toUint8(px[2 * n + i]);
            } else {
                r = clamp(px[i]) * 255.0;
                g = clamp(px[n + i]) * 255.0;
                b = clamp(px[2 * n + i]) * 255.0;
            }
            double v = 16.0 + (65.481 * r + 128.553 * g + 24.966 * b) / 255.0;
            y[i] = round ? roundHalfAway(v) : v;
        }
        return y;
    }

    /**
     * The grey level of an RGB image scored against a grey ground truth: BT.601 luma on the
     * full 0..255 range, {@code 0.299 R + 0.587 G + 0.114 B}, which is the grey value itself for
     * R = G = B. Rounded with {@link LumaMode#UINT8}.
     */
    public static double[] grayOf(ImageData img, LumaMode mode) {
        if (img.channels() == 1) {
            return of(img, mode);
        }
        int n = img.width() * img.height();
        float[] px = img.pixels();
        double[] y = new double[n];
        boolean round = mode == LumaMode.UINT8;
        for (int i = 0; i < n; i++) {
            double r = round ? ImageData.toUint8(px[i]) : clamp(px[i]) * 255.0;
            double g = round ? ImageData.toUint8(px[n + i]) : clamp(px[n + i]) * 255.0;
            double b = round ? ImageData.toUint8(px[2 * n + i]) : clamp(px[2 * n + i]) * 255.0;
            double v = 0.299 * r + 0.587 * g + 0.114 * b;
            y[i] = round ? roundHalfAway(v) : v;
        }
        return y;
    }

    static double roundHalfAway(double v) {
        double f = Math.floor(v);
        return v - f >= 0.5 ? f + 1 : f;
    }

    private static double clamp(float v) {
        return v > 1f ? 1.0 : v > 0f ? v : 0.0;
    }
}
