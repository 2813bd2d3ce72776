package io.github.srgandl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** {@code srgan bench} on tiny shapes: one JSON line with consistent medians and RSS, clear usage errors. */
class BenchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void allCasesOnTinyShapesGiveOneJsonLineWithMediansOfTheRuns() throws Exception {
        Path vgg = SharedData.require("models/vgg19/vgg19_block3_notop_weights.h5");
        CliRun r = CliRun.of("bench", "--case", "all", "--warmup", "1", "--runs", "2", "--threads", "2", "--lr-size", "8",
                "--batch", "2", "--crop", "16", "--vgg-weights", vgg.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(1, lines.size(), "stdout must be exactly the JSON line: " + r.out());
        JsonNode root = JSON.readTree(lines.get(0));
        assertEquals(2, root.get("threads").asInt());
        double peak = root.get("peak_rss_mib").asDouble();
        assertTrue(peak > 50, "peak RSS of a JVM with ND4J is well above 50 MiB: " + peak);
        for (String c : List.of("infer", "train-mse", "train-gan")) {
            JsonNode n = root.get("cases").get(c);
            assertTrue(n != null, "case " + c + " missing: " + lines.get(0));
            JsonNode runs = n.get("runs_ms");
            assertEquals(2, runs.size(), c + " timed runs");
            double mean = (runs.get(0).asDouble() + runs.get(1).asDouble()) / 2;
            assertEquals(mean, n.get("median_ms").asDouble(), 0.051, c + ": median of two runs is their mean");
            assertTrue(runs.get(0).asDouble() > 0 && runs.get(1).asDouble() > 0, c);
            assertTrue(n.get("peak_rss_mib_after").asDouble() <= peak + 1e-9, c);
        }
        assertTrue(r.err().contains("run 1/3 warm-up") && r.err().contains("run 3/3 timed"), r.err());
        assertEquals(3, root.get("cases").size(), "all is infer, train-mse, train-gan: " + lines.get(0));
    }

    @Test
    void stepOrderReachesTheTrainGanCase() throws Exception {
        Path vgg = SharedData.require("models/vgg19/vgg19_block3_notop_weights.h5");
        for (String[] c : List.of(new String[] {"d-first", "samediff"}, new String[] {"d-first", "compiled"},
                new String[] {"g-first", "compiled"})) {
            String order = c[0];
            CliRun r = CliRun.of("bench", "--case", "train-gan", "--warmup", "0", "--runs", "1", "--threads", "2",
                    "--batch", "1", "--crop", "16", "--step-order", order, "--step-executor", c[1], "--profile",
                    "--vgg-weights", vgg.toString());
            assertEquals(0, r.exit(), r.err());
            String d = JSON.readTree(r.out().lines().toList().get(0)).get("cases").get("train-gan").get("description")
                    .asText();
            assertTrue(d.contains("one D step + one G step (" + order + ")"), d);
            assertTrue(d.endsWith(c[1] + " steps"), d);
            // with fit(), the paper's order makes the fakes in a forward-only call; the compiled step hands them over
            // from the G step's own forward pass, and g-first takes them from the G step
            assertEquals(c[1].equals("samediff"), r.err().contains("profile: G forward"), order + " " + c[1] + ": " + r.err());
        }
    }

    @Test
    void trainCampaignRunsTheScriptsRecipeThroughTheTrainerWithItsCropByDefault() throws Exception {
        Path vgg = SharedData.require("models/vgg19/vgg19_block3_notop_weights.h5");
        // batch 1 keeps it quick; the crop is the case's own default (64), not the paper cases' 96
        CliRun r = CliRun.of("bench", "--case", "train-campaign", "--warmup", "1", "--runs", "2", "--threads", "2",
                "--batch", "1", "--profile", "--vgg-weights", vgg.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(1, lines.size(), "stdout must be exactly the JSON line: " + r.out());
        JsonNode cases = JSON.readTree(lines.get(0)).get("cases");
        assertEquals(1, cases.size(), lines.get(0));
        JsonNode n = cases.get("train-campaign");
        JsonNode runs = n.get("runs_ms");
        assertEquals(2, runs.size());
        assertEquals((runs.get(0).asDouble() + runs.get(1).asDouble()) / 2, n.get("median_ms").asDouble(), 0.051);
        String d = n.get("description").asText();
        for (String part : List.of("SRResNet x4, 8 blocks, 64 channels", "one D step + one G step (g-first)",
                "vgg19 phi_3,4 before activation l1, features x 0.0172", "+ 0.005 x l1", "relativistic", "x 0.005;",
                "discriminator 64px, 32 channels, no batch norm, spectral norm, global-average head", "EMA 0.999",
                "batch 1, HR crop 64", "betas 0.9/0.99")) {
            assertTrue(d.contains(part), "'" + part + "' not in: " + d);
        }
        // the campaign's order: no separate generator forward pass; its discriminator (no BN) in one joint pass
        assertTrue(r.err().contains("profile: ops") && r.err().contains("profile: D step")
                && r.err().contains("profile: G step: VGG") && !r.err().contains("profile: G forward"), r.err());
    }

    @Test
    void trainCampaignNeedsAMultipleOf16AsCrop() {
        CliRun crop = CliRun.of("bench", "--case", "train-campaign", "--crop", "40", "--vgg-weights", "/nonexistent/vgg.h5");
        assertEquals(2, crop.exit());
        assertTrue(crop.err().contains("crop must be a positive multiple of 16"), crop.err());
    }

    @Test
    void inferOnnxTimesBothRuntimesOnBothModels() throws Exception {
        Path onnx = SharedData.require("models/pretrained/srgan_x4_leftthomas.onnx");
        CliRun r = CliRun.of("bench", "--case", "infer-onnx", "--warmup", "0", "--runs", "1", "--threads", "2", "--lr-size", "8",
                "--onnx-model", onnx.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode c = JSON.readTree(r.out().lines().toList().get(0)).get("cases").get("infer-onnx");
        for (String v : List.of("shared-onnx/samediff", "shared-onnx/onnxruntime", "default-export/samediff",
                "default-export/onnxruntime", "default/native")) {
            assertTrue(c.get("variants").get(v).get("median_ms").asDouble() > 0, v);
        }
        assertEquals(c.get("variants").get("shared-onnx/samediff").get("median_ms").asDouble(), c.get("median_ms").asDouble());
        double ratio = c.get("ratios").get("shared-onnx samediff/onnxruntime").asDouble();
        assertEquals(c.get("variants").get("shared-onnx/samediff").get("median_ms").asDouble()
                / c.get("variants").get("shared-onnx/onnxruntime").get("median_ms").asDouble(), ratio, 0.01 * ratio);
        assertTrue(r.err().contains("shared-onnx: max |samediff - onnxruntime| = "), r.err());
        CliRun missing = CliRun.of("bench", "--case", "infer-onnx", "--runs", "1", "--onnx-model", "/nonexistent/x.onnx");
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("/nonexistent/x.onnx"), missing.err());
    }

    @Test
    void unknownCaseAndBadCountsAreUsageErrors() {
        CliRun bad = CliRun.of("bench", "--case", "train-foo");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("unknown bench case 'train-foo'") && bad.err().contains("train-mse"), bad.err());
        CliRun zero = CliRun.of("bench", "--case", "infer", "--runs", "0");
        assertEquals(2, zero.exit());
        assertTrue(zero.err().contains("iterations must be >= 1"), zero.err());
        CliRun crop = CliRun.of("bench", "--case", "train-mse", "--crop", "90");
        assertEquals(2, crop.exit());
        assertTrue(crop.err().contains("crop must be a positive multiple of 16"), crop.err());
    }
}
