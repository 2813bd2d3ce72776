package io.github.srgandl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.model.Provenance;
import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.model.SrResNetModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** {@code srgan calibrate-bn}: the written model, its provenance, and usage errors and failures. */
class CalibrateBnCommandTest {
    @TempDir
    Path tmp;

    Path data;
    Path model;

    @BeforeEach
    void setUp() throws Exception {
        data = TinyTrainingData.write(tmp.resolve("data"));
        model = tmp.resolve("tiny.srgan");
        SrResNetModel.initialise(SrResNetConfig.of(4, 1, 4), 3).save(model);
    }

    @Test
    void writesTheModelWithNewStatisticsAndTheSameWeights() {
        Path out = tmp.resolve("out/calibrated.srgan");
        CliRun r = CliRun.of("calibrate-bn", "--model", model.toString(), "--data", data.toString(), "--batches", "5",
                "--batch", "2", "--crop", "16", "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("calibrated the BN statistics of 3 layers of " + model + " over 5 batches of 2 x 16"
                + " crops"), r.out());
        assertTrue(r.err().contains("calibrate-bn: 5/5 batches"), r.err());
        SrResNetModel in = SrResNetModel.load(model);
        SrResNetModel calibrated = SrResNetModel.load(out);
        assertArrayEquals(in.parameters().get("res0/conv1/W").ravel().toFloatVector(),
                calibrated.parameters().get("res0/conv1/W").ravel().toFloatVector());
        for (String bn : new String[] {"res0/bn1", "res0/bn2", "mid/bn"}) {
            // a fresh model's running statistics are 0 and 1; the batches' are not
            assertFalse(in.parameters().get(bn + "/running_var").equalsWithEps(
                    calibrated.parameters().get(bn + "/running_var"), 1e-3), bn);
        }
        assertTrue(calibrated.provenance().details().get("bn_calibration").startsWith("5 batches of 2 x 16 crops from "),
                calibrated.provenance().details().toString());
    }

    @Test
    void withValTheCalibratedModelCarriesItsOwnValidation() throws Exception {
        Path out = tmp.resolve("v.srgan");
        Path json = tmp.resolve("v.json");
        CliRun r = CliRun.of("calibrate-bn", "--model", model.toString(), "--data", data.toString(), "--batches", "2",
                "--batch", "2", "--crop", "16", "--val", data.toString(), "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("calibrate-bn: validation on " + data + ": PSNR "), r.err());
        Map<String, String> d = SrResNetModel.load(out).provenance().details();
        // the recorded score is what evaluate measures the same way (the network's own output, reflection)
        CliRun e = CliRun.of("evaluate", "--model", out.toString(), "--hr", data.toString(), "--back-projection", "0",
                "--metrics", "psnr,ssim", "--json", json.toString());
        assertEquals(0, e.exit(), e.err());
        double measured = new ObjectMapper().readTree(json.toFile()).get("mean_psnr").asDouble();
        assertEquals(measured, Double.parseDouble(d.get("validationPsnr")), 1e-4, d.toString());
        assertTrue(d.containsKey("validationSsim"), d.toString());
    }

    @Test
    void cropAndBatchDefaultToTheModelsTrainingOnesAndAnotherCropIsReported() {
        SrResNetModel fresh = SrResNetModel.initialise(SrResNetConfig.of(4, 1, 4), 3);
        Path trained = tmp.resolve("trained.srgan");
        new SrResNetModel("srresnet", fresh.config(), fresh.parameters(), new Provenance("x", "t",
                Map.of("hrCrop", "16", "batchSize", "2"))).save(trained);
        CliRun r = CliRun.of("calibrate-bn", "--model", trained.toString(), "--data", data.toString(), "--batches", "2",
                "-o", tmp.resolve("a.srgan").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("over 2 batches of 2 x 16 crops"), r.out());
        assertFalse(r.err().contains("warning"), r.err());
        CliRun other = CliRun.of("calibrate-bn", "--model", trained.toString(), "--data", data.toString(), "--batches",
                "2", "--crop", "24", "-o", tmp.resolve("b.srgan").toString());
        assertEquals(0, other.exit(), other.err());
        assertTrue(other.out().contains("over 2 batches of 2 x 24 crops"), other.out());
        assertTrue(other.err().contains("calibrate-bn: warning: --crop 24, but " + trained + " was trained on 16-pixel"
                + " crops"), other.err());
    }

    @Test
    void badInputIsAUsageErrorOrAFailureAndWritesNothing() throws Exception {
        Path out = tmp.resolve("o.srgan");
        CliRun zero = CliRun.of("calibrate-bn", "--model", model.toString(), "--data", data.toString(), "--batches", "0",
                "-o", out.toString());
        assertEquals(2, zero.exit(), zero.err());
        assertTrue(zero.err().contains("--batches must be 1..100000, got 0"), zero.err());
        CliRun valLr = CliRun.of("calibrate-bn", "--model", model.toString(), "--data", data.toString(), "--val-lr",
                data.toString(), "-o", out.toString());
        assertEquals(2, valLr.exit(), valLr.err());
        assertTrue(valLr.err().contains("--val-lr needs --val"), valLr.err());
        CliRun noData = CliRun.of("calibrate-bn", "--model", model.toString(), "-o", out.toString());
        assertEquals(2, noData.exit(), noData.err());
        CliRun onnx = CliRun.of("calibrate-bn", "--model", tmp.resolve("m.onnx").toString(), "--data", data.toString(),
                "-o", out.toString());
        assertEquals(2, onnx.exit(), onnx.err());
        // crops larger than every image: the dataset has nothing to offer
        CliRun tooBig = CliRun.of("calibrate-bn", "--model", model.toString(), "--data", data.toString(), "--crop", "64",
                "--batch", "2", "-o", out.toString());
        assertEquals(1, tooBig.exit(), tooBig.err());
        assertFalse(Files.exists(out));
        Files.writeString(out, "keep");
        CliRun exists = CliRun.of("calibrate-bn", "--model", model.toString(), "--data", data.toString(), "--batches", "1",
                "--batch", "2", "--crop", "16", "-o", out.toString());
        assertEquals(1, exists.exit(), exists.err());
        assertTrue(exists.err().contains("exists; use --force"), exists.err());
        assertEquals("keep", Files.readString(out));
    }
}
