package io.github.srgandl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.model.Models;
import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.core.upscale.TilingOptions;
import io.github.srgandl4j.core.upscale.Upscaler;
import io.github.srgandl4j.data.io.ImageLoader;
import io.github.srgandl4j.data.io.PngWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code srgan upscale} with a small random SRResNet model file (no shared data needed). */
class UpscaleCommandTest {
    @TempDir
    Path tmp;

    Path modelFile;

    @BeforeEach
    void model() {
        modelFile = tmp.resolve("tiny.srgan");
        SrResNetModel.initialise(SrResNetConfig.of(4, 1, 8), 5).save(modelFile);
    }

    static ImageData random(int w, int h, int channels, boolean alpha, int bits, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] p = new float[channels * w * h];
        int levels = bits == 8 ? 255 : 65535;
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextInt(levels + 1) / (float) levels;
        }
        float[] a = null;
        if (alpha) {
            a = new float[w * h];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextInt(256) / 255f;
            }
        }
        return ImageData.of(w, h, channels, p, a, bits);
    }

    /** What the files should hold: the same model through the library API, tiled as the command is. */
    private ImageData expected(ImageData lr, int tile, int pad) {
        try (SuperResolutionModel m = Models.load(modelFile)) {
            return Upscaler.builder(m).optTiling(new TilingOptions(tile, pad)).build().upscale(lr);
        }
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void folderWithACorruptFileWritesTheOthersAndExitsOne() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        ImageData a = random(20, 13, 3, false, 8, 1);
        ImageData b = random(9, 17, 3, false, 8, 2);
        PngWriter.write(a, in.resolve("a.png"));
        PngWriter.write(b, in.resolve("b.png"));
        byte[] good = Files.readAllBytes(in.resolve("a.png"));
        Files.write(in.resolve("broken.png"), Arrays.copyOf(good, good.length - 40));
        Files.writeString(in.resolve("notes.txt"), "not an image, not listed");
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("upscale", "--model", modelFile.toString(), "--tile", "8", "--tile-pad", "3", in.toString(), "-o",
                out.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().startsWith("upscaled 2, failed 1"), r.out());
        assertTrue(r.err().contains("srgan upscale: error: " + in.resolve("broken.png").toAbsolutePath()), r.err());
        assertTrue(r.err().contains("[1/3] a.png") && r.err().contains("[2/3] b.png"), "progress per file: " + r.err());
        assertTrue(r.err().contains("(80x52, 6 tiles"), "20x13 in 8-pixel tiles is 3x2 tiles: " + r.err());
        assertEquals(List.of("a.png", "b.png"), names(out), "no partial file for broken.png, no temporary files");
        ImageLoader loader = new ImageLoader();
        assertArrayEquals(expected(a, 8, 3).toUint8(), loader.read(out.resolve("a.png")).toUint8());
        assertArrayEquals(expected(b, 8, 3).toUint8(), loader.read(out.resolve("b.png")).toUint8());
        // all good: exit 0; a second run refuses to overwrite, --force overwrites
        Files.delete(in.resolve("broken.png"));
        CliRun refused = CliRun.of("upscale", "--model", modelFile.toString(), in.toString(), "-o", out.toString());
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("2 output file(s) already exist (first: a.png); use --force"), refused.err());
        CliRun again = CliRun.of("upscale", "--model", modelFile.toString(), in.toString(), "-o", out.toString(), "--force");
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().startsWith("upscaled 2, failed 0"), again.out());
    }

    @Test
    void greyAlphaAndSixteenBitFilesKeepTheirKind() throws Exception {
        ImageLoader loader = new ImageLoader();
        ImageData grey = random(11, 7, 1, false, 8, 3);
        ImageData rgba = random(10, 6, 3, true, 8, 4);
        ImageData deep = random(7, 5, 3, false, 16, 5);
        Path g = tmp.resolve("grey.png");
        Path a = tmp.resolve("rgba.png");
        Path d = tmp.resolve("deep.png");
        PngWriter.write(grey, g);
        PngWriter.write(rgba, a);
        PngWriter.write(deep, d);
        Path out = tmp.resolve("o");
        CliRun r = CliRun.of("upscale", "--model", modelFile.toString(), g.toString(), a.toString(), d.toString(), "-o",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        ImageData go = loader.read(out.resolve("grey.png"));
        assertEquals(1, go.channels());
        assertArrayEquals(expected(grey, TilingOptions.DEFAULT_TILE, TilingOptions.DEFAULT_PAD).toUint8(), go.toUint8());
        ImageData ao = loader.read(out.resolve("rgba.png"));
        assertTrue(ao.hasAlpha());
        ImageData aExp = expected(rgba, TilingOptions.DEFAULT_TILE, TilingOptions.DEFAULT_PAD);
        for (int i = 0; i < ao.alpha().length; i += 7) {
            assertEquals(ImageData.toUint8(aExp.alpha()[i]), ImageData.toUint8(ao.alpha()[i]), "alpha " + i);
        }
        ImageData dOut = loader.read(out.resolve("deep.png"));
        assertEquals(16, dOut.bitDepth());
        ImageData dExp = expected(deep, TilingOptions.DEFAULT_TILE, TilingOptions.DEFAULT_PAD);
        int differentFrom8Bit = 0;
        for (int i = 0; i < dExp.pixels().length; i++) {
            assertEquals(ImageData.toUint16(dExp.pixels()[i]), ImageData.toUint16(dOut.pixels()[i]), "sample " + i);
            if (ImageData.toUint16(dOut.pixels()[i]) % 257 != 0) {
                differentFrom8Bit++;
            }
        }
        assertTrue(differentFrom8Bit > dExp.pixels().length / 2, "16-bit output holds more than 8-bit levels");
        // --bit-depth 8 for a 16-bit input, single output file
        Path one = tmp.resolve("one.png");
        assertEquals(0, CliRun.of("upscale", "--model", modelFile.toString(), "--bit-depth", "8", d.toString(), "-o",
                one.toString()).exit());
        ImageData eight = loader.read(one);
        assertEquals(8, eight.bitDepth());
        assertArrayEquals(dExp.toUint8(), eight.toUint8());
    }

    @Test
    void usageErrorsAndBuiltInModels() throws Exception {
        Path img = tmp.resolve("x.png");
        PngWriter.write(random(8, 8, 3, false, 8, 6), img);
        String out = tmp.resolve("o").toString();
        assertEquals(2, CliRun.of("upscale", img.toString()).exit(), "-o is required");
        assertEquals(2, CliRun.of("upscale", "-o", out).exit(), "an input is required");
        assertEquals(2, CliRun.of("upscale", "--model", modelFile.toString(), "--bit-depth", "12", img.toString(), "-o", out).exit());
        assertEquals(2, CliRun.of("upscale", "--model", modelFile.toString(), "--tile", "4", img.toString(), "-o", out).exit());
        CliRun ranges = CliRun.of("upscale", "--model", modelFile.toString(), "--input-range", "0,1", img.toString(), "-o", out);
        assertEquals(2, ranges.exit());
        assertTrue(ranges.err().contains("apply to .onnx files only") && ranges.err().contains("recorded"), ranges.err());
        CliRun bad = CliRun.of("upscale", "--model", "x.onnx", "--input-range", "1,0", img.toString(), "-o", out);
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--input-range"), bad.err());
        CliRun missing = CliRun.of("upscale", "--model", tmp.resolve("none.srgan").toString(), img.toString(), "-o", out);
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("none.srgan"), missing.err());
        assertFalse(Files.exists(Path.of(out).resolve("x.png")));
        CliRun help = CliRun.of("upscale", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--tile-pad") && help.out().contains("--bit-depth"), help.out());
        assertNotNull(help.out());
    }
}
