package io.github.srgandl4j.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.ImageData;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming PNG encoder, read back with javax.imageio's independent PNG decoder. */
class PngEncoderTest {
    @TempDir
    Path dir;

    static ImageData random(int w, int h, int channels, boolean alpha, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] p = new float[channels * w * h];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (r.nextDouble() * 1.2 - 0.1); // some outside [0, 1]: clamped
        }
        float[] a = null;
        if (alpha) {
            a = new float[w * h];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) r.nextDouble();
            }
        }
        return ImageData.of(w, h, channels, p, a, 8);
    }

    /** The integer sample for v: clamp to [0, 1], scale, round half up. */
    static int expected(float v, int max) {
        double c = Math.max(0, Math.min(1, v));
        return (int) Math.floor(c * max + 0.5);
    }

    @Test
    void everyLayoutAndDepthRoundTripsThroughAnIndependentDecoder() throws Exception {
        int w = 13;
        int h = 11;
        for (int channels : new int[] {1, 3}) {
            for (boolean alpha : new boolean[] {false, true}) {
                for (int bits : new int[] {8, 16}) {
                    ImageData img = random(w, h, channels, alpha, channels * 10 + bits + (alpha ? 1 : 0));
                    Path f = dir.resolve("img" + channels + alpha + bits + ".png");
                    // streamed in bands of 4, 4 and 3 rows
                    PngWriter.stream(f, w, h, channels, alpha, bits, sink -> {
                        sink.accept(img.crop(0, 0, w, 4));
                        sink.accept(img.crop(0, 4, w, 4));
                        sink.accept(img.crop(0, 8, w, 3));
                    });
                    BufferedImage back = ImageIO.read(f.toFile());
                    Raster r = back.getRaster();
                    String what = channels + " channel(s), alpha " + alpha + ", " + bits + " bits";
                    assertEquals(channels + (alpha ? 1 : 0), r.getNumBands(), what);
                    assertEquals(bits, back.getColorModel().getComponentSize(0), what);
                    int max = bits == 8 ? 255 : 65535;
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            for (int c = 0; c < channels; c++) {
                                assertEquals(expected(img.get(c, y, x), max), r.getSample(x, y, c), what + " at " + x + "," + y);
                            }
                            if (alpha) {
                                assertEquals(expected(img.alphaAt(y, x), max), r.getSample(x, y, channels), what);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void aLargeImageInManyBandsSpansSeveralIdatChunks() throws Exception {
        ImageData img = random(700, 300, 3, false, 5);
        Path f = dir.resolve("big.png");
        PngWriter.stream(f, 700, 300, 3, false, 8, sink -> {
            for (int y = 0; y < 300; y += 32) {
                sink.accept(img.crop(0, y, 700, Math.min(32, 300 - y)));
            }
        });
        assertTrue(Files.size(f) > 3 * (1 << 16), "random data does not compress: several 64 KB IDAT chunks");
        assertArrayEquals(img.toUint8(), ImageData.fromBufferedImage(ImageIO.read(f.toFile())).toUint8());
    }

    @Test
    void nonFiniteSamplesAreRefusedAndNothingIsLeft() throws Exception {
        float[] p = new float[3 * 4 * 3];
        p[3 * 4 + 5] = Float.NaN; // green, row 1, column 1
        Path f = dir.resolve("nan.png");
        PngEncoder.NonFiniteSampleException e = assertThrows(PngEncoder.NonFiniteSampleException.class,
                () -> PngWriter.write(ImageData.of(4, 3, 3, p), f));
        assertTrue(e.getMessage().contains("non-finite sample (NaN) at pixel (1, 1), channel 1"), e.getMessage());
        float[] q = new float[12];
        q[11] = Float.POSITIVE_INFINITY;
        assertThrows(PngEncoder.NonFiniteSampleException.class, () -> PngWriter.write(ImageData.of(4, 3, 1, q), f));
        assertEmpty();
    }

    @Test
    void tooFewRowsLeaveNoFile() throws Exception {
        ImageData img = random(5, 6, 3, false, 1);
        Path f = dir.resolve("short.png");
        assertThrows(IllegalStateException.class, () -> PngWriter.stream(f, 5, 6, 3, false, 8,
                sink -> sink.accept(img.crop(0, 0, 5, 4))));
        assertEmpty();
    }

    private void assertEmpty() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count(), "no output and no temporary file");
        }
    }
}
