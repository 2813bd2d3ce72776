package io.github.srgandl4j.data.resize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.srgandl4j.core.image.BicubicResize;
import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.image.Rounding;
import org.junit.jupiter.api.Test;

/** Mod-crop then MATLAB bicubic, at the source's bit depth. */
class DegradationTest {
    @Test
    void modCropKeepsTheTopLeftMultipleOfTheScale() {
        int[] px = new int[10 * 7];
        for (int i = 0; i < px.length; i++) {
            px[i] = i;
        }
        ImageData img = ImageData.ofUint8(10, 7, 1, px);
        ImageData c = Degradation.modCrop(img, 4);
        assertEquals(8, c.width());
        assertEquals(4, c.height());
        assertEquals(ImageData.toUint8(img.get(0, 3, 7)), ImageData.toUint8(c.get(0, 3, 7)));
        assertEquals(img, Degradation.modCrop(img, 1));
        assertThrows(IllegalArgumentException.class, () -> Degradation.modCrop(img, 8));
        ImageData lr = Degradation.bicubic(img, 4);
        assertEquals(2, lr.width());
        assertEquals(1, lr.height());
        assertArrayEquals(BicubicResize.downscale(c, 4).toUint8(), lr.toUint8());
    }

    @Test
    void sixteenBitSourcesAreDegradedAtSixteenBits() {
        float[] px = new float[16 * 16];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i * 977 % 65536) / 65535f;
        }
        ImageData deep = ImageData.of(16, 16, 1, px, null, 16);
        ImageData lr = Degradation.bicubic(deep, 4);
        assertEquals(16, lr.bitDepth());
        assertArrayEquals(BicubicResize.resize(deep, 0.25, Rounding.UINT16).pixels(), lr.pixels());
    }
}
