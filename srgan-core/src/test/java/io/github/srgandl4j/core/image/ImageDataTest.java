package io.github.srgandl4j.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Layout, conversions and rounding of {@link ImageData}, against hand-computed values. */
class ImageDataTest {
    /** 3x2 RGB image, sample (c, y, x) = 100 c + 10 y + x (8-bit levels). */
    static ImageData small() {
        int[] s = new int[18];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 3; x++) {
                    s[(c * 2 + y) * 3 + x] = 100 * c + 10 * y + x;
                }
            }
        }
        return ImageData.ofUint8(3, 2, 3, s);
    }

    @Test
    void planarLayoutAndExactEightBitValues() {
        ImageData img = small();
        assertEquals(212 / 255f, img.get(2, 1, 2));
        assertEquals(101 / 255f, img.get(1, 0, 1));
        assertArrayEquals(new int[] {200, 201, 202, 210, 211, 212}, ImageData.ofUint8(3, 2, 1,
                java.util.Arrays.copyOfRange(img.toUint8(), 12, 18)).toUint8());
        for (int v = 0; v < 256; v++) {
            assertEquals(v, ImageData.toUint8(v / 255f), "8-bit level " + v + " survives the float round trip");
        }
        assertEquals(65535, ImageData.toUint16(1.2f));
        assertEquals(0, ImageData.toUint8(-0.3f));
        assertEquals(0, ImageData.toUint8(Float.NaN));
        assertEquals(255, ImageData.toUint8(7f));
        assertEquals(128, ImageData.toUint8(127.5f / 255f), "half rounds up");
    }

    @Test
    void rejectsInconsistentShapes() {
        assertThrows(IllegalArgumentException.class, () -> ImageData.of(3, 2, 3, new float[17]));
        assertThrows(IllegalArgumentException.class, () -> ImageData.of(3, 2, 2, new float[12]));
        assertThrows(IllegalArgumentException.class, () -> ImageData.of(3, 2, 1, new float[6], new float[5], 8));
        assertThrows(IllegalArgumentException.class, () -> ImageData.ofUint8(1, 1, 1, new int[] {256}));
        assertThrows(IllegalArgumentException.class, () -> ImageData.of(0, 2, 1, new float[0]));
    }

    @Test
    void cropAndRgbAndAlpha() {
        ImageData img = small().withAlpha(new float[] {0, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f});
        ImageData c = img.crop(1, 1, 2, 1);
        assertEquals(2, c.width());
        assertEquals(1, c.height());
        assertArrayEquals(new int[] {11, 12, 111, 112, 211, 212}, c.toUint8());
        assertArrayEquals(new float[] {0.4f, 0.5f}, c.alpha());
        assertThrows(IllegalArgumentException.class, () -> img.crop(2, 0, 2, 1));
        ImageData grey = ImageData.ofUint8(2, 1, 1, new int[] {7, 9});
        assertArrayEquals(new int[] {7, 9, 7, 9, 7, 9}, grey.toRgb().toUint8());
        assertNull(img.withoutAlpha().alpha());
    }

    @Test
    void bufferedImageRoundTripsAtEightAndSixteenBits() {
        ImageData img = small().withAlpha(new float[] {0, 51 / 255f, 1, 1, 1, 1});
        BufferedImage bi = img.toBufferedImage();
        assertTrue(bi.getColorModel().hasAlpha());
        assertEquals(4, bi.getRaster().getNumBands());
        assertArrayEquals(new int[] {12, 112, 212, 255}, bi.getRaster().getPixel(2, 1, (int[]) null));
        assertArrayEquals(new int[] {1, 101, 201, 51}, bi.getRaster().getPixel(1, 0, (int[]) null));
        ImageData back = ImageData.fromBufferedImage(bi);
        assertArrayEquals(img.toUint8(), back.toUint8());
        assertArrayEquals(img.alpha(), back.alpha());

        ImageData deep = ImageData.of(2, 1, 1, new float[] {1000 / 65535f, 65535 / 65535f}, null, 16);
        BufferedImage bi16 = deep.toBufferedImage();
        assertEquals(DataBuffer.TYPE_USHORT, bi16.getRaster().getTransferType());
        assertEquals(1000, bi16.getRaster().getSample(0, 0, 0));
        ImageData deepBack = ImageData.fromBufferedImage(bi16);
        assertEquals(16, deepBack.bitDepth());
        assertEquals(1000, ImageData.toUint16(deepBack.get(0, 0, 0)));
        // written at 8 bits: rounded
        assertEquals(Math.round(1000 / 65535f * 255), deep.toBufferedImage(8).getRaster().getSample(0, 0, 0));
    }

    @Test
    void greyBufferedImagesAreReadWithoutGammaConversion() {
        // TYPE_BYTE_GRAY is linear grey: getRGB would turn 128 into 186; the raster value must be kept
        BufferedImage g = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        g.getRaster().setSample(0, 0, 0, 128);
        ImageData img = ImageData.fromBufferedImage(g);
        assertEquals(1, img.channels());
        assertEquals(128, ImageData.toUint8(img.get(0, 0, 0)));
        assertFalse(img.hasAlpha());
        // packed INT_RGB goes through the colour model
        BufferedImage p = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        p.setRGB(0, 0, 0x102030);
        assertArrayEquals(new int[] {0x10, 0x20, 0x30}, ImageData.fromBufferedImage(p).toUint8());
        // a palette of greys becomes a grey image
        byte[] lut = {0, 100, (byte) 200};
        BufferedImage pal = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(2, 3, lut, lut, lut));
        pal.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {2, 0, 1});
        ImageData pg = ImageData.fromBufferedImage(pal);
        assertEquals(1, pg.channels());
        assertArrayEquals(new int[] {200, 0, 100}, pg.toUint8());
        // grey + alpha component model
        ComponentColorModel ga = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                java.awt.Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        BufferedImage gab = new BufferedImage(ga, ga.createCompatibleWritableRaster(1, 1), false, null);
        gab.getRaster().setPixel(0, 0, new int[] {77, 33});
        ImageData gai = ImageData.fromBufferedImage(gab);
        assertEquals(1, gai.channels());
        assertEquals(77, ImageData.toUint8(gai.get(0, 0, 0)));
        assertEquals(33, ImageData.toUint8(gai.alphaAt(0, 0)));
    }

    @Test
    void nchwConversionKeepsPlanarOrder() {
        ImageData img = small();
        try (INDArray a = img.toNchw()) {
            assertArrayEquals(new long[] {1, 3, 2, 3}, a.shape());
            assertEquals(DataType.FLOAT, a.dataType());
            assertEquals(112 / 255f, a.getFloat(0, 1, 1, 2));
            ImageData back = ImageData.fromNchw(a);
            assertArrayEquals(img.toUint8(), back.toUint8());
        }
        // a non-contiguous view (every other channel of a 1x6x2x3 array) converts correctly
        INDArray six = Nd4j.arange(36).castTo(DataType.FLOAT).reshape(1, 6, 2, 3);
        INDArray view = six.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2, 6), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        ImageData v = ImageData.fromNchw(view);
        assertEquals(3, v.channels());
        assertEquals(12f, v.get(1, 0, 0)); // channel 2 of the source starts at 12
        assertEquals(29f, v.get(2, 1, 2)); // channel 4, row 1, col 2: 24 + 3 + 2
        assertThrows(IllegalArgumentException.class, () -> ImageData.fromNchw(Nd4j.zeros(2, 3, 4, 4)));
    }

    @Test
    void superResolverFromLambda() {
        SuperResolver r = SuperResolver.of("twice", 2, lr -> ImageData.of(lr.width() * 2, lr.height() * 2,
                lr.channels(), new float[lr.channels() * lr.width() * lr.height() * 4]));
        assertEquals("twice", r.name());
        assertEquals(2, r.scale());
        assertEquals(6, r.upscale(small()).width());
        assertThrows(IllegalArgumentException.class, () -> SuperResolver.of("x", 0, lr -> lr));
    }

    @Test
    void standardBufferedImageTypesCarryTheSamples() {
        BufferedImage rgb = small().toStandardBufferedImage();
        assertEquals(BufferedImage.TYPE_INT_RGB, rgb.getType());
        assertEquals(0xFF0C70D4, rgb.getRGB(2, 1), "R 12, G 112, B 212");
        assertEquals(0xFF0165C9, rgb.getRGB(1, 0), "R 1, G 101, B 201");

        BufferedImage argb = small().withAlpha(new float[] {0, 51 / 255f, 1, 1, 1, 1}).toStandardBufferedImage();
        assertEquals(BufferedImage.TYPE_INT_ARGB, argb.getType());
        assertEquals(0x330165C9, argb.getRGB(1, 0), "alpha 51 kept, colour not premultiplied");

        ImageData grey = ImageData.ofUint8(2, 1, 1, new int[] {7, 128});
        BufferedImage g8 = grey.toStandardBufferedImage();
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, g8.getType());
        assertEquals(128, g8.getRaster().getSample(1, 0, 0), "raster value, no gamma conversion");
        assertArrayEquals(grey.toUint8(), ImageData.fromBufferedImage(g8).toUint8());

        BufferedImage g16 = ImageData.of(2, 1, 1, new float[] {1000 / 65535f, 1}, null, 16).toStandardBufferedImage();
        assertEquals(BufferedImage.TYPE_USHORT_GRAY, g16.getType());
        assertEquals(1000, g16.getRaster().getSample(0, 0, 0));

        BufferedImage greyAlpha = grey.withAlpha(new float[] {1, 0}).toStandardBufferedImage();
        assertEquals(BufferedImage.TYPE_INT_ARGB, greyAlpha.getType());
        assertEquals(0xFF070707, greyAlpha.getRGB(0, 0));
        assertEquals(0x00808080, greyAlpha.getRGB(1, 0));
    }
}
