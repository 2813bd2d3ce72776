package io.github.srgandl4j.data.upscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.image.SuperResolver;
import io.github.srgandl4j.data.io.PngWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #17 items 5, 8 and 11 at the library level: NaN output, unencodable names, every input failing, OOM. */
class BatchFailuresTest {
    @TempDir
    Path tmp;

    private Path inputs(String... names) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        for (String n : names) {
            PngWriter.write(BatchUpscalerTest.ramp(4, 3, 3, n.length()), in.resolve(n));
        }
        return in;
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void nanOutputIsReportedAndNothingIsWritten() throws Exception {
        Path in = inputs("a.png");
        SuperResolver nan = SuperResolver.of("nan", 2, lr -> {
            float[] p = new float[3 * 8 * 6];
            p[10] = Float.NaN;
            return ImageData.of(8, 6, 3, p);
        });
        Path out = Files.createDirectories(tmp.resolve("out"));
        BatchSummary s = BatchUpscaler.builder(nan).build().run(BatchPlan.of(List.of(in), out, false));
        assertEquals(1, s.failed());
        String e = s.results().get(0).error();
        assertTrue(e.endsWith("a.png: refusing to write a non-finite sample (NaN) at pixel (2, 1), channel 0: the image"
                + " holds no valid value there"), e);
        assertEquals(List.of(), names(out), "no file, no temporary file");
    }

    @Test
    void whenEveryInputFailsTheCreatedFoldersAreRemovedButAnExistingOneIsKept() throws Exception {
        Path in = inputs("a.png", "b.png");
        SuperResolver failing = SuperResolver.of("fail", 2, lr -> {
            throw new IllegalStateException("broken");
        });
        Path out = tmp.resolve("new/deeper/out");
        BatchSummary s = BatchUpscaler.builder(failing).build().run(BatchPlan.of(List.of(in), out, false));
        assertEquals(2, s.failed());
        assertFalse(Files.exists(tmp.resolve("new")), "the folders this batch created are gone");
        Path existing = Files.createDirectories(tmp.resolve("existing"));
        BatchUpscaler.builder(failing).build().run(BatchPlan.of(List.of(in), existing, false));
        assertTrue(Files.isDirectory(existing), "a folder that was there before stays");
        // one success keeps the folder
        BatchSummary ok = BatchUpscaler.builder(BatchUpscalerTest.NEAREST2).build()
                .run(BatchPlan.of(List.of(in), out, false));
        assertEquals(0, ok.failed());
        assertEquals(List.of("a.png", "b.png"), names(out));
    }

    @Test
    void outOfMemoryStopsTheBatch() throws Exception {
        Path in = inputs("a.png", "b.png", "c.png");
        List<String> seen = new ArrayList<>();
        SuperResolver oom = SuperResolver.of("oom", 2, lr -> {
            seen.add("call");
            if (seen.size() == 2) {
                throw new OutOfMemoryError("Java heap space");
            }
            return BatchUpscalerTest.NEAREST2.upscale(lr);
        });
        Path out = tmp.resolve("out");
        BatchAbortedException e = assertThrows(BatchAbortedException.class,
                () -> BatchUpscaler.builder(oom).build().run(BatchPlan.of(List.of(in), out, false)));
        assertEquals(2, seen.size(), "c.png was not started");
        assertTrue(e.getMessage().contains("b.png: out of memory while upscaling; stopped the batch with 1 file(s) not"
                + " processed"), e.getMessage());
        assertEquals(1, e.partial().succeeded());
        assertEquals(List.of("a.png"), names(out));
    }

    @Test
    void aJobWithoutAnOutputNameIsReportedAndTheOthersRun() throws Exception {
        Path in = inputs("a.png", "b.png");
        Path out = Files.createDirectories(tmp.resolve("out"));
        BatchPlan plan = new BatchPlan(List.of(new BatchPlan.Job(in.resolve("a.png"), null),
                new BatchPlan.Job(in.resolve("b.png"), out.resolve("b.png"))), out, false);
        BatchSummary s = BatchUpscaler.builder(BatchUpscalerTest.NEAREST2).build().run(plan);
        assertEquals(1, s.failed());
        assertTrue(s.results().get(0).error().contains("not valid in this system's file-name encoding"));
        assertEquals(List.of("b.png"), names(out));
    }
}
