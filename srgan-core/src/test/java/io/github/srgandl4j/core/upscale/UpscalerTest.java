package io.github.srgandl4j.core.upscale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.model.SrResNetModel;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class UpscalerTest {
    private static final SrResNetConfig SMALL = SrResNetConfig.of(4, 2, 8);

    static ImageData randomRgb(int w, int h, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] p = new float[3 * w * h];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) r.nextDouble();
        }
        return ImageData.of(w, h, 3, p);
    }

    /** The whole image through the model in one pass, mapped from [-1, 1] to [0, 1]. */
    static float[] wholeImage(SrResNetModel m, ImageData img) {
        INDArray out = m.forward(img.toNchw());
        return out.add(1).div(2).dup('c').data().asFloat();
    }

    /** Reflect index i into [0, n) by bouncing off the ends (edge sample not repeated). */
    static int bounce(int i, int n) {
        if (n == 1) {
            return 0;
        }
        while (i < 0 || i >= n) {
            i = i < 0 ? -i : 2 * (n - 1) - i;
        }
        return i;
    }

    /** The RGB samples of {@code img} reflection-padded by {@code pad} on every side (planar). */
    static float[] reflectPadded(ImageData img, int pad) {
        int w = img.width();
        int h = img.height();
        int pw = w + 2 * pad;
        int ph = h + 2 * pad;
        float[] src = img.pixels();
        float[] padded = new float[3 * pw * ph];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < ph; y++) {
                for (int x = 0; x < pw; x++) {
                    padded[(c * ph + y) * pw + x] = src[(c * h + bounce(y - pad, h)) * w + bounce(x - pad, w)];
                }
            }
        }
        return padded;
    }

    /** The image reflection-padded by {@code pad} on every side, through the model in one pass, cropped back. */
    static float[] wholeImageReflected(SrResNetModel m, ImageData img, int pad) {
        int w = img.width();
        int h = img.height();
        int pw = w + 2 * pad;
        int ph = h + 2 * pad;
        float[] out = wholeImage(m, ImageData.of(pw, ph, 3, reflectPadded(img, pad)));
        int s = m.scale();
        float[] crop = new float[3 * w * s * h * s];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h * s; y++) {
                System.arraycopy(out, (c * ph * s + pad * s + y) * pw * s + pad * s, crop, (c * h * s + y) * w * s, w * s);
            }
        }
        return crop;
    }

    @Test
    void mirrorReflectsWithoutRepeatingTheEdge() {
        int[] expected = {3, 2, 1, 0, 1, 2, 3, 2, 1, 0};
        for (int i = -3; i <= 6; i++) {
            assertEquals(expected[i + 3], TiledInference.mirror(i, 4), "index " + i);
            assertEquals(bounce(i, 4), TiledInference.mirror(i, 4));
        }
        assertEquals(0, TiledInference.mirror(-5, 1));
        assertEquals(1, TiledInference.mirror(-9, 5));
    }

    @Test
    void tilesPaddedByTheReceptiveRadiusEqualTheWholeImagePass() {
        SrResNetModel m = SrResNetModel.initialise(SMALL, 3);
        ImageData img = randomRgb(37, 29, 1);
        int radius = m.receptiveRadius();
        AtomicInteger tiles = new AtomicInteger();
        Upscaler up = Upscaler.builder(m).optTiling(new TilingOptions(12, radius)).optBackProjection(0).optProgress(tiles::set)
                .build();
        ImageData tiled = up.upscale(img);
        assertEquals(37 * 4, tiled.width());
        assertEquals(29 * 4, tiled.height());
        assertEquals(4 * 3, tiles.get(), "37x29 in 12-pixel tiles: 4 x 3 tiles");
        float[] whole = wholeImageReflected(m, img, radius);
        float[] t = tiled.pixels();
        double max = 0;
        for (int i = 0; i < t.length; i++) {
            max = Math.max(max, Math.abs(t[i] - whole[i]));
        }
        assertTrue(max < 1e-5, "max difference " + max);
    }

    @Test
    void backProjectedTilesEqualTheBackProjectedWholeImagePass() {
        // each padded tile is back-projected onto its padded input before its region is cut out; with padding
        // covering the receptive radius and back-projection's reach (4 LR pixels per iteration), the result is the
        // whole reflection-padded image's pass, back-projected as a whole and cropped
        SrResNetModel m = SrResNetModel.initialise(SMALL, 3);
        ImageData img = randomRgb(30, 22, 5);
        int s = m.scale();
        int pad = m.receptiveRadius() + 6;
        Upscaler up = Upscaler.builder(m).optTiling(new TilingOptions(12, pad)).optBackProjection(1).build();
        assertEquals(m.name() + "+bp1", up.name());
        assertEquals(1, up.backProjection());
        float[] tiled = up.upscale(img).pixels();
        int w = img.width();
        int h = img.height();
        int pw = w + 2 * pad;
        int ph = h + 2 * pad;
        float[] padded = reflectPadded(img, pad);
        float[] whole = wholeImage(m, ImageData.of(pw, ph, 3, padded));
        io.github.srgandl4j.core.image.BackProjection.apply(padded, whole, pw, ph, 3, s, 1);
        double max = 0;
        double changed = 0;
        float[] plain = Upscaler.builder(m).optTiling(new TilingOptions(12, pad)).optBackProjection(0).build().upscale(img)
                .pixels();
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h * s; y++) {
                for (int x = 0; x < w * s; x++) {
                    int i = (c * h * s + y) * w * s + x;
                    max = Math.max(max, Math.abs(tiled[i] - whole[(c * ph * s + pad * s + y) * pw * s + pad * s + x]));
                    changed = Math.max(changed, Math.abs(tiled[i] - plain[i]));
                }
            }
        }
        assertTrue(max < 1e-5, "max difference " + max);
        assertTrue(changed > 1e-3, "back-projection changed the output by only " + changed);
        assertThrows(IllegalArgumentException.class, () -> Upscaler.builder(m).optBackProjection(21));
    }

    @Test
    void byDefaultEachTileIsBackProjectedOnceAndZeroGivesTheNetworksOwnOutput() {
        SrResNetModel m = SrResNetModel.initialise(SMALL, 3);
        ImageData img = randomRgb(30, 22, 6);
        Upscaler byDefault = Upscaler.of(m);
        assertEquals(1, byDefault.backProjection());
        assertEquals(m.name() + "+bp1", byDefault.name());
        float[] once = Upscaler.builder(m).optBackProjection(1).build().upscale(img).pixels();
        assertArrayEquals(once, byDefault.upscale(img).pixels(), 0f);
        Upscaler raw = Upscaler.builder(m).optBackProjection(0).build();
        assertEquals(m.name(), raw.name());
        // the network's own output: the whole reflection-padded image's pass, cropped
        assertArrayEquals(wholeImageReflected(m, img, TilingOptions.DEFAULT_PAD), raw.upscale(img).pixels(), 1e-5f);
    }

    @Test
    void tooLittlePaddingShowsSeamsSoThePaddingMatters() {
        SrResNetModel m = SrResNetModel.initialise(SMALL, 3);
        ImageData img = randomRgb(40, 24, 2);
        ImageData tiled = Upscaler.builder(m).optTiling(new TilingOptions(12, 0)).optBackProjection(0).build().upscale(img);
        float[] whole = wholeImage(m, img);
        double max = 0;
        for (int i = 0; i < whole.length; i++) {
            max = Math.max(max, Math.abs(tiled.pixels()[i] - whole[i]));
        }
        assertTrue(max > 1e-3, "without padding the tile borders must differ, max " + max);
    }

    @Test
    void greyInputIsReplicatedAndReturnedGreyAsLumaOfTheRgbResult() {
        SrResNetModel m = SrResNetModel.initialise(SMALL, 5);
        ImageData rgb = randomRgb(10, 9, 3);
        float[] g = new float[90];
        System.arraycopy(rgb.pixels(), 0, g, 0, 90);
        ImageData grey = ImageData.of(10, 9, 1, g);
        ImageData out = Upscaler.builder(m).optBackProjection(0).build().upscale(grey);
        assertEquals(1, out.channels());
        float[] rgbOut = wholeImageReflected(m, grey.toRgb(), TilingOptions.DEFAULT_PAD);
        int plane = 40 * 36;
        for (int i : new int[] {0, 77, plane - 1}) {
            double expected = 0.299 * rgbOut[i] + 0.587 * rgbOut[plane + i] + 0.114 * rgbOut[2 * plane + i];
            assertEquals(expected, out.pixels()[i], 1e-6);
        }
    }

    @Test
    void alphaIsResizedSeparatelyAndBitDepthKept() {
        SrResNetModel m = SrResNetModel.initialise(SMALL, 5);
        ImageData base = randomRgb(6, 5, 4);
        float[] alpha = new float[30];
        for (int i = 0; i < 30; i++) {
            alpha[i] = i / 29f;
        }
        ImageData img = ImageData.of(6, 5, 3, base.pixels(), alpha, 16);
        // a recognisable resizer: nearest neighbour
        PlaneResizer nearest = (p, w, h, s) -> {
            float[] o = new float[w * s * h * s];
            for (int y = 0; y < h * s; y++) {
                for (int x = 0; x < w * s; x++) {
                    o[y * w * s + x] = p[(y / s) * w + x / s];
                }
            }
            return o;
        };
        ImageData out = Upscaler.builder(m).optAlphaResizer(nearest).optBackProjection(0).build().upscale(img);
        assertTrue(out.hasAlpha());
        assertEquals(16, out.bitDepth());
        assertEquals(alpha[7], out.alphaAt(1 * 4 + 2, 1 * 4 + 3), 0f);
        assertArrayEquals(wholeImageReflected(m, base, TilingOptions.DEFAULT_PAD), out.pixels(), 1e-5f);
    }

    @Test
    void bufferedImagesComeBackAsTheStandardTypeOfTheirKind() {
        SrResNetModel m = SrResNetModel.initialise(SrResNetConfig.of(4, 1, 4), 5);
        Upscaler up = Upscaler.of(m);
        int[][] cases = {
            {java.awt.image.BufferedImage.TYPE_INT_RGB, java.awt.image.BufferedImage.TYPE_INT_RGB},
            {java.awt.image.BufferedImage.TYPE_3BYTE_BGR, java.awt.image.BufferedImage.TYPE_INT_RGB},
            {java.awt.image.BufferedImage.TYPE_INT_ARGB, java.awt.image.BufferedImage.TYPE_INT_ARGB},
            {java.awt.image.BufferedImage.TYPE_4BYTE_ABGR, java.awt.image.BufferedImage.TYPE_INT_ARGB},
            {java.awt.image.BufferedImage.TYPE_BYTE_GRAY, java.awt.image.BufferedImage.TYPE_BYTE_GRAY},
        };
        for (int[] c : cases) {
            java.awt.image.BufferedImage in = new java.awt.image.BufferedImage(5, 3, c[0]);
            in.setRGB(2, 1, 0x80FF8040);
            java.awt.image.BufferedImage out = up.upscale(in);
            assertEquals(c[1], out.getType(), "input type " + c[0]);
            assertEquals(20, out.getWidth());
            assertEquals(12, out.getHeight());
            // the same pixels as the ImageData path, rounded to 8 bits
            ImageData sr = up.upscale(ImageData.fromBufferedImage(in));
            assertArrayEquals(sr.toUint8(), ImageData.fromBufferedImage(out).toUint8(), "input type " + c[0]);
        }
    }

    @Test
    void theCallerOwnsTheModelAndAClosedModelCannotRun() {
        SrResNetModel m = SrResNetModel.initialise(SrResNetConfig.of(4, 1, 4), 5);
        Upscaler up = Upscaler.of(m);
        ImageData img = randomRgb(6, 5, 3);
        up.upscale(img);
        assertTrue(!m.isClosed(), "upscaling does not close the model");
        m.close();
        assertTrue(m.isClosed());
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> up.upscale(img));
        assertEquals("model 'srresnet' is closed", e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> m.forward(img.toNchw()));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> m.save(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "never-written.srgan")));
        m.close(); // idempotent
    }
}
