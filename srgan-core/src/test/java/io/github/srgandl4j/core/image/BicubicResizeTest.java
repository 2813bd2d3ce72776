package io.github.srgandl4j.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link BicubicResize} against values computed by hand from MATLAB's formulas. */
class BicubicResizeTest {
    @Test
    void cubicKernelValues() {
        assertEquals(1.0, Contributions.cubic(0), 0);
        assertEquals(0.0, Contributions.cubic(1), 0);
        assertEquals(0.0, Contributions.cubic(2), 0);
        assertEquals(0.0, Contributions.cubic(2.5), 0);
        assertEquals(0.5625, Contributions.cubic(0.5), 1e-15); // 1.5/8 - 2.5/4 + 1
        assertEquals(-0.0625, Contributions.cubic(-1.5), 1e-15); // -0.5*3.375 + 2.5*2.25 - 6 + 2
    }

    @Test
    void upscaleFirstSampleByHand() {
        // output 1 of x4: u = 0.625, taps at -2..3 (clamped to 1,1,1,1,2,3), weights
        // 0, -0.0439453125, 0.3896484375, 0.7275390625, -0.0732421875, 0
        float[] out = BicubicResize.resizePlane(new float[] {10, 20, 40, 80}, 4, 1, 16, 4, 4, 4, Rounding.NONE);
        assertEquals(10 * 1.0732421875 - 20 * 0.0732421875, out[0], 1e-5);
        // output 3: u = 1.125, left = -1: taps -1..4 -> d = 2.125, 1.125, 0.125, -0.875, -1.875, -2.875
        double w1 = Contributions.cubic(1.125);
        double w2 = Contributions.cubic(0.125);
        double w3 = Contributions.cubic(0.875);
        double w4 = Contributions.cubic(1.875);
        assertEquals(10 * (w1 + w2) + 20 * w3 + 40 * w4, out[2], 1e-5);
        assertArrayEquals(out, BicubicResize.upscalePlane(new float[] {10, 20, 40, 80}, 4, 1, 4));
        // every output row of a 1-row image is the same
        for (int y = 1; y < 4; y++) {
            for (int x = 0; x < 16; x++) {
                assertEquals(out[x], out[y * 16 + x], 1e-5);
            }
        }
    }

    @Test
    void uint8RoundingHalfAwayFromZeroAndSaturation() {
        assertEquals(3, BicubicResize.roundSaturate(2.5, 255));
        assertEquals(2, BicubicResize.roundSaturate(2.4999999999999996, 255));
        assertEquals(0, BicubicResize.roundSaturate(-7, 255));
        assertEquals(255, BicubicResize.roundSaturate(300.2, 255));
        // overshoot at a hard edge is clamped in UINT8 mode, kept in NONE mode
        ImageData edge = ImageData.ofUint8(8, 1, 1, new int[] {0, 0, 0, 0, 255, 255, 255, 255});
        ImageData up = BicubicResize.upscale(edge, 4);
        ImageData upFloat = BicubicResize.resize(edge, 4, Rounding.NONE);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : upFloat.pixels()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertTrue(min < 0 && max > 1, "bicubic overshoots in float mode: " + min + ".." + max);
        for (int v : up.toUint8()) {
            assertTrue(v >= 0 && v <= 255);
        }
    }

    @Test
    void constantImagesStayConstantAndSizesFollowMatlab() {
        int[] px = new int[3 * 30 * 21];
        java.util.Arrays.fill(px, 77);
        ImageData c = ImageData.ofUint8(30, 21, 3, px);
        ImageData d = BicubicResize.downscale(c, 4);
        assertEquals(8, d.width()); // ceil(30 / 4)
        assertEquals(6, d.height()); // ceil(21 / 4)
        for (int v : d.toUint8()) {
            assertEquals(77, v);
        }
        ImageData u = BicubicResize.upscale(c, 3);
        assertEquals(90, u.width());
        assertEquals(63, u.height());
        assertThrows(IllegalArgumentException.class, () -> BicubicResize.downscale(c, 0));
    }

    @Test
    void resizeToOneDimensionOnlyLeavesTheOtherUntouched() {
        int[] px = new int[16 * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i * 37) % 256;
        }
        ImageData img = ImageData.ofUint8(16, 3, 1, px);
        ImageData narrow = BicubicResize.resizeTo(img, 4, 3, Rounding.UINT8);
        // each row alone, as a 16x1 image, gives the same row
        for (int y = 0; y < 3; y++) {
            ImageData row = BicubicResize.downscale(img.crop(0, y, 16, 1), 4);
            assertArrayEquals(row.toUint8(), narrow.crop(0, y, 4, 1).toUint8(), "row " + y);
        }
    }

    @Test
    void sixteenBitImagesAreRoundedToSixteenBitLevels() {
        float[] px = new float[16 * 16];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i * 977 % 65536) / 65535f;
        }
        ImageData deep = ImageData.of(16, 16, 1, px, null, 16);
        ImageData lr = BicubicResize.resize(deep, 0.25, Rounding.forBitDepth(deep.bitDepth()));
        assertEquals(16, lr.bitDepth());
        float[] out = lr.pixels();
        boolean finerThan8Bit = false;
        for (float v : out) {
            double level = v * 65535.0;
            assertEquals(Math.rint(level), level, 0.01, "integer 16-bit level (float precision)");
            finerThan8Bit |= Math.rint(level) % 257 != 0;
        }
        assertTrue(finerThan8Bit, "values are not just 8-bit levels");
        // and not the same as 8-bit rounding
        assertTrue(!java.util.Arrays.equals(BicubicResize.resize(deep, 0.25, Rounding.UINT8).pixels(), out));
    }

    @Test
    void alphaIsResizedLikeAColourPlane() {
        ImageData grey = ImageData.ofUint8(8, 8, 1, ramp(64));
        ImageData withAlpha = grey.withAlpha(grey.pixels());
        ImageData out = BicubicResize.downscale(withAlpha, 2);
        assertArrayEquals(out.pixels(), out.alpha());
    }

    private static int[] ramp(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i * 4;
        }
        return r;
    }
}
