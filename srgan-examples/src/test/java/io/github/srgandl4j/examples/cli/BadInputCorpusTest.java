package io.github.srgandl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.data.io.ImageLoader;
import io.github.srgandl4j.data.io.PngWriter;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #17 item 13: a corpus of bad and unusual inputs, generated here (no binary files), each
 * through {@code srgan upscale} (or {@code degrade}) in process with a tiny model. Every case
 * checks the exit code, the message (once, naming the file) and what is left in the output folder.
 * The locale and kill -9 cases, which need their own JVM, are in {@link ProcessRobustnessTest}.
 */
class BadInputCorpusTest {
    @TempDir
    Path tmp;

    Path model;

    @BeforeEach
    void model() {
        model = tmp.resolve("tiny.srgan");
        SrResNetModel.initialise(SrResNetConfig.of(2, 1, 4), 3).save(model);
    }

    private CliRun upscale(Path in, Path out, String... extra) {
        String[] base = {"upscale", "--model", model.toString(), in.toString(), "-o", out.toString()};
        String[] args = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    static List<String> names(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static long errorLines(CliRun r, String name) {
        return r.err().lines().filter(l -> l.contains("error:") && l.contains(name)).count();
    }

    /** A failing single file: exit 1, one error line naming it with {@code message}, no output folder left. */
    private void refused(Path in, String message) throws Exception {
        Path out = tmp.resolve("out-" + in.getFileName());
        CliRun r = upscale(in, out);
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, errorLines(r, in.getFileName().toString()), "printed once: " + r.err());
        assertTrue(r.err().contains(message), r.err());
        assertFalse(Files.exists(out), "no (empty) output folder left: " + names(out));
    }

    private static byte[] png(BufferedImage img) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, "png", o));
        return o.toByteArray();
    }

    private static BufferedImage rgb(int w, int h) {
        BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                b.setRGB(x, y, (x * 20) << 16 | (y * 20) << 8 | 90);
            }
        }
        return b;
    }

    private Path file(String name, byte[] bytes) throws Exception {
        Path f = tmp.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    @Test
    void zeroByteFile() throws Exception {
        refused(file("empty.png", new byte[0]), "empty file (0 bytes)");
    }

    @Test
    void truncatedPng() throws Exception {
        byte[] ok = png(rgb(12, 10));
        refused(file("cut.png", Arrays.copyOf(ok, ok.length / 2)), "truncated or corrupt PNG");
    }

    @Test
    void textFileWithAnImageExtension() throws Exception {
        refused(file("notes.png", "hello\n".getBytes(StandardCharsets.US_ASCII)), "not an image file");
    }

    @Test
    void pngNamedJpgIsReadByItsContent() throws Exception {
        Path f = file("photo.jpg", png(rgb(6, 5)));
        Path out = tmp.resolve("o");
        CliRun r = upscale(f, out);
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("photo.png"), names(out));
        assertEquals(12, new ImageLoader().read(out.resolve("photo.png")).width());
    }

    @Test
    void decompressionBombHeaderNamesTheFlag() throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        byte[] ihdr = {0, 0, (byte) 0xC3, 0x50, 0, 0, (byte) 0xC3, 0x50, 8, 2, 0, 0, 0}; // 50000 x 50000 RGB
        chunk(o, "IHDR", ihdr);
        chunk(o, "IEND", new byte[0]);
        refused(file("bomb.png", o.toByteArray()), "limit of 100.0 megapixels (raise it with --max-megapixels");
    }

    @Test
    void sixteenBitPaletteAlphaAndGreyAlphaAreKept() throws Exception {
        Path in = Files.createDirectory(tmp.resolve("in"));
        float[] g = new float[6 * 4];
        float[] a = new float[6 * 4];
        for (int i = 0; i < g.length; i++) {
            g[i] = i / 23f;
            a[i] = 1 - i / 46f;
        }
        PngWriter.write(ImageData.of(6, 4, 1, g, a, 8), in.resolve("greyalpha.png"));
        PngWriter.write(ImageData.of(6, 4, 3, new float[72], null, 16), in.resolve("deep.png"));
        byte[] r = {0, (byte) 255, 0};
        byte[] gg = {0, 0, (byte) 255};
        byte[] b = {(byte) 255, 0, 0};
        byte[] alpha = {0, (byte) 128, (byte) 255};
        IndexColorModel icm = new IndexColorModel(8, 3, r, gg, b, alpha);
        BufferedImage pal = new BufferedImage(6, 4, BufferedImage.TYPE_BYTE_INDEXED, icm);
        pal.getRaster().setSample(1, 1, 0, 1);
        ImageIO.write(pal, "png", in.resolve("palette.png").toFile());
        Path out = tmp.resolve("o");
        CliRun run = upscale(in, out);
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of("deep.png", "greyalpha.png", "palette.png"), names(out));
        ImageLoader l = new ImageLoader();
        ImageData ga = l.read(out.resolve("greyalpha.png"));
        assertEquals(1, ga.channels());
        assertTrue(ga.hasAlpha());
        assertEquals(16, l.read(out.resolve("deep.png")).bitDepth());
        ImageData p = l.read(out.resolve("palette.png"));
        assertTrue(p.hasAlpha(), "palette transparency becomes alpha");
        assertEquals(0f, p.alphaAt(7, 11), 0f, "index 0 is fully transparent (far from the one pixel of index 1)");
    }

    private static byte[] cmykJpeg(boolean adobe) throws Exception {
        int w = 16;
        int h = 12;
        WritableRaster ras = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] ink = {20, 40, 60, 30};
                for (int c = 0; c < 4; c++) {
                    ras.setSample(x, y, c, adobe ? 255 - ink[c] : ink[c]);
                }
            }
        }
        ImageWriter wr = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (ImageOutputStream os = ImageIO.createImageOutputStream(bo)) {
            wr.setOutput(os);
            ImageWriteParam p = wr.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(1f);
            wr.write(null, new IIOImage(ras, null, null), p);
        } finally {
            wr.dispose();
        }
        byte[] j = bo.toByteArray();
        if (!adobe) {
            return j;
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(j, 0, 2);
        o.write(new byte[] {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0});
        o.write(j, 2, j.length - 2);
        return o.toByteArray();
    }

    @Test
    void cmykWithAndWithoutTheAdobeMarkerGiveTheSameColours() throws Exception {
        Path in = Files.createDirectory(tmp.resolve("in"));
        Files.write(in.resolve("adobe.jpg"), cmykJpeg(true));
        Files.write(in.resolve("plain.jpg"), cmykJpeg(false));
        // ink C 20 M 40 Y 60 K 30 shows as R = (255 - 20)(255 - 30) / 255 = 207, G 189, B 170
        int[] expected = {207, 189, 170};
        ImageLoader l = new ImageLoader();
        for (String f : new String[] {"adobe.jpg", "plain.jpg"}) {
            ImageData lr = l.read(in.resolve(f));
            for (int c = 0; c < 3; c++) {
                assertTrue(Math.abs(ImageData.toUint8(lr.get(c, 6, 8)) - expected[c]) <= 3, f + " channel " + c + ": "
                        + ImageData.toUint8(lr.get(c, 6, 8)));
            }
        }
        Path out = tmp.resolve("o");
        CliRun r = upscale(in, out);
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("adobe.png", "plain.png"), names(out));
    }

    @Test
    void aBadFileAmongGoodOnesIsReportedOnceAndSkipped() throws Exception {
        Path in = Files.createDirectory(tmp.resolve("in"));
        Files.write(in.resolve("a.png"), png(rgb(5, 4)));
        Files.write(in.resolve("b.png"), new byte[0]);
        Files.write(in.resolve("c.png"), png(rgb(4, 5)));
        Path out = tmp.resolve("o");
        CliRun r = upscale(in, out);
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, errorLines(r, "b.png"), r.err());
        assertEquals(List.of("a.png", "c.png"), names(out), "no partial or temporary file");
        assertTrue(r.out().startsWith("upscaled 2, failed 1"), r.out());
    }

    @Test
    void unwritableOutputSaysWhatFailedAndWhy() throws Exception {
        Path f = file("ok.png", png(rgb(4, 4)));
        Path sys = Path.of("/sys");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(sys) && !Files.isWritable(sys.resolve("x"))
                && !canCreate(sys), "needs a read-only /sys (Linux)");
        CliRun r = upscale(f, sys.resolve("ok_x4.png"));
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("ok.png: cannot write /sys/ok_x4.png: permission denied"), r.err());
        assertFalse(r.err().contains(".tmp"), "no temporary file names in the message: " + r.err());
        CliRun folder = upscale(f, Path.of("/proc/srgan-no-such-folder/sub"));
        assertEquals(1, folder.exit(), folder.err());
        assertTrue(folder.err().contains("cannot create folder /proc/srgan-no-such-folder/sub: "), folder.err());
    }

    private static boolean canCreate(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, ".probe", ".tmp"));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void degradeReportsAndSkipsABadFileAndNamesTooSmallOnes() throws Exception {
        Path in = Files.createDirectory(tmp.resolve("hr"));
        Files.write(in.resolve("a.png"), png(rgb(8, 8)));
        Files.write(in.resolve("b.png"), new byte[] {1, 2, 3});
        Files.write(in.resolve("c.png"), png(rgb(2, 2)));
        Files.write(in.resolve("d.png"), png(rgb(12, 8)));
        Path out = tmp.resolve("lr");
        CliRun r = CliRun.of("degrade", "--in", in.toString(), "--out", out.toString());
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, errorLines(r, "b.png"), r.err());
        assertTrue(r.err().contains("c.png: a 2x2 image is smaller than the scale 4"), r.err());
        assertEquals(List.of("a.png", "d.png"), names(out), "went on after the bad files");
        assertTrue(r.out().contains("degraded 2 image(s)") && r.out().contains("failed 2 image(s)"), r.out());
    }

    @Test
    void evaluateNamesAnImageSmallerThanTheScale() throws Exception {
        Path hr = Files.createDirectory(tmp.resolve("hr"));
        Files.write(hr.resolve("tiny.png"), png(rgb(2, 3)));
        CliRun r = CliRun.of("evaluate", "--method", "bicubic", "--hr", hr.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("tiny.png: a 2x3 image is smaller than the scale 4"), r.err());
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws Exception {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(new byte[] {(byte) (data.length >>> 24), (byte) (data.length >>> 16), (byte) (data.length >>> 8),
            (byte) data.length});
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        int c = (int) crc.getValue();
        out.write(new byte[] {(byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c});
    }
}
