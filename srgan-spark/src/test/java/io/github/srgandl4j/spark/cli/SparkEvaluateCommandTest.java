package io.github.srgandl4j.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code srgan spark-evaluate} in local mode against {@code srgan evaluate} on Set5: the same
 * printed lines and the same JSON/CSV, digit for digit (all but the timing fields).
 */
class SparkEvaluateCommandTest {
    @TempDir
    Path tmp;

    /** The JSON without its timing fields ({@code "seconds": ...}), which differ from run to run. */
    static String withoutTimes(String json) {
        return json.replaceAll("\"seconds\": [0-9.]+", "\"seconds\": T");
    }

    /** The CSV without its last column (seconds). */
    static String csvWithoutTimes(String csv) {
        return csv.replaceAll(",[0-9.]+\\n", ",T\n");
    }

    /** Printed lines except the {@code wrote FILE} ones. */
    static String scoreLines(String out) {
        return String.join("\n", out.lines().filter(l -> !l.startsWith("wrote ")).toList());
    }

    @Test
    void aModelOnSet5WithLrFilesScoresAsTheSingleMachineCommand() throws Exception {
        String hr = SharedData.require("data/benchmarks/Set5/HR").toString();
        String lr = SharedData.require("data/benchmarks/Set5/LR_bicubic_x4").toString();
        Path model = TestImages.tinyModel(tmp, 3);
        Runs a = Runs.srgan("evaluate", "--model", model.toString(), "--hr", hr, "--lr", lr, "--json",
                tmp.resolve("a.json").toString(), "--csv", tmp.resolve("a.csv").toString());
        Runs b = Runs.spark("spark-evaluate", "--model", model.toString(), "--hr", hr, "--lr", lr, "--json",
                tmp.resolve("b.json").toString(), "--csv", tmp.resolve("b.csv").toString());
        assertEquals(0, a.exit(), a.err());
        assertEquals(0, b.exit(), b.err());
        assertEquals(scoreLines(a.out()), scoreLines(b.out()));
        assertTrue(b.out().contains("(5 images, LR from " + lr + "): mean PSNR "), b.out());
        String ja = Files.readString(tmp.resolve("a.json"));
        String jb = Files.readString(tmp.resolve("b.json"));
        assertTrue(ja.contains("\"mean_psnr\": ") && ja.contains("\"count\": 5"), ja);
        assertEquals(withoutTimes(ja), withoutTimes(jb));
        assertEquals(csvWithoutTimes(Files.readString(tmp.resolve("a.csv"))), csvWithoutTimes(Files.readString(tmp.resolve("b.csv"))));
    }

    @Test
    void bicubicWithLrMadeFromHrScoresAsTheSingleMachineCommand() throws Exception {
        String hr = SharedData.require("data/benchmarks/Set5/HR").toString();
        Runs a = Runs.srgan("evaluate", "--hr", hr, "--json", tmp.resolve("a.json").toString(), "--float-y", "--shave", "6");
        Runs b = Runs.spark("spark-evaluate", "--method", "bicubic", "--hr", hr, "--json", tmp.resolve("b.json").toString(),
                "--float-y", "--shave", "6");
        assertEquals(0, a.exit(), a.err());
        assertEquals(0, b.exit(), b.err());
        assertEquals(scoreLines(a.out()), scoreLines(b.out()));
        assertEquals(withoutTimes(Files.readString(tmp.resolve("a.json"))), withoutTimes(Files.readString(tmp.resolve("b.json"))));
    }

    @Test
    void backProjectionNeedsAModel() {
        Runs r = Runs.sparkPlain("spark-evaluate", "--method", "bicubic", "--hr", "hr", "--back-projection", "1");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--back-projection needs --model"), r.err());
    }

    @Test
    void anImageThatCannotBeScoredIsReportedAndTheOthersAreScored() throws Exception {
        Path hrShared = SharedData.require("data/benchmarks/Set5/HR");
        Path lrShared = SharedData.require("data/benchmarks/Set5/LR_bicubic_x4");
        Path hr = Files.createDirectories(tmp.resolve("Set5/HR"));
        Path lr = Files.createDirectories(tmp.resolve("Set5/LR"));
        try (Stream<Path> s = Files.list(hrShared)) {
            for (Path p : s.toList()) {
                Files.copy(p, hr.resolve(p.getFileName()));
            }
        }
        try (Stream<Path> s = Files.list(lrShared)) {
            for (Path p : s.toList()) {
                Files.copy(p, lr.resolve(p.getFileName()));
            }
        }
        Path broken = lr.resolve("img_002_SRF_4_LR.png");
        byte[] bytes = Files.readAllBytes(broken);
        Files.write(broken, Arrays.copyOf(bytes, bytes.length / 2));
        Runs single = Runs.srgan("evaluate", "--hr", hr.toString(), "--lr", lr.toString());
        assertEquals(1, single.exit(), "the single-machine command stops at the first bad image");
        Runs b = Runs.spark("spark-evaluate", "--hr", hr.toString(), "--lr", lr.toString(), "--json", tmp.resolve("b.json").toString());
        assertEquals(1, b.exit(), b.err());
        String reason = single.err().lines().filter(l -> l.contains(": error: ")).findFirst().orElseThrow();
        reason = reason.substring(reason.indexOf(": error: ") + 9);
        assertTrue(b.err().contains("srgan spark-evaluate: error: " + reason), b.err() + " vs " + reason);
        assertTrue(reason.startsWith(broken.toAbsolutePath().toString()) || reason.startsWith(broken.toString()), reason);
        String json = Files.readString(tmp.resolve("b.json"));
        assertTrue(json.contains("\"count\": 4") && !json.contains("img_002"), json);
        assertTrue(b.out().contains("bicubic x4 on Set5 (4 images"), b.out());
    }
}
