package io.github.srgandl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.testing.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * {@code srgan evaluate --model} with the shared pretrained ONNX SRGAN reproduces PyTorch's scores
 * of that model (../shared/README.md: Set5 30.640 dB / 0.8631, Set14 27.589 / 0.7518).
 */
class EvaluateModelTest {
    static final String ONNX = "models/pretrained/srgan_x4_leftthomas.onnx";

    @TempDir
    Path tmp;

    private JsonNode evaluate(String set, String... extra) throws Exception {
        Path model = SharedData.require(ONNX);
        Path hr = SharedData.require("data/benchmarks/" + set + "/HR");
        Path lr = SharedData.require("data/benchmarks/" + set + "/LR_bicubic_x4");
        Path json = tmp.resolve(set + ".json");
        String[] base = {"evaluate", "--model", model.toString(), "--hr", hr.toString(), "--lr", lr.toString(), "--scale", "4",
            "--json", json.toString(), "--border", "zero", "--back-projection", "0"}; // PyTorch's own output: the
            // whole image with zero padding, nothing after the network
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exit(), r.err());
        JsonNode n = new ObjectMapper().readTree(json.toFile());
        assertEquals("srgan_x4_leftthomas", n.get("method").asText());
        assertEquals(4, n.get("scale").asInt());
        assertEquals(set, n.get("dataset").asText());
        return n;
    }

    @Test
    void set5MatchesPyTorch() throws Exception {
        JsonNode n = evaluate("Set5", "--input-range", "0,1", "--output-range", "0,1");
        assertEquals(5, n.get("images").size());
        assertEquals(30.640, n.get("mean_psnr").asDouble(), 0.005);
        assertEquals(0.8631, n.get("mean_ssim").asDouble(), 0.0005);
    }

    @Test
    void theOutputRangeFlagIsApplied() throws Exception {
        // one Set5 image, LR made by degradation; the same file declared as a tanh model ([-1, 1] out) must lose many dB
        Path hr = java.nio.file.Files.createDirectories(tmp.resolve("one"));
        java.nio.file.Files.copy(SharedData.require("data/benchmarks/Set5/HR/img_003_SRF_4_HR.png"), hr.resolve("img_003.png"));
        String model = SharedData.require(ONNX).toString();
        double[] psnr = new double[2];
        String[][] ranges = {{"--output-range", "0,1"}, {"--output-range", "-1,1"}};
        for (int i = 0; i < 2; i++) {
            Path json = tmp.resolve("r" + i + ".json");
            // the network's own output: back-projection would partly undo a wrong range
            CliRun r = CliRun.of("evaluate", "--model", model, ranges[i][0], ranges[i][1], "--hr", hr.toString(), "--json",
                    json.toString(), "--back-projection", "0");
            assertEquals(0, r.exit(), r.err());
            psnr[i] = new ObjectMapper().readTree(json.toFile()).get("mean_psnr").asDouble();
        }
        assertTrue(psnr[0] > 25 && psnr[1] < psnr[0] - 10, java.util.Arrays.toString(psnr));
    }

    @Test
    @Tag("slow")
    void set14MatchesPyTorch() throws Exception {
        JsonNode n = evaluate("Set14");
        assertEquals(14, n.get("images").size());
        assertEquals(27.589, n.get("mean_psnr").asDouble(), 0.02);
        assertEquals(0.7518, n.get("mean_ssim").asDouble(), 0.002);
    }

    @Test
    void usage() {
        assertEquals(2, CliRun.of("evaluate", "--method", "bicubic", "--model", "m.onnx", "--hr", "x").exit());
        assertEquals(2, CliRun.of("evaluate", "--input-range", "0,1", "--hr", "x").exit(), "ranges need --model");
    }
}
