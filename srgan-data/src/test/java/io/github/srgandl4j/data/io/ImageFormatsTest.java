package io.github.srgandl4j.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.ImageData;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.File;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.apache.commons.imaging.Imaging;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every supported file variant decodes to the sample values it was made from (exactly for
 * lossless formats, within JPEG loss otherwise, and against the independent Commons Imaging JPEG
 * decoder).
 */
class ImageFormatsTest {
    static final int W = 37;
    static final int H = 23;

    @TempDir
    Path dir;

    private final ImageLoader loader = new ImageLoader();

    /** A smooth pattern, so JPEG loss stays small: channel c at (x, y). */
    static int value(int c, int x, int y, int max) {
        double v = (c == 0 ? x / (double) (W - 1) : c == 1 ? y / (double) (H - 1) : (x + y) / (double) (W + H - 2));
        if (c == 3) {
            v = 1 - 0.5 * x / (double) (W - 1);
        }
        return (int) Math.round(v * max);
    }

    static ImageData pattern(int channels, boolean alpha, int depth) {
        int max = depth == 8 ? 255 : 65535;
        float[] px = new float[channels * W * H];
        float[] a = alpha ? new float[W * H] : null;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                for (int c = 0; c < channels; c++) {
                    px[(c * H + y) * W + x] = value(c, x, y, max) / (float) max;
                }
                if (a != null) {
                    a[y * W + x] = value(3, x, y, max) / (float) max;
                }
            }
        }
        return ImageData.of(W, H, channels, px, a, depth);
    }

    static void assertSameSamples(ImageData expected, ImageData actual, int depth) {
        assertEquals(expected.width(), actual.width());
        assertEquals(expected.height(), actual.height());
        assertEquals(expected.channels(), actual.channels(), "channels");
        assertEquals(expected.hasAlpha(), actual.hasAlpha(), "alpha");
        assertEquals(depth, actual.bitDepth(), "bit depth");
        int max = depth == 8 ? 255 : 65535;
        float[] e = expected.pixels();
        float[] a = actual.pixels();
        for (int i = 0; i < e.length; i++) {
            assertEquals(Math.round(e[i] * max), Math.round(a[i] * max), "sample " + i);
        }
        if (expected.hasAlpha()) {
            float[] ea = expected.alpha();
            float[] aa = actual.alpha();
            for (int i = 0; i < ea.length; i++) {
                assertEquals(Math.round(ea[i] * max), Math.round(aa[i] * max), "alpha " + i);
            }
        }
    }

    @Test
    void pngOfEveryComponentTypeAndDepthRoundTripsExactly() throws Exception {
        for (int depth : new int[] {8, 16}) {
            for (int channels : new int[] {1, 3}) {
                for (boolean alpha : new boolean[] {false, true}) {
                    ImageData img = pattern(channels, alpha, depth);
                    Path f = dir.resolve("p" + depth + "_" + channels + "_" + alpha + ".png");
                    PngWriter.write(img, f);
                    ImageData back = loader.read(f);
                    assertSameSamples(img, back, depth);
                    assertEquals(ImageFormat.PNG, loader.probe(f).format());
                }
            }
        }
    }

    @Test
    void palettePngKeepsColoursAndTransparency() throws Exception {
        byte[] r = {0, (byte) 200, 10, 90};
        byte[] g = {0, 100, (byte) 250, 90};
        byte[] b = {0, 50, 20, 90};
        byte[] a = {(byte) 255, (byte) 255, (byte) 128, 0};
        IndexColorModel icm = new IndexColorModel(8, 4, r, g, b, a);
        BufferedImage bi = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_INDEXED, icm);
        WritableRaster wr = bi.getRaster();
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                wr.setSample(x, y, 0, (x + 2 * y) % 4);
            }
        }
        File f = dir.resolve("palette.png").toFile();
        assertTrue(ImageIO.write(bi, "png", f));
        ImageData img = loader.read(f.toPath());
        assertEquals(3, img.channels());
        assertTrue(img.hasAlpha());
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int k = (x + 2 * y) % 4;
                assertEquals(r[k] & 0xff, ImageData.toUint8(img.get(0, y, x)));
                assertEquals(g[k] & 0xff, ImageData.toUint8(img.get(1, y, x)));
                assertEquals(b[k] & 0xff, ImageData.toUint8(img.get(2, y, x)));
                assertEquals(a[k] & 0xff, ImageData.toUint8(img.alphaAt(y, x)));
            }
        }
    }

    @Test
    void oneBitPngIsReadAsGrey() throws Exception {
        BufferedImage bw = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                bw.getRaster().setSample(x, y, 0, (x + y) % 3 == 0 ? 1 : 0);
            }
        }
        Path f = dir.resolve("bw.png");
        assertTrue(ImageIO.write(bw, "png", f.toFile()));
        ImageData img = loader.read(f);
        assertEquals(1, img.channels());
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                assertEquals((x + y) % 3 == 0 ? 255 : 0, ImageData.toUint8(img.get(0, y, x)));
            }
        }
    }

    @Test
    void bmpAndTiffRoundTripExactly() throws Exception {
        ImageData rgb = pattern(3, false, 8);
        Path bmp = dir.resolve("a.bmp");
        assertTrue(ImageIO.write(rgb.toBufferedImage(), "bmp", bmp.toFile()));
        assertSameSamples(rgb, loader.read(bmp), 8);
        // a BufferedImage of type 3BYTE_BGR as BMP writers usually produce
        BufferedImage bgr = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(rgb.toBufferedImage(), 0, 0, null);
        Path bmp2 = dir.resolve("b.bmp");
        assertTrue(ImageIO.write(bgr, "bmp", bmp2.toFile()));
        assertSameSamples(rgb, loader.read(bmp2), 8);
        // the independent Commons Imaging BMP decoder agrees
        assertSameSamples(rgb, ImageData.fromBufferedImage(Imaging.getBufferedImage(bmp2.toFile())).withoutAlpha(), 8);

        for (ImageData img : new ImageData[] {rgb, pattern(1, false, 8), pattern(1, false, 16), pattern(3, true, 16)}) {
            Path tif = dir.resolve("t" + img.channels() + img.bitDepth() + img.hasAlpha() + ".tif");
            assertTrue(ImageIO.write(img.toBufferedImage(), "tiff", tif.toFile()));
            assertEquals(ImageFormat.TIFF, loader.probe(tif).format());
            assertSameSamples(img, loader.read(tif), img.bitDepth());
        }
    }

    private static void writeJpeg(BufferedImage bi, Path f, boolean progressive) throws Exception {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(0.95f);
        if (progressive) {
            p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        try (ImageOutputStream os = ImageIO.createImageOutputStream(f.toFile())) {
            w.setOutput(os);
            w.write(null, new IIOImage(bi, null, null), p);
        } finally {
            w.dispose();
        }
    }

    private static int maxDiff(ImageData a, ImageData b) {
        assertEquals(a.channels(), b.channels(), "channels");
        int[] x = a.toUint8();
        int[] y = b.toUint8();
        int m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }

    private static double meanDiff(ImageData a, ImageData b) {
        int[] x = a.toUint8();
        int[] y = b.toUint8();
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += Math.abs(x[i] - y[i]);
        }
        return s / x.length;
    }

    @Test
    void jpegBaselineProgressiveAndGreyDecodeCorrectly() throws Exception {
        ImageData rgb = pattern(3, false, 8);
        BufferedImage bgr = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(rgb.toBufferedImage(), 0, 0, null);
        Path base = dir.resolve("base.jpg");
        Path prog = dir.resolve("prog.jpg");
        writeJpeg(bgr, base, false);
        writeJpeg(bgr, prog, true);
        ImageData b = loader.read(base);
        ImageData p = loader.read(prog);
        assertEquals(3, b.channels());
        assertTrue(maxDiff(rgb, b) <= 12, "baseline JPEG within JPEG loss: " + maxDiff(rgb, b));
        assertTrue(maxDiff(rgb, p) <= 12, "progressive JPEG within JPEG loss: " + maxDiff(rgb, p));
        // the independent Commons Imaging decoder (other IDCT and chroma upsampling) also stays within JPEG loss
        ImageData commons = ImageData.fromBufferedImage(Imaging.getBufferedImage(base.toFile())).withoutAlpha();
        assertTrue(maxDiff(rgb, commons) <= 12, "Commons Imaging within JPEG loss: " + maxDiff(rgb, commons));
        // measured: javax.imageio 0.88 levels mean error, Commons Imaging 2.52: javax.imageio decodes YCbCr JPEG
        assertTrue(meanDiff(rgb, b) < 1.5, "javax.imageio mean JPEG error " + meanDiff(rgb, b));
        assertTrue(meanDiff(rgb, b) < meanDiff(rgb, commons), "javax.imageio is the more accurate JPEG decoder");

        ImageData grey = pattern(1, false, 8);
        Path g = dir.resolve("grey.jpg");
        writeJpeg(grey.toBufferedImage(), g, false);
        ImageData gb = loader.read(g);
        assertEquals(1, gb.channels(), "grey JPEG stays grey");
        assertTrue(maxDiff(grey, gb) <= 6, "grey JPEG within JPEG loss: " + maxDiff(grey, gb));
    }

    @Test
    void cmykJpegIsConvertedWithTheRightColours() throws Exception {
        int w = 32;
        int h = 16;
        WritableRaster r = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.setSample(x, y, 0, 8 * x); // C
                r.setSample(x, y, 1, 16 * y); // M
                r.setSample(x, y, 2, 100); // Y
                r.setSample(x, y, 3, 20); // K
            }
        }
        Path f = dir.resolve("cmyk.jpg");
        ImageWriter wr = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = wr.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(1f);
        try (ImageOutputStream os = ImageIO.createImageOutputStream(f.toFile())) {
            wr.setOutput(os);
            wr.write(null, new IIOImage(r, null, null), p);
        } finally {
            wr.dispose();
        }
        assertEquals(4, JpegHeader.components(f));
        ImageData img = loader.read(f);
        assertEquals(3, img.channels());
        int worst = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double k = 1 - 20 / 255.0;
                int er = (int) Math.round(255 * (1 - 8 * x / 255.0) * k);
                int eg = (int) Math.round(255 * (1 - 16 * y / 255.0) * k);
                int eb = (int) Math.round(255 * (1 - 100 / 255.0) * k);
                worst = Math.max(worst, Math.abs(er - ImageData.toUint8(img.get(0, y, x))));
                worst = Math.max(worst, Math.abs(eg - ImageData.toUint8(img.get(1, y, x))));
                worst = Math.max(worst, Math.abs(eb - ImageData.toUint8(img.get(2, y, x))));
            }
        }
        assertTrue(worst <= 8, "CMYK -> RGB within JPEG loss, worst " + worst);
        // javax.imageio alone gets these colours badly wrong: this is why Commons Imaging decodes CMYK
        ImageData viaImageIo = ImageData.fromBufferedImage(ImageIO.read(f.toFile()));
        assertFalse(maxDiff(viaImageIo, img) <= 8, "javax.imageio's CMYK conversion differs");
    }
}
