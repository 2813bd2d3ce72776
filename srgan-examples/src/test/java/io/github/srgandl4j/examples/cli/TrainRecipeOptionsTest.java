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
import io.github.srgandl4j.core.train.TrainingState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code srgan train}'s options of issue 16 (recipe, presets, compact checkpoints) end to end. */
class TrainRecipeOptionsTest {
    @TempDir
    Path tmp;

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** {@code flags} with another checkpoint folder (under tmp) and output file. */
    private String[] elsewhere(String[] flags, String checkpoints, Path out) {
        String[] r = flags.clone();
        java.util.List<String> l = java.util.Arrays.asList(r);
        r[l.indexOf("--checkpoint-dir") + 1] = tmp.resolve(checkpoints).toString();
        r[l.indexOf("-o") + 1] = out.toString();
        return r;
    }

    @Test
    void theEsrganLikeRecipeTrainsResumesAndRecordsEverySetting() throws Exception {
        Path t91 = SharedData.require("data/train/t91");
        Path vgg = SharedData.require("models/vgg19/vgg19_block3_notop_weights.h5");
        Path init = tmp.resolve("init.srgan");
        SrResNetModel.initialise(SrResNetConfig.of(4, 1, 8), 5).save(init);
        Path ckpt = tmp.resolve("c");
        Path out = tmp.resolve("gan.srgan");
        String[] flags = {"train", "--stage", "adversarial", "--init", init.toString(), "--data", t91.toString(),
            "--vgg", vgg.toString(), "--vgg-layer", "3,4", "--vgg-before-activation", "--vgg-distance", "l1",
            "--vgg-scale", "0.0172", "--pixel-weight", "5e-3", "--pixel-loss", "l1", "--gan-loss", "relativistic",
            "--adversarial-weight", "5e-3", "--ema", "0.999", "--discriminator-norm", "spectral",
            "--discriminator-head", "gap", "--discriminator-channels", "8", "--checkpoint-moments", "bfloat16",
            "--adam-beta2", "0.99", "--batch", "2", "--crop", "32", "--checkpoint-dir", ckpt.toString(), "--checkpoint-every", "1",
            "-o", out.toString()};
        CliRun r = CliRun.of(concat(flags, "--steps", "1"));
        assertEquals(0, r.exit(), r.err());
        TrainingState s = Checkpoints.read(Checkpoints.latest(ckpt).orElseThrow());
        assertTrue(s.generatorAverage() != null, "the checkpoint holds the average");
        assertTrue(s.discriminator().parameters().contains("conv0/sn_u"));
        CliRun resumed = CliRun.of(concat(flags, "--steps", "2", "--resume", "--force")); // --force: the resumed run rewrites its -o
        assertEquals(0, resumed.exit(), resumed.err());
        Map<String, String> d = Models.load(out).provenance().details();
        assertEquals("2", d.get("iterations"));
        assertTrue(d.get("contentLoss").startsWith("vgg19 phi_3,4 before activation l1, features x 0.0172 ("), d.get("contentLoss"));
        assertTrue(d.get("contentLoss").endsWith(" + 0.005 x l1"), d.get("contentLoss"));
        assertTrue(d.get("contentLoss").contains("; run N"), "the layout VGG19 ran in: " + d.get("contentLoss"));
        // --vgg-layout: named in the provenance; a wrong value is a usage error naming the option
        Path nchwOut = tmp.resolve("nchw.srgan");
        CliRun n = CliRun.of(concat(elsewhere(flags, "c2", nchwOut), "--steps", "1", "--vgg-layout", "nchw",
                "--d-layout", "nchw"));
        assertEquals(0, n.exit(), n.err());
        assertTrue(Models.load(nchwOut).provenance().details().get("contentLoss").contains("; run NCHW)"));
        CliRun bad = CliRun.of(concat(elsewhere(flags, "c3", tmp.resolve("bad.srgan")), "--steps", "1", "--vgg-layout",
                "planar"));
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().contains("--vgg-layout") && bad.err().contains("'planar'"), bad.err());
        assertFalse(Files.exists(tmp.resolve("bad.srgan")));
        // --d-layout: the same checks
        CliRun badD = CliRun.of(concat(elsewhere(flags, "c4", tmp.resolve("badd.srgan")), "--steps", "1", "--d-layout",
                "planar"));
        assertEquals(2, badD.exit(), badD.err());
        assertTrue(badD.err().contains("--d-layout: the discriminator layout") && badD.err().contains("'planar'"),
                badD.err());
        assertFalse(Files.exists(tmp.resolve("badd.srgan")));
        assertEquals("relativistic-average bce-from-logits (ESRGAN)", d.get("adversarialLoss"));
        assertEquals("0.999", d.get("generatorEma"));
        assertEquals("32px, 8 channels, no batch norm, spectral norm, global-average head", d.get("discriminator"));
        assertEquals("bfloat16", d.get("checkpointMoments"));
        assertEquals(new OptimizerConfig(1e-4, 0.9, 0.99, 1e-8, Long.MAX_VALUE, 1).toString(), d.get("generatorOptimizer"));
        // the written generator is the average: after 2 steps at 0.999 it is still within 1e-2 of the initial one
        SrResNetModel written = (SrResNetModel) Models.load(out);
        SrResNetModel start = SrResNetModel.load(init);
        float[] a = written.parameters().get("tail/conv/W").dup().data().asFloat();
        float[] b = start.parameters().get("tail/conv/W").dup().data().asFloat();
        float[] raw = s.generator().parameters().get("tail/conv/W").dup().data().asFloat();
        double toStart = 0;
        double rawToStart = 0;
        for (int i = 0; i < a.length; i++) {
            toStart = Math.max(toStart, Math.abs(a[i] - b[i]));
            rawToStart = Math.max(rawToStart, Math.abs(raw[i] - b[i]));
        }
        // Adam moves each raw weight by ~lr = 1e-4 per step; the average moves by 1e-3 of that
        assertTrue(rawToStart > 5e-5, "raw generator moved " + rawToStart);
        assertTrue(toStart < rawToStart * 0.01, "average moved " + toStart + ", raw " + rawToStart);

        // resuming with another discriminator is refused
        String[] flatten = flags.clone();
        flatten[java.util.Arrays.asList(flatten).indexOf("gap")] = "flatten";
        CliRun other = CliRun.of(concat(flatten, "--steps", "3", "--resume", "--force"));
        assertEquals(2, other.exit(), other.err());
        assertTrue(other.err().contains("the checkpoint's discriminator is 32px, 8 channels"), other.err());
    }

    @Test
    void presetsSetThePapersValuesUnlessAFlagIsGivenAndPrintThem() throws Exception {
        Path t91 = SharedData.require("data/train/t91");
        Path out = tmp.resolve("p.srgan");
        CliRun r = CliRun.of("train", "--preset", "srresnet-mse", "--data", t91.toString(), "--steps", "1",
                "--blocks", "1", "--channels", "8", "--batch", "2", "--crop", "32",
                "--checkpoint-dir", tmp.resolve("c").toString(), "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("preset srresnet-mse, effective settings: --stage pretrain --content mse --scale 4 "
                + "--blocks 1 (given) --channels 8 (given) --batch 2 (given) --crop 32 (given) --lr 1.0E-4 --steps 1 (given)"),
                r.out());
        Map<String, String> d = Models.load(out).provenance().details();
        assertEquals("srresnet-mse", d.get("preset"));
        assertEquals(OptimizerConfig.adam(1e-4).toString(), d.get("generatorOptimizer"));
        assertEquals("mse", d.get("contentLoss"));

        // srgan-vgg54 with weights that stop at block 3: a clear error naming the preset and what is missing
        Path vgg = SharedData.require("models/vgg19/vgg19_block3_notop_weights.h5");
        Path init = tmp.resolve("init.srgan");
        SrResNetModel.initialise(SrResNetConfig.of(4, 1, 8), 5).save(init);
        CliRun v54 = CliRun.of("train", "--preset", "srgan-vgg54", "--init", init.toString(), "--vgg", vgg.toString(),
                "--data", t91.toString(), "--checkpoint-dir", tmp.resolve("c54").toString(), "-o",
                tmp.resolve("v54.srgan").toString());
        assertEquals(1, v54.exit(), v54.err());
        assertTrue(v54.err().contains("--preset srgan-vgg54 needs VGG19 phi_5,4, i.e. the full VGG19 notop weights"), v54.err());
        assertTrue(v54.err().contains("block5_conv4"), v54.err());
        assertTrue(v54.out().contains("--vgg-layer 5,4 --adversarial-weight 0.001"), v54.out());
        assertFalse(Files.exists(tmp.resolve("v54.srgan")));

        CliRun bad = CliRun.of("train", "--preset", "srgan", "--data", t91.toString(), "--checkpoint-dir",
                tmp.resolve("cb").toString(), "-o", tmp.resolve("b.srgan").toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--preset must be one of srresnet-mse,"), bad.err());
        CliRun none = CliRun.of("train", "--data", t91.toString(), "--checkpoint-dir", tmp.resolve("cn").toString(),
                "-o", tmp.resolve("n.srgan").toString());
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("--stage and --steps are required"), none.err());
    }
}
