package io.github.srgandl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** {@code srgan evaluate --method bicubic} reproduces the shared reference table. */
class EvaluateCommandTest {
    @TempDir
    Path tmp;

    private static Map<String, double[]> reference(String set) throws Exception {
        Map<String, double[]> m = new HashMap<>();
        for (String line : Files.readAllLines(SharedData.require("data/benchmarks/bicubic_x4_reference.csv"))) {
            String[] f = line.split(",");
            if (f[0].equals(set)) {
                m.put(f[1], new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3])});
            }
        }
        return m;
    }

    @Test
    void set14WithLrFolderMatchesTheReferenceCsv() throws Exception {
        Path hr = SharedData.require("data/benchmarks/Set14/HR");
        Path lr = SharedData.require("data/benchmarks/Set14/LR_bicubic_x4");
        Path json = tmp.resolve("out/set14.json");
        Path csv = tmp.resolve("out/set14.csv");
        CliRun r = CliRun.of("evaluate", "--method", "bicubic", "--hr", hr.toString(), "--lr", lr.toString(),
                "--scale", "4", "--json", json.toString(), "--csv", csv.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("mean PSNR 25.993"), r.out());
        JsonNode n = new ObjectMapper().readTree(json.toFile());
        assertEquals(25.9933, n.get("mean_psnr").asDouble(), 0.0005 + 5e-5);
        assertEquals(0.7023, n.get("mean_ssim").asDouble(), 0.0001 + 5e-5);
        Map<String, double[]> ref = reference("Set14");
        assertEquals(14, n.get("images").size());
        for (JsonNode img : n.get("images")) {
            double[] e = ref.get(img.get("file").asText());
            assertEquals(e[0], img.get("psnr").asDouble(), 0.001 + 5e-5, img.toString());
            assertEquals(e[1], img.get("ssim").asDouble(), 0.0001 + 5e-5, img.toString());
        }
        List<String> lines = Files.readAllLines(csv);
        assertEquals(16, lines.size()); // header, 14 images, mean
        // the default metrics add NIQE, grid and texture
        assertEquals("file,width,height,psnr_y_db,ssim_y,niqe,grid,texture,seconds", lines.get(0));
        assertTrue(n.get("mean_niqe").asDouble() > 0 && n.get("images").get(0).has("niqe"), n.toString());
        assertTrue(n.has("mean_grid") && n.has("mean_texture"), n.toString());
        assertTrue(r.out().contains("mean NIQE ") && r.out().contains(" of HR"), r.out());
    }

    @Test
    void noReferenceModeScoresAFolderAsItIs() throws Exception {
        Path hr = SharedData.require("data/benchmarks/Set5/HR");
        Path json = tmp.resolve("nr.json");
        CliRun r = CliRun.of("evaluate", "--images", hr.toString(), "--shave", "0", "--metrics", "niqe", "--json", json.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode n = new ObjectMapper().readTree(json.toFile());
        // mean of the five Set5 rows of niqe_reference.csv with crop border 0
        double expected = (3.265501 + 4.362077 + 5.154879 + 8.350491 + 4.388975) / 5;
        assertEquals(expected, n.get("mean_niqe").asDouble(), 0.01);
        assertTrue(!n.has("mean_psnr") && !n.has("mean_grid"), n.toString());
        assertEquals(3.265501, n.get("images").get(0).get("niqe").asDouble(), 0.01);
        assertTrue(r.out().contains("no reference"), r.out());
    }

    @Test
    void metricUsageErrors() {
        String hr = "x";
        CliRun both = CliRun.of("evaluate", "--hr", hr, "--images", hr);
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("--images"), both.err());
        CliRun unknown = CliRun.of("evaluate", "--hr", hr, "--metrics", "psnr,lpips");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("unknown metric 'lpips'"), unknown.err());
        CliRun texture = CliRun.of("evaluate", "--images", hr, "--metrics", "niqe,texture");
        assertEquals(2, texture.exit());
        assertTrue(texture.err().contains("texture needs ground truth"), texture.err());
        assertEquals(2, CliRun.of("evaluate", "--images", hr, "--model", "srgan").exit());
    }

    @Test
    void set5FromHrOnlyMatchesTheReferenceMeans() throws Exception {
        Path hr = SharedData.require("data/benchmarks/Set5/HR");
        Path json = tmp.resolve("set5.json");
        Path md = tmp.resolve("set5.md");
        CliRun r = CliRun.of("evaluate", "--hr", hr.toString(), "--json", json.toString(), "--markdown", md.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode n = new ObjectMapper().readTree(json.toFile());
        assertTrue(n.get("lr_dir").isNull());
        assertEquals(28.4177, n.get("mean_psnr").asDouble(), 0.0005 + 5e-5);
        assertEquals(0.8101, n.get("mean_ssim").asDouble(), 0.0001 + 5e-5);
        assertTrue(Files.readString(md).contains("| **mean** (5 images) |"));
    }

    @Test
    void usageAndFailures() {
        CliRun unknown = CliRun.of("evaluate", "--method", "magic", "--hr", "x");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("unknown --method 'magic'") && unknown.err().contains("bicubic"), unknown.err());
        assertEquals(2, CliRun.of("evaluate", "--method", "bicubic").exit(), "--hr is required");
        CliRun missing = CliRun.of("evaluate", "--hr", tmp.resolve("none").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().startsWith("srgan evaluate: error:") && missing.err().contains("none"), missing.err());
        CliRun bicubicBp = CliRun.of("evaluate", "--hr", tmp.resolve("none").toString(), "--back-projection", "1");
        assertEquals(2, bicubicBp.exit());
        assertTrue(bicubicBp.err().contains("--back-projection needs --model"), bicubicBp.err());
        CliRun imagesBp = CliRun.of("evaluate", "--images", tmp.toString(), "--back-projection", "1");
        assertEquals(2, imagesBp.exit());
        assertTrue(imagesBp.err().contains("--back-projection does not apply to --images"), imagesBp.err());
        CliRun bicubicEnsemble = CliRun.of("evaluate", "--hr", tmp.resolve("none").toString(), "--self-ensemble");
        assertEquals(2, bicubicEnsemble.exit());
        assertTrue(bicubicEnsemble.err().contains("--self-ensemble needs --model"), bicubicEnsemble.err());
        CliRun imagesEnsemble = CliRun.of("evaluate", "--images", tmp.toString(), "--self-ensemble");
        assertEquals(2, imagesEnsemble.exit());
        assertTrue(imagesEnsemble.err().contains("--self-ensemble does not apply to --images"), imagesEnsemble.err());
    }
}
