package io.github.srgandl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.testing.SharedData;
import io.github.srgandl4j.data.io.ImageLoader;
import io.github.srgandl4j.data.io.PngWriter;
import io.github.srgandl4j.rate.store.NextItem;
import io.github.srgandl4j.rate.store.RatingStore;
import io.github.srgandl4j.rate.study.StudyFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code srgan rate}: --prepare makes the anchor folders from Set5, --report prints and exports, usage errors exit 2. */
class RateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void prepareAndReport() throws Exception {
        Path hr = SharedData.require("data/benchmarks/Set5/HR");
        Path lr = SharedData.require("data/benchmarks/Set5/LR_bicubic_x4");
        Path study = tmp.resolve("study");
        Path calHr = Files.createDirectories(tmp.resolve("cal"));
        PngWriter.write(ImageData.ofUint8(8, 4, 1, new int[32]), calHr.resolve("flat.png"));
        CliRun p = CliRun.of("rate", "--study", study.toString(), "--prepare", "--hr", hr.toString(), "--lr", lr.toString(),
                "--calibration-hr", calHr.toString());
        assertEquals(0, p.exit(), p.err());
        assertTrue(p.out().contains("wrote 5 images each to"), p.out());
        // the NN anchor is the LR file with every pixel repeated 4x4; the HR anchor is the HR file
        ImageLoader loader = new ImageLoader();
        int[] lrBaby = loader.read(lr.resolve("img_001_SRF_4_LR.png")).toUint8();
        ImageData nn = loader.read(study.resolve("methods/NN/img_001_SRF_4_HR.png"));
        ImageData lrImage = loader.read(lr.resolve("img_001_SRF_4_LR.png"));
        int lw = lrImage.width();
        int lh = lrImage.height();
        assertEquals(lw * 4, nn.width());
        int[] nnPx = nn.toUint8();
        for (int[] yx : new int[][] {{0, 0}, {13, 57}, {lh - 1, lw - 1}}) {
            for (int dy = 0; dy < 4; dy++) {
                for (int dx = 0; dx < 4; dx++) {
                    int y = yx[0] * 4 + dy;
                    int x = yx[1] * 4 + dx;
                    assertEquals(lrBaby[yx[0] * lw + yx[1]], nnPx[y * nn.width() + x], "red at " + y + "," + x);
                }
            }
        }
        assertArrayEquals(loader.read(hr.resolve("img_001_SRF_4_HR.png")).toUint8(),
                loader.read(study.resolve("methods/HR/img_001_SRF_4_HR.png")).toUint8());
        assertTrue(Files.isRegularFile(study.resolve("calibration/NN/flat.png")));

        // two raters' ratings stored through the library, then reported by the command
        try (RatingStore store = RatingStore.open(StudyFolder.open(study))) {
            for (String name : new String[] {"a", "b"}) {
                String id = store.join(name).id();
                NextItem next = store.next(id);
                while (next.phase() != NextItem.Phase.DONE) {
                    next = store.rate(id, next.item(), next.phase() == NextItem.Phase.CALIBRATION ? next.anchor() : 3);
                }
            }
        }
        Path csv = tmp.resolve("out/ratings.csv");
        Path json = tmp.resolve("out/report.json");
        Path svg = tmp.resolve("out/figure.svg");
        CliRun r = CliRun.of("rate", "--study", study.toString(), "--report", "--csv", csv.toString(), "--json",
                json.toString(), "--figure", svg.toString());
        assertEquals(0, r.exit(), r.err());
        // every study rating is 3: MOS 3, SD 0 and a zero-width interval; identical ratings give p = 1
        assertTrue(r.out().startsWith("2 raters, 2 methods, 20 study ratings"), r.out());
        assertTrue(r.out().contains("HR         10  3.0000  0.0000  [3.0000, 3.0000]    0/0/10/0/0"), r.out());
        assertTrue(r.out().contains("HR     vs NN      U = 50        p = 1.0000"), r.out());
        assertEquals(1 + 2 * (2 + 10), Files.readAllLines(csv).size());
        assertTrue(Files.readString(json).contains("\"method\": \"NN\", \"n\": 10, \"mos\": 3"));
        assertTrue(Files.readString(svg).startsWith("<svg"));
    }

    @Test
    void errorsAndUsage() {
        Path study = tmp.resolve("none");
        CliRun r = CliRun.of("rate", "--study", study.toString(), "--report");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("srgan rate: error:") && r.err().contains("no ratings database"), r.err());
        CliRun s = CliRun.of("rate", "--study", study.toString(), "--port", "0");
        assertEquals(1, s.exit());
        assertTrue(s.err().contains("study folder not found"), s.err());
        assertEquals(2, CliRun.of("rate", "--study", study.toString(), "--csv", "x.csv").exit());
        assertEquals(2, CliRun.of("rate", "--study", study.toString(), "--prepare").exit());
        assertEquals(2, CliRun.of("rate", "--study", study.toString(), "--report", "--prepare").exit());
        assertEquals(2, CliRun.of("rate", "--study", study.toString(), "--hr", "x").exit());
        assertEquals(2, CliRun.of("rate", "--study", study.toString(), "--port", "70000").exit());
        assertEquals(2, CliRun.of("rate").exit(), "--study is required");
    }
}
