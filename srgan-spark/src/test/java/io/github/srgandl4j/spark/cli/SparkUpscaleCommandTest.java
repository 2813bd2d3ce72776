package io.github.srgandl4j.spark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.testing.SharedData;
import io.github.srgandl4j.data.io.ImageLoader;
import io.github.srgandl4j.data.io.PngWriter;
import io.github.srgandl4j.spark.ExecutorModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code srgan spark-upscale} in local mode (two task slots) against {@code srgan upscale}, the
 * single-machine command, on the same inputs: the files must be identical byte for byte.
 */
class SparkUpscaleCommandTest {
    @TempDir
    Path tmp;

    /** Set5 LR and odd images (grey, 16-bit, RGBA, a corrupt file) in one folder. */
    private Path mixedInputs() throws Exception {
        Path lrDir = SharedData.require("data/benchmarks/Set5/LR_bicubic_x4");
        Path in = Files.createDirectories(tmp.resolve("in"));
        try (Stream<Path> s = Files.list(lrDir)) {
            for (Path p : s.toList()) {
                Files.copy(p, in.resolve(p.getFileName()));
            }
        }
        TestImages.oddImages(in);
        return in;
    }

    private static String errorLine(String err, String command) {
        return err.lines().filter(l -> l.startsWith("srgan " + command + ": error: ")).map(l -> l.substring(l.indexOf(": error: ") + 9))
                .reduce((a, b) -> a + "\n" + b).orElse("<none>");
    }

    private static void assertSameFiles(Path expected, Path actual) throws Exception {
        assertEquals(TestImages.names(expected), TestImages.names(actual), "the same files, no temporary or partial ones");
        for (String n : TestImages.names(expected)) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(n)), Files.readAllBytes(actual.resolve(n)), n);
        }
    }

    @Test
    void set5AndOddImagesGiveTheSingleMachineFilesByteForByte() throws Exception {
        Path in = mixedInputs();
        Path model = TestImages.tinyModel(tmp, 7);
        Path single = tmp.resolve("single");
        Path spark = tmp.resolve("spark");
        // 32-pixel tiles: the 128x128 Set5 image is cut into 16 tiles, the others into 4-9
        Runs a = Runs.srgan("upscale", "--model", model.toString(), "--tile", "32", "--tile-pad", "6", in.toString(), "-o",
                single.toString());
        int loads = ExecutorModels.loads();
        Runs b = Runs.spark("spark-upscale", "--model", model.toString(), "--tile", "32", "--tile-pad", "6", in.toString(), "-o",
                spark.toString());
        assertEquals(1, a.exit(), a.err());
        assertEquals(1, b.exit(), "a failed file gives exit code 1: " + b.err());
        assertTrue(a.out().startsWith("upscaled 8, failed 1"), a.out());
        assertTrue(b.out().startsWith("upscaled 8, failed 1 (x4, "), b.out());
        assertTrue(b.out().contains("local[2]") && b.out().endsWith("-> " + spark.toAbsolutePath() + "\n"), b.out());
        String reason = errorLine(a.err(), "upscale");
        assertTrue(reason.startsWith(in.resolve("broken.png").toAbsolutePath() + ": "), reason);
        assertEquals(reason, errorLine(b.err(), "spark-upscale"), "the same one-line reason, naming the file");
        assertEquals(9 - 1, TestImages.names(spark).size());
        assertSameFiles(single, spark);
        ImageLoader loader = new ImageLoader();
        assertEquals(1, loader.read(spark.resolve("grey.png")).channels());
        assertEquals(16, loader.read(spark.resolve("deep.png")).bitDepth());
        assertTrue(loader.read(spark.resolve("rgba.png")).hasAlpha());
        // one model per task slot at most (the driver's check load is reused in local mode), not one per file or task
        int used = ExecutorModels.loads() - loads;
        assertTrue(used >= 1 && used <= 2, "models loaded for 9 files in 8 tasks on 2 slots: " + used);
    }

    @Test
    void aRerunSkipsTheOutputsAKilledJobWroteAndForceRewritesThem() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        for (int i = 0; i < 4; i++) {
            PngWriter.write(TestImages.random(12 + i, 10, 3, false, 8, 20 + i), in.resolve("p" + i + ".png"));
        }
        Path model = TestImages.tinyModel(tmp, 8);
        Path reference = tmp.resolve("reference");
        assertEquals(0, Runs.srgan("upscale", "--model", model.toString(), in.toString(), "-o", reference.toString()).exit());
        // what a killed job leaves: two finished files (one replaced by a marker we can recognise) and a hidden temporary file
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.copy(reference.resolve("p0.png"), out.resolve("p0.png"));
        PngWriter.write(TestImages.random(3, 3, 3, false, 8, 99), out.resolve("p2.png"));
        byte[] marker = Files.readAllBytes(out.resolve("p2.png"));
        Files.write(out.resolve(".p1.png1234.tmp"), new byte[] {1, 2, 3});

        Runs refused = Runs.spark("spark-upscale", "--model", model.toString(), in.toString(), "-o", out.toString());
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains(out.toAbsolutePath() + ": 2 output file(s) already exist (first: p0.png);"
                + " use --force to overwrite or --skip-existing to resume"), refused.err());
        assertEquals(List.of(".p1.png1234.tmp", "p0.png", "p2.png"), TestImages.names(out), "nothing written");

        Runs resumed = Runs.spark("spark-upscale", "--model", model.toString(), "--skip-existing", in.toString(), "-o",
                out.toString());
        assertEquals(0, resumed.exit(), resumed.err());
        assertTrue(resumed.out().startsWith("upscaled 2, failed 0, skipped 2 "), resumed.out());
        assertArrayEquals(marker, Files.readAllBytes(out.resolve("p2.png")), "an existing output is not touched");
        for (String n : List.of("p0.png", "p1.png", "p3.png")) {
            assertArrayEquals(Files.readAllBytes(reference.resolve(n)), Files.readAllBytes(out.resolve(n)), n);
        }

        Runs forced = Runs.spark("spark-upscale", "--model", model.toString(), "--force", in.toString(), "-o", out.toString());
        assertEquals(0, forced.exit(), forced.err());
        assertTrue(forced.out().startsWith("upscaled 4, failed 0 "), forced.out());
        Files.delete(out.resolve(".p1.png1234.tmp"));
        assertSameFiles(reference, out);
    }

    @Test
    void aRemoteFileSystemGetsTheSameFilesAndMessagesNamingItsPaths() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        TestImages.oddImages(in);
        Path model = TestImages.tinyModel(tmp, 9);
        Path single = tmp.resolve("single");
        Runs a = Runs.srgan("upscale", "--model", model.toString(), in.toString(), "-o", single.toString());
        assertEquals(1, a.exit(), a.err());
        Path remote = tmp.resolve("remote");
        String inUri = "testfs://" + in.toAbsolutePath();
        Runs b = Runs.spark("spark-upscale", "--model", "testfs://" + model.toAbsolutePath(), inUri, "-o",
                "testfs://" + remote.toAbsolutePath());
        assertEquals(1, b.exit(), b.err());
        assertTrue(b.out().startsWith("upscaled 3, failed 1 "), b.out());
        String reason = errorLine(b.err(), "spark-upscale");
        assertTrue(reason.startsWith("testfs:" + in.resolve("broken.png").toAbsolutePath() + ": "), reason);
        assertEquals(errorLine(a.err(), "upscale").replace(in.toAbsolutePath().toString(), "testfs:" + in.toAbsolutePath()), reason,
                "the single-machine reason, naming the remote file");
        assertSameFiles(single, remote);
    }

    @Test
    void aBuiltInModelByNameAndASingleOutputFile() throws Exception {
        Path lr = SharedData.require("data/benchmarks/Set5/LR_bicubic_x4/img_003_SRF_4_LR.png");
        Path a = tmp.resolve("a.png");
        Path b = tmp.resolve("b.png");
        assertEquals(0, Runs.srgan("upscale", "--model", "srresnet", lr.toString(), "-o", a.toString()).exit());
        Runs r = Runs.spark("spark-upscale", "--model", "srresnet", lr.toString(), "-o", b.toString());
        assertEquals(0, r.exit(), r.err());
        // one back-projection iteration by default, as srgan upscale
        assertTrue(r.out().startsWith("upscaled 1, failed 0 (x4, srresnet+bp1, tile 192 pad 16, ")
                && r.out().endsWith("-> " + b + "\n"), r.out());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertEquals(List.of("a.png", "b.png"), TestImages.names(tmp));
        // the network's own output on the executors: the single-machine file, and not the back-projected one
        Path c = tmp.resolve("c.png");
        Path d = tmp.resolve("d.png");
        assertEquals(0, Runs.srgan("upscale", "--model", "srresnet", "--back-projection", "0", lr.toString(), "-o",
                c.toString()).exit());
        Runs raw = Runs.spark("spark-upscale", "--model", "srresnet", "--back-projection", "0", lr.toString(), "-o",
                d.toString());
        assertEquals(0, raw.exit(), raw.err());
        assertTrue(raw.out().contains("(x4, srresnet, tile 192 pad 16, "), raw.out());
        assertArrayEquals(Files.readAllBytes(c), Files.readAllBytes(d));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(d)), "back-projection changed nothing");
    }

    @Test
    void usageErrorsExitTwoBeforeSparkStarts() {
        assertEquals(2, Runs.sparkPlain("spark-upscale", "in", "-o", "out", "--force", "--skip-existing").exit());
        Runs r = Runs.sparkPlain("spark-upscale", "--model", "srgan", "--input-range", "0,1", "in", "-o", "out");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("apply to .onnx files only"), r.err());
        assertEquals(2, Runs.sparkPlain("spark-upscale", "--bit-depth", "12", "in", "-o", "out").exit());
        assertEquals(2, Runs.sparkPlain("spark-upscale", "--tile", "0", "in", "-o", "out").exit());
        Runs bp = Runs.sparkPlain("spark-upscale", "--back-projection", "21", "in", "-o", "out");
        assertEquals(2, bp.exit());
        assertTrue(bp.err().contains("--back-projection must be 0 to 20, got 21"), bp.err());
        assertEquals(2, Runs.sparkPlain("spark-upscale", "in").exit(), "-o is required");
    }
}
