package io.github.srgandl4j.data.io;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * Converts the raw 4-channel samples of a CMYK or YCCK JPEG (as javax.imageio's
 * {@code readRaster} returns them: no colour conversion) to 8-bit sRGB.
 *
 * <ul>
 *   <li>Without an Adobe APP14 marker the samples are ink amounts (0 = no ink).</li>
 *   <li>With an Adobe marker (Photoshop, PIL, libjpeg with Adobe's convention) the samples are
 *       stored inverted (255 = no ink); with its transform 2 (YCCK) the first three are YCbCr of
 *       the inverted C, M, Y, converted back with the JFIF equations as libjpeg does.</li>
 *   <li>CMYK to RGB is the plain device conversion R = (1 - C)(1 - K), G = (1 - M)(1 - K),
 *       B = (1 - Y)(1 - K); an embedded CMYK ICC profile is not applied (that would need the
 *       profile's lookup tables, and colours from print profiles differ from this by a few percent).</li>
 * </ul>
 */
final class CmykJpeg {
    private CmykJpeg() {}

    static BufferedImage toRgb(Raster raw, int adobeTransform) {
        int w = raw.getWidth();
        int h = raw.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        WritableRaster dst = out.getRaster();
        int[] px = new int[4 * w];
        int[] rgb = new int[3 * w];
        boolean adobe = adobeTransform >= 0;
        boolean ycck = adobeTransform == 2;
        for (int y = 0; y < h; y++) {
            raw.getPixels(raw.getMinX(), raw.getMinY() + y, w, 1, px);
            for (int x = 0; x < w; x++) {
                int a = px[4 * x];
                int b = px[4 * x + 1];
                int c = px[4 * x + 2];
                int k = px[4 * x + 3];
                double c1;
                double m1;
                double y1;
                if (ycck) {
                    // libjpeg's ycck_cmyk_convert: C = 255 - R(YCbCr), K unchanged
                    c1 = 255 - clamp(a + 1.402 * (c - 128));
                    m1 = 255 - clamp(a - 0.344136 * (b - 128) - 0.714136 * (c - 128));
                    y1 = 255 - clamp(a + 1.772 * (b - 128));
                } else {
                    c1 = a;
                    m1 = b;
                    y1 = c;
                }
                double k1 = k;
                if (!adobe) { // ink amounts: invert to "amount of paper showing"
                    c1 = 255 - c1;
                    m1 = 255 - m1;
                    y1 = 255 - y1;
                    k1 = 255 - k1;
                }
                rgb[3 * x] = (int) Math.round(c1 * k1 / 255.0);
                rgb[3 * x + 1] = (int) Math.round(m1 * k1 / 255.0);
                rgb[3 * x + 2] = (int) Math.round(y1 * k1 / 255.0);
            }
            dst.setPixels(0, y, w, 1, rgb);
        }
        return out;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }
}
