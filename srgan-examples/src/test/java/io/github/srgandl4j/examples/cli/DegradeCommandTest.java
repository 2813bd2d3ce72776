package io.github.srgandl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.testing.SharedData;
import io.github.srgandl4j.data.io.ImageFiles;
import io.github.srgandl4j.data.io.ImageLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code srgan degrade} reproduces the shared Set14 LR files and fails clearly. */
class DegradeCommandTest {
    @TempDir
    Path tmp;

    @Test
    void degradeSet14ReproducesTheBenchmarkLrFiles() throws Exception {
        Path hr = SharedData.require("data/benchmarks/Set14/HR");
        Path lr = SharedData.require("data/benchmarks/Set14/LR_bicubic_x4");
        Path out = tmp.resolve("lr");
        CliRun r = CliRun.of("degrade", "--scale", "4", "--in", hr.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("degraded 14 image(s) x1/4"), r.out());
        ImageLoader loader = new ImageLoader();
        List<Path> written = ImageFiles.list(out);
        assertEquals(14, written.size());
        for (Path f : written) {
            Path ref = lr.resolve(f.getFileName().toString().replace("_HR.png", "_LR.png"));
            assertArrayEquals(loader.read(ref).toUint8(), loader.read(f).toUint8(), f.toString());
            assertEquals(loader.read(ref).channels(), loader.read(f).channels(), f + " channels (img_003 is grey)");
        }
        // a second run refuses to overwrite, --force overwrites
        CliRun again = CliRun.of("degrade", "--in", hr.toString(), "--out", out.toString());
        assertEquals(1, again.exit());
        assertTrue(again.err().contains("already exist") && again.err().contains("--force"), again.err());
        assertEquals(0, CliRun.of("degrade", "--in", hr.toString(), "--out", out.toString(), "--force").exit());
        try (var s = Files.list(out)) {
            assertEquals(14, s.count(), "no temporary files left behind");
        }
    }

    @Test
    void errorsAndUsage() throws Exception {
        Path missing = tmp.resolve("missing");
        CliRun r = CliRun.of("degrade", "--in", missing.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("srgan degrade: error:") && r.err().contains(missing.toString()), r.err());

        Path bad = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(bad.resolve("broken.png"), "not really a png");
        CliRun b = CliRun.of("degrade", "--in", bad.toString(), "--out", tmp.resolve("o2").toString());
        assertEquals(1, b.exit());
        assertTrue(b.err().contains("broken.png") && b.err().contains("not an image"), b.err());

        assertEquals(2, CliRun.of("degrade", "--in", bad.toString()).exit(), "missing --out");
        assertEquals(2, CliRun.of("degrade", "--scale", "0", "--in", bad.toString(), "--out", "x").exit());
        assertEquals(2, CliRun.of("degrade", "--in", bad.toString(), "--out", bad.toString()).exit());
        CliRun help = CliRun.of("degrade", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--scale") && help.out().contains("MATLAB"), help.out());
    }
}
