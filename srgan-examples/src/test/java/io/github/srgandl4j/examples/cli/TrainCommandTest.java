package io.github.srgandl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.model.Models;
import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.testing.SharedData;
import io.github.srgandl4j.core.train.Checkpoints;
import io.github.srgandl4j.core.train.OptimizerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code srgan train}: writes a loadable model with provenance, resumes, and fails clearly. */
class TrainCommandTest {
    @TempDir
    Path tmp;

    @Test
    void pretrainWritesAModelThatUpscaleAndEvaluateAcceptAndResumeContinues() throws Exception {
        Path t91 = SharedData.require("data/train/t91");
        Path ckpt = tmp.resolve("ckpt");
        Path out = tmp.resolve("g.srgan");
        String[] common = tinyPretrain(t91, ckpt, out, "--checkpoint-every", "2");
        CliRun r = CliRun.of(concat(common, "--steps", "3"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("wrote " + out + " (srresnet, 3 steps)"), r.out());
        SrResNetModel m = (SrResNetModel) Models.load(out);
        assertEquals(1, m.config().residualBlocks());
        assertEquals("3", m.provenance().details().get("iterations"));
        assertEquals("mse", m.provenance().details().get("contentLoss"));
        assertEquals(Checkpoints.fileFor(ckpt, 3), Checkpoints.latest(ckpt).orElseThrow());

        CliRun resumed = CliRun.of(concat(common, "--steps", "5", "--resume", "--force")); // -o exists
        assertEquals(0, resumed.exit(), resumed.err());
        assertTrue(resumed.out().contains("(srresnet, 5 steps)"), resumed.out());
        assertEquals("5", Models.load(out).provenance().details().get("iterations"));

        // nothing left to train: writes the checkpoint's generator, validated at its own iteration, with extra provenance
        Path set5 = SharedData.require("data/benchmarks/Set5/HR");
        Path exported = tmp.resolve("exported.srgan");
        String[] export = concat(common, "--steps", "5", "--resume", "--val", set5.toString(), "--val-metrics",
                "psnr,ssim,niqe,grid", "--provenance", "commit=abc123", "--provenance", "note=export");
        export[java.util.Arrays.asList(export).indexOf(out.toString())] = exported.toString(); // -o
        CliRun ex = CliRun.of(export);
        assertEquals(0, ex.exit(), ex.err());
        var details = Models.load(exported).provenance().details();
        assertEquals("5", details.get("iterations"));
        assertEquals("abc123", details.get("commit"));
        assertEquals("export", details.get("note"));
        double psnr = Double.parseDouble(details.get("validationPsnr"));
        // the recorded validation PSNR is that of the written generator: evaluate scores the file itself
        Path json = tmp.resolve("eval.json");
        // (the network's own output: validation does not back-project)
        CliRun eval = CliRun.of("evaluate", "--model", exported.toString(), "--hr", set5.toString(), "--json", json.toString(),
                "--back-projection", "0");
        assertEquals(0, eval.exit(), eval.err());
        var report = new org.nd4j.shade.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertEquals(report.get("mean_psnr").asDouble(), psnr, 6e-5, "validation PSNR (4 decimals) of the exported generator");
        // --val-metrics: NIQE and grid of the same outputs, as evaluate measures them; texture was not asked for
        assertEquals(report.get("mean_niqe").asDouble(), Double.parseDouble(details.get("validationNiqe")), 6e-5);
        assertEquals(report.get("mean_grid").asDouble(), Double.parseDouble(details.get("validationGrid")), 6e-5);
        assertTrue(!details.containsKey("validationTexture"), details.toString());
        assertEquals(Checkpoints.fileFor(ckpt, 5), Checkpoints.latest(ckpt).orElseThrow(), "no new checkpoint");
    }

    @Test
    void severalLearningRateDecaysAndAResumeThatAddsOne() throws Exception {
        Path t91 = SharedData.require("data/train/t91");
        Path ckpt = tmp.resolve("ms");
        Path out = tmp.resolve("ms.srgan");
        String[] common = tinyPretrain(t91, ckpt, out, "--checkpoint-every", "3", "--lr", "1e-3");
        CliRun r = CliRun.of(concat(common, "--steps", "3", "--lr-decay-at", "1, 2"));
        assertEquals(0, r.exit(), r.err());
        assertEquals(OptimizerConfig.adam(1e-3).withDecays(java.util.List.of(1L, 2L), 0.1).toString(),
                Models.load(out).provenance().details().get("generatorOptimizer"));

        CliRun inThePast = CliRun.of(concat(common, "--steps", "5", "--resume", "--force", "--lr-decay-at", "0,1,2"));
        assertEquals(1, inThePast.exit(), inThePast.err());
        assertTrue(inThePast.err().contains("resuming needs the same"), inThePast.err());
        CliRun added = CliRun.of(concat(common, "--steps", "5", "--resume", "--force", "--lr-decay-at", "1,2,4"));
        assertEquals(0, added.exit(), added.err());
        assertEquals(OptimizerConfig.adam(1e-3).withDecays(java.util.List.of(1L, 2L, 4L), 0.1).toString(),
                Models.load(out).provenance().details().get("generatorOptimizer"));

        for (String bad : new String[] {"2,1", "3,3", "-1", "5,x", ""}) {
            CliRun u = CliRun.of(concat(common, "--steps", "1", "--lr-decay-at", bad));
            assertEquals(2, u.exit(), bad + ": " + u.err());
            assertTrue(u.err().contains("--lr-decay-at"), u.err());
        }
    }

    /**
     * One pretraining step of a 1-block, 8-channel x2 SRResNet on T91 with {@code options} added, into
     * {@code name}.srgan; returns the content loss its provenance records.
     */
    private String contentLossOfOneTinyStep(String name, String... options) {
        Path out = tmp.resolve(name + ".srgan");
        CliRun r = CliRun.of(tinyPretrain(SharedData.require("data/train/t91"), tmp.resolve(name + "-c"), out,
                concat(new String[] {"--scale", "2", "--steps", "1"}, options)));
        assertEquals(0, r.exit(), r.err());
        return Models.load(out).provenance().details().get("contentLoss");
    }

    /** A one-step pretraining on T91 with {@code options} exits 2 with {@code message} and writes no model. */
    private void assertUsageError(String message, String... options) {
        CliRun r = pretrainOneStep(SharedData.require("data/train/t91"), "refused-c", options);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertFalse(Files.exists(tmp.resolve("o.srgan")));
    }

    @Test
    void gridWeightAddsThePenaltyAtTheScalesPeriod() throws Exception {
        assertEquals("mse + 100.0 x phase bias (period 2)", contentLossOfOneTinyStep("grid", "--grid-weight", "100"));
        assertEquals("mse + 100.0 x phase bias (period 2, uncentred)",
                contentLossOfOneTinyStep("grid-uncentred", "--grid-weight", "100", "--grid-penalty", "uncentred"));
        assertUsageError("--grid-penalty: expected centred or uncentred, got 'median'", "--grid-weight", "100",
                "--grid-penalty", "median");
    }

    @Test
    void lumaMseContentLossIsAChoiceAndRecorded() throws Exception {
        assertEquals("mse-y", contentLossOfOneTinyStep("luma", "--content", "mse-y"));
        // --pixel-weight anchors the colour the luma MSE leaves free with an RGB term
        assertEquals("mse-y + 0.25 x mse",
                contentLossOfOneTinyStep("luma-anchored", "--content", "mse-y", "--pixel-weight", "0.25"));
        assertUsageError("the content loss is already the pixel MSE", "--pixel-weight", "0.25");
        assertUsageError("--content must be mse, mse-y or vgg, got 'mse-rgb'", "--content", "mse-rgb");
        assertUsageError("distance must be mse or l1, got 'huber'", "--content", "mse-y", "--pixel-loss", "huber");
    }

    @Test
    void discriminatorLearningRateIsItsOwnAndDecaysWithTheGenerators() throws Exception {
        Path t91 = SharedData.require("data/train/t91");
        Path init = tmp.resolve("init.srgan");
        SrResNetModel.initialise(SrResNetConfig.of(2, 1, 8), 5).save(init);
        Path out = tmp.resolve("gan.srgan");
        CliRun r = CliRun.of("train", "--stage", "adversarial", "--init", init.toString(), "--content", "mse",
                "--data", t91.toString(), "--batch", "2", "--crop", "32", "--scale", "2", "--steps", "1",
                "--lr", "1e-4", "--discriminator-lr", "2e-5", "--lr-decay-at", "7",
                "--checkpoint-dir", tmp.resolve("cd").toString(), "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        var details = Models.load(out).provenance().details();
        String g = OptimizerConfig.adam(1e-4).withDecay(7, 0.1).toString();
        String d = OptimizerConfig.adam(2e-5).withDecay(7, 0.1).toString();
        assertEquals(g, details.get("generatorOptimizer"), details.toString());
        assertEquals(d, details.get("discriminatorOptimizer"), details.toString());
        assertTrue(d.contains("2.0E-5"), d);
        assertEquals("d-first", details.get("stepOrder"), "the paper's order by default");

        Path gFirst = tmp.resolve("gan-g-first.srgan");
        CliRun g1 = CliRun.of("train", "--stage", "adversarial", "--init", init.toString(), "--content", "mse",
                "--data", t91.toString(), "--batch", "2", "--crop", "32", "--scale", "2", "--steps", "1",
                "--step-order", "g-first", "--checkpoint-dir", tmp.resolve("cg1").toString(), "-o", gFirst.toString());
        assertEquals(0, g1.exit(), g1.err());
        assertEquals("g-first", Models.load(gFirst).provenance().details().get("stepOrder"));
        CliRun badOrder = CliRun.of("train", "--stage", "adversarial", "--init", init.toString(), "--content", "mse",
                "--data", t91.toString(), "--steps", "1", "--step-order", "sideways",
                "--checkpoint-dir", tmp.resolve("cg2").toString(), "-o", tmp.resolve("bad.srgan").toString());
        assertEquals(2, badOrder.exit());
        assertTrue(badOrder.err().contains("--step-order: step order must be d-first or g-first, got 'sideways'"),
                badOrder.err());

        CliRun viaFit = pretrainOneStep(t91, "c8", "--step-executor", "samediff");
        assertEquals(0, viaFit.exit(), viaFit.err());
        assertEquals("samediff", Models.load(tmp.resolve("o.srgan")).provenance().details().get("stepExecutor"));
        assertEquals("compiled", Models.load(out).provenance().details().get("stepExecutor"), "compiled by default");
        CliRun badExecutor = pretrainOneStep(t91, "c9", "--step-executor", "turbo");
        assertEquals(2, badExecutor.exit());
        assertTrue(badExecutor.err().contains("--step-executor: unknown step executor 'turbo' (expected compiled or samediff)"),
                badExecutor.err());

        CliRun onPretrain = pretrainOneStep(t91, "c6", "--discriminator-lr", "1e-5");
        assertEquals(2, onPretrain.exit());
        assertTrue(onPretrain.err().contains("--discriminator-lr applies to --stage adversarial"), onPretrain.err());
        CliRun zero = CliRun.of("train", "--stage", "adversarial", "--init", init.toString(), "--content", "mse",
                "--data", t91.toString(), "--steps", "1", "--discriminator-lr", "0",
                "--checkpoint-dir", tmp.resolve("c7").toString(), "-o", tmp.resolve("z.srgan").toString());
        assertEquals(2, zero.exit());
        assertTrue(zero.err().contains("--discriminator-lr must be finite and > 0, got 0.0"), zero.err());
        assertFalse(Files.exists(tmp.resolve("z.srgan")), "no model written by a refused run");
    }

    @Test
    void usageAndFailures() throws Exception {
        Path t91 = SharedData.require("data/train/t91");
        CliRun noInit = CliRun.of("train", "--stage", "adversarial", "--data", t91.toString(), "--steps", "1",
                "--checkpoint-dir", tmp.resolve("c").toString(), "-o", tmp.resolve("o.srgan").toString());
        assertEquals(2, noInit.exit());
        assertTrue(noInit.err().contains("--init MODEL"), noInit.err());

        CliRun badMetric = CliRun.of("train", "--stage", "pretrain", "--data", t91.toString(), "--steps", "1",
                "--val", t91.toString(), "--val-metrics", "psnr,lpips", "--checkpoint-dir", tmp.resolve("c").toString(),
                "-o", tmp.resolve("o.srgan").toString());
        assertEquals(2, badMetric.exit());
        assertTrue(badMetric.err().contains("--val-metrics: unknown metric 'lpips'"), badMetric.err());
        CliRun metricsWithoutVal = CliRun.of("train", "--stage", "pretrain", "--data", t91.toString(), "--steps", "1",
                "--val-metrics", "niqe", "--checkpoint-dir", tmp.resolve("c").toString(), "-o", tmp.resolve("o.srgan").toString());
        assertEquals(2, metricsWithoutVal.exit());
        assertTrue(metricsWithoutVal.err().contains("--val-metrics needs --val"), metricsWithoutVal.err());

        CliRun badStage = CliRun.of("train", "--stage", "gan", "--data", t91.toString(), "--steps", "1",
                "--checkpoint-dir", tmp.resolve("c").toString(), "-o", tmp.resolve("o.srgan").toString());
        assertEquals(2, badStage.exit());

        CliRun noCkpt = CliRun.of("train", "--stage", "pretrain", "--resume", "--data", t91.toString(), "--steps", "1",
                "--checkpoint-dir", tmp.resolve("empty").toString(), "-o", tmp.resolve("o.srgan").toString());
        assertEquals(1, noCkpt.exit());
        assertTrue(noCkpt.err().contains("no checkpoint-*.srgan in"), noCkpt.err());

        CliRun missingVgg = CliRun.of("train", "--stage", "adversarial", "--init", tmp.resolve("none.srgan").toString(),
                "--vgg", tmp.resolve("nope.h5").toString(), "--data", t91.toString(), "--steps", "1",
                "--checkpoint-dir", tmp.resolve("c2").toString(), "-o", tmp.resolve("o.srgan").toString());
        assertEquals(1, missingVgg.exit());
        assertTrue(missingVgg.err().contains("nope.h5"), missingVgg.err());

        CliRun pixelOnMse = pretrainOneStep(t91, "c3", "--pixel-weight", "5");
        assertEquals(2, pixelOnMse.exit());
        assertTrue(pixelOnMse.err().contains("--pixel-weight adds to a VGG or mse-y content loss"), pixelOnMse.err());
        CliRun negative = pretrainOneStep(t91, "c4", "--pixel-weight", "-1");
        assertEquals(2, negative.exit());
        assertTrue(negative.err().contains("--pixel-weight must be finite and >= 0, got -1.0"), negative.err());
        CliRun negativeGrid = pretrainOneStep(t91, "c5", "--grid-weight", "-2");
        assertEquals(2, negativeGrid.exit());
        assertTrue(negativeGrid.err().contains("--grid-weight must be finite and >= 0, got -2.0"), negativeGrid.err());
        CliRun zeroLr = pretrainOneStep(t91, "c8", "--lr", "0");
        assertEquals(2, zeroLr.exit());
        assertTrue(zeroLr.err().contains("--lr must be finite and > 0, got 0.0"), zeroLr.err());
        assertFalse(Files.exists(tmp.resolve("o.srgan")), "no model written by a refused run");
    }

    /** {@code train --stage pretrain FLAGS} on {@code data}, one step, checkpoints in tmp/ckpt, model to tmp/o.srgan. */
    /** train arguments for a 1-block, 8-channel pretraining run on {@code data}, plus {@code flags}. */
    private static String[] tinyPretrain(Path data, Path ckpt, Path out, String... flags) {
        return concat(new String[] {"train", "--stage", "pretrain", "--data", data.toString(), "--blocks", "1",
            "--channels", "8", "--batch", "2", "--crop", "32", "--checkpoint-dir", ckpt.toString(), "-o", out.toString()},
            flags);
    }

    private CliRun pretrainOneStep(Path data, String ckpt, String... flags) {
        return CliRun.of(concat(new String[] {"train", "--stage", "pretrain", "--data", data.toString(), "--steps", "1",
            "--checkpoint-dir", tmp.resolve(ckpt).toString(), "-o", tmp.resolve("o.srgan").toString()}, flags));
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
