package io.github.srgandl4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.data.upscale.BatchPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link UpscalePlan} on local folders against the single-machine {@link BatchPlan}. */
class UpscalePlanTest {
    @TempDir
    Path tmp;

    Path in;
    final Configuration conf = new Configuration();

    @BeforeEach
    void files() throws IOException {
        in = Files.createDirectories(tmp.resolve("in"));
        for (String n : List.of("b.png", "a.JPG", "c.tif", ".hidden.png", "notes.txt")) {
            Files.write(in.resolve(n), new byte[] {1});
        }
        Files.createDirectories(in.resolve("sub.png"));
    }

    private static List<String> local(List<UpscalePlan.Job> jobs) {
        return jobs.stream().map(j -> UpscalePlan.display(j.input()) + " -> " + UpscalePlan.display(j.output())).toList();
    }

    private static List<String> of(BatchPlan p) {
        return p.jobs().stream().map(j -> j.input() + " -> " + j.output()).toList();
    }

    @Test
    void foldersAndFilesGiveTheSingleMachineJobs() throws IOException {
        Path extra = Files.write(tmp.resolve("d.bmp"), new byte[] {1});
        Path out = tmp.resolve("out");
        List<String> expected = of(BatchPlan.of(List.of(in, extra), out, false));
        UpscalePlan p = UpscalePlan.of(conf, List.of(in.toString(), extra.toString()), out.toString(), ExistingOutputs.REFUSE);
        assertEquals(List.of(in.resolve("a.JPG") + " -> " + out.resolve("a.png"), in.resolve("b.png") + " -> " + out.resolve("b.png"),
                in.resolve("c.tif") + " -> " + out.resolve("c.png"), extra + " -> " + out.resolve("d.png")), expected);
        assertEquals(expected, local(p.jobs()));
        assertEquals(out.toString(), UpscalePlan.display(p.outputDir()));
        // one file to a .png name: that file
        UpscalePlan single = UpscalePlan.of(conf, List.of(extra.toString()), tmp.resolve("x.png").toString(), ExistingOutputs.REFUSE);
        assertTrue(single.singleFile());
        assertEquals(List.of(extra + " -> " + tmp.resolve("x.png")), local(single.jobs()));
    }

    @Test
    void refusalsAreTheSingleMachineOnes() throws IOException {
        Files.write(in.resolve("b.jpeg"), new byte[] {1});
        Path out = tmp.resolve("out");
        IOException a = assertThrows(IOException.class, () -> BatchPlan.of(List.of(in), out, false));
        IOException b = assertThrows(IOException.class,
                () -> UpscalePlan.of(conf, List.of(in.toString()), out.toString(), ExistingOutputs.REFUSE));
        assertEquals(a.getMessage(), b.getMessage());
        Files.delete(in.resolve("b.jpeg"));

        Path file = Files.write(tmp.resolve("file"), new byte[] {1});
        a = assertThrows(IOException.class, () -> BatchPlan.of(List.of(in), file, false));
        b = assertThrows(IOException.class, () -> UpscalePlan.of(conf, List.of(in.toString()), file.toString(), ExistingOutputs.REFUSE));
        assertEquals(a.getMessage(), b.getMessage());

        a = assertThrows(IOException.class, () -> BatchPlan.of(List.of(in.resolve("b.png")), in.resolve("b.png"), false));
        b = assertThrows(IOException.class, () -> UpscalePlan.of(conf, List.of(in.resolve("b.png").toString()),
                in.resolve("b.png").toString(), ExistingOutputs.OVERWRITE));
        assertEquals(a.getMessage(), b.getMessage());
    }

    @Test
    void existingOutputsAreRefusedSkippedOrOverwritten() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.write(out.resolve("b.png"), new byte[] {1});
        Files.write(out.resolve("c.png"), new byte[] {1});
        IOException a = assertThrows(IOException.class, () -> BatchPlan.of(List.of(in), out, false));
        IOException b = assertThrows(UpscalePlan.OutputsExistException.class,
                () -> UpscalePlan.of(conf, List.of(in.toString()), out.toString(), ExistingOutputs.REFUSE));
        assertEquals(a.getMessage(), b.getMessage());
        UpscalePlan skip = UpscalePlan.of(conf, List.of(in.toString()), out.toString(), ExistingOutputs.SKIP);
        assertEquals(List.of(in.resolve("a.JPG") + " -> " + out.resolve("a.png")), local(skip.jobs()));
        assertEquals(2, skip.skipped().size());
        UpscalePlan all = UpscalePlan.of(conf, List.of(in.toString()), out.toString(), ExistingOutputs.OVERWRITE);
        assertEquals(3, all.jobs().size());
        assertTrue(all.skipped().isEmpty());
    }
}
