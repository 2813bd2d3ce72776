package io.github.srgandl4j.data.upscale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.image.SuperResolver;
import io.github.srgandl4j.data.io.ImageLoader;
import io.github.srgandl4j.data.io.PngWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchUpscalerTest {
    @TempDir
    Path tmp;

    /** Nearest-neighbour x2 (exact, so outputs can be checked sample by sample); fails on 7-pixel-wide images. */
    static final SuperResolver NEAREST2 = SuperResolver.of("nearest", 2, lr -> {
        if (lr.width() == 7) {
            throw new IllegalStateException("simulated failure inside the model");
        }
        int w = lr.width();
        int h = lr.height();
        int c = lr.channels();
        float[] out = new float[c * 4 * w * h];
        for (int k = 0; k < c; k++) {
            for (int y = 0; y < 2 * h; y++) {
                for (int x = 0; x < 2 * w; x++) {
                    out[(k * 2 * h + y) * 2 * w + x] = lr.get(k, y / 2, x / 2);
                }
            }
        }
        return ImageData.of(2 * w, 2 * h, c, out, null, lr.bitDepth());
    });

    static ImageData ramp(int w, int h, int channels, int seed) {
        int[] s = new int[channels * w * h];
        for (int i = 0; i < s.length; i++) {
            s[i] = (i * 37 + seed * 11) % 256;
        }
        return ImageData.ofUint8(w, h, channels, s);
    }

    static ImageData nearest2(ImageData lr) {
        return NEAREST2.upscale(lr);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aCorruptFileAndAFailingImageAreSkippedAndTheOthersWritten() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        ImageData a = ramp(5, 4, 3, 1);
        ImageData b = ramp(6, 3, 1, 2);
        PngWriter.write(a, in.resolve("a.png"));
        PngWriter.write(b, in.resolve("b.png"));
        PngWriter.write(ramp(7, 3, 3, 3), in.resolve("c_fails_in_model.png"));
        byte[] good = Files.readAllBytes(in.resolve("a.png"));
        Files.write(in.resolve("d_corrupt.png"), Arrays.copyOf(good, good.length / 2));
        Path out = tmp.resolve("out/x2");
        List<String> events = new ArrayList<>();
        BatchSummary s = BatchUpscaler.builder(NEAREST2)
                .optListener(new BatchListener() {
                    @Override
                    public void fileStarted(int index, int total, Path input) {
                        events.add("start " + index + "/" + total);
                    }

                    @Override
                    public void fileFinished(int index, int total, FileResult r) {
                        events.add((r.ok() ? "ok " : "fail ") + index);
                    }
                })
                .build()
                .run(BatchPlan.of(List.of(in), out, false));
        assertEquals(2, s.succeeded());
        assertEquals(2, s.failed());
        assertEquals("upscaled 2, failed 2", s.line());
        assertEquals(List.of("start 0/4", "ok 0", "start 1/4", "ok 1", "start 2/4", "fail 2", "start 3/4", "fail 3"), events);
        assertEquals(List.of("a.png", "b.png"), names(out), "only the good outputs, no temporary or partial files");
        ImageLoader loader = new ImageLoader();
        assertArrayEquals(nearest2(a).toUint8(), loader.read(out.resolve("a.png")).toUint8());
        ImageData bOut = loader.read(out.resolve("b.png"));
        assertEquals(1, bOut.channels());
        assertArrayEquals(nearest2(b).toUint8(), bOut.toUint8());
        FileResult c = s.results().get(2);
        assertNull(c.output());
        assertTrue(c.error().contains("c_fails_in_model.png") && c.error().contains("simulated failure"), c.error());
        FileResult d = s.failures().get(1);
        assertTrue(d.error().contains("d_corrupt.png") && d.error().contains("corrupt"), d.error());
        assertFalse(d.error().contains("\n"));
    }

    @Test
    void aFailedWriteLeavesNoFile() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        PngWriter.write(ramp(4, 4, 3, 1), in.resolve("a.png"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        BatchPlan plan = BatchPlan.of(List.of(in.resolve("a.png")), out, false);
        Files.createDirectories(out.resolve("a.png")); // the target is now a folder: the move must fail
        BatchSummary s = BatchUpscaler.builder(NEAREST2).build().run(plan);
        assertEquals(1, s.failed());
        assertTrue(s.failures().get(0).error().startsWith(in.resolve("a.png").toAbsolutePath().toString()),
                s.failures().get(0).error());
        assertEquals(List.of("a.png"), names(out), "no temporary file left next to the blocked target");
        assertTrue(Files.isDirectory(out.resolve("a.png")));
    }

    @Test
    void sixteenBitInputStaysSixteenBitUnlessEightIsAsked() throws Exception {
        float[] p = new float[3 * 4 * 2];
        for (int i = 0; i < p.length; i++) {
            p[i] = (i * 997 % 65536) / 65535f;
        }
        ImageData img16 = ImageData.of(4, 2, 3, p, null, 16);
        Path f = tmp.resolve("deep.png");
        PngWriter.write(img16, f);
        ImageLoader loader = new ImageLoader();
        Path o16 = tmp.resolve("o16.png");
        BatchUpscaler.builder(NEAREST2).build().run(BatchPlan.of(List.of(f), o16, false));
        ImageData r16 = loader.read(o16);
        assertEquals(16, r16.bitDepth());
        assertEquals(ImageData.toUint16(p[1]), ImageData.toUint16(r16.get(0, 0, 3)), "output x=3 is input x=1");
        Path o8 = tmp.resolve("o8.png");
        BatchUpscaler.builder(NEAREST2).optBitDepth(8).build().run(BatchPlan.of(List.of(f), o8, false));
        ImageData r8 = loader.read(o8);
        assertEquals(8, r8.bitDepth());
        assertEquals(ImageData.toUint8(p[1]), ImageData.toUint8(r8.get(0, 0, 3)));
        assertTrue(p[1] * 255 % 1 != 0, "the sample is not an 8-bit level, so 16 and 8 bits differ");
    }

    @Test
    void planning() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        PngWriter.write(ramp(4, 4, 3, 1), in.resolve("a.png"));
        PngWriter.write(ramp(4, 4, 3, 2), in.resolve("b.png"));
        Path a = in.resolve("a.png");
        // one file and a .png name: a file; otherwise a folder
        BatchPlan single = BatchPlan.of(List.of(a), tmp.resolve("one.png"), false);
        assertTrue(single.singleFile());
        assertEquals(tmp.resolve("one.png").toAbsolutePath(), single.jobs().get(0).output());
        BatchPlan folder = BatchPlan.of(List.of(a), tmp.resolve("outdir"), false);
        assertFalse(folder.singleFile());
        assertEquals(tmp.resolve("outdir/a.png").toAbsolutePath(), folder.jobs().get(0).output());
        BatchPlan two = BatchPlan.of(List.of(a, in.resolve("b.png")), tmp.resolve("two.png"), false);
        assertEquals(tmp.resolve("two.png/b.png").toAbsolutePath(), two.jobs().get(1).output());
        // refusals
        IOException self = assertThrows(IOException.class, () -> BatchPlan.of(List.of(in), in, true));
        assertTrue(self.getMessage().contains("is an input"), self.getMessage());
        Path other = Files.createDirectories(tmp.resolve("other"));
        PngWriter.write(ramp(3, 3, 3, 1), other.resolve("a.png"));
        IOException clash = assertThrows(IOException.class, () -> BatchPlan.of(List.of(in, other), tmp.resolve("o"), false));
        assertTrue(clash.getMessage().contains("would both be written as"), clash.getMessage());
        Files.writeString(tmp.resolve("plain.txt"), "x");
        IOException notDir = assertThrows(IOException.class, () -> BatchPlan.of(List.of(in), tmp.resolve("plain.txt"), false));
        assertTrue(notDir.getMessage().contains("is a file"), notDir.getMessage());
        Path existing = Files.createDirectories(tmp.resolve("existing"));
        Files.writeString(existing.resolve("b.png"), "old");
        IOException exists = assertThrows(BatchPlan.OutputsExistException.class, () -> BatchPlan.of(List.of(in), existing, false));
        assertTrue(exists.getMessage().contains("1 output file(s) already exist (first: b.png)"), exists.getMessage());
        assertEquals(2, BatchPlan.of(List.of(in), existing, true).jobs().size());
        // a missing input file is planned and reported when run
        BatchSummary s = BatchUpscaler.builder(NEAREST2).build()
                .run(BatchPlan.of(List.of(tmp.resolve("nope.png"), a), tmp.resolve("m"), false));
        assertEquals("upscaled 1, failed 1", s.line());
        assertTrue(s.failures().get(0).error().contains("nope.png") && s.failures().get(0).error().contains("not found"));
    }
}
