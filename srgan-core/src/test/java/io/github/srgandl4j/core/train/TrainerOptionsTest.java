package io.github.srgandl4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.model.Discriminator;
import io.github.srgandl4j.core.model.DiscriminatorConfig;
import io.github.srgandl4j.core.model.DiscriminatorConfig.Head;
import io.github.srgandl4j.core.model.DiscriminatorModel;
import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.nn.DataLayout;
import io.github.srgandl4j.core.nn.GraphContext;
import io.github.srgandl4j.core.nn.Parameters;
import io.github.srgandl4j.core.nn.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The trainer's options of issue 16: EMA, relativistic loss, discriminator variants, crops, compact checkpoints. */
class TrainerOptionsTest {
    private static final SrResNetConfig TINY = SrResNetConfig.of(4, 2, 16);
    private static final DiscriminatorConfig RUN_B = DiscriminatorConfig.of(32, 8).withVariant(false, true, Head.GLOBAL_AVERAGE);

    @TempDir
    Path dir;

    private SrganTrainer.Builder builder(Path ckpt, SrganTrainerTest.Recorder rec, DiscriminatorConfig d,
            AdversarialLoss loss, Double ema) {
        SrganTrainer.Builder b = SrganTrainer.builder()
                .setStage(TrainingStage.ADVERSARIAL)
                .setGenerator(SrResNetModel.initialise(TINY, 4))
                .optDiscriminator(DiscriminatorModel.initialise(d, 5))
                .setBatchSource(new SyntheticBatches(4, d.inputSize(), 4, 6, -1))
                .setContentLoss(TestLosses.MSE)
                .optAdversarialLoss(loss)
                .optGeneratorOptimizer(OptimizerConfig.adam(1e-3))
                .optCheckpoints(ckpt, 3)
                .addListener(rec);
        return ema == null ? b : b.optGeneratorEma(ema);
    }

    private static Map<String, float[]> snapshot(Parameters p) {
        Map<String, float[]> m = new HashMap<>();
        for (String n : p.names()) {
            m.put(n, p.get(n).dup().data().asFloat());
        }
        return m;
    }

    @Test
    void emaIsTheExponentialAverageOfTheGeneratorAfterEveryStep() {
        List<Map<String, float[]>> raw = new ArrayList<>();
        SrganTrainer t = builder(dir.resolve("e"), new SrganTrainerTest.Recorder(), DiscriminatorConfig.of(32, 8),
                TestLosses.BCE, 0.75).addListener(new TrainingListener() {
                    @Override
                    public void iterationDone(SrganTrainer trainer, IterationStats s, long total) {
                        raw.add(snapshot(trainer.generator().parameters()));
                    }

                    @Override
                    public void iterationDone(IterationStats s, long total) {}
                }).build();
        Map<String, float[]> initial = snapshot(t.generator().parameters());
        t.train(4);
        Parameters ema = t.outputGenerator().parameters();
        assertNotEquals(t.generator(), t.outputGenerator());
        assertEquals(ema, t.currentGenerator().parameters(), "validation sees the average");
        for (String n : initial.keySet()) {
            float[] e = initial.get(n);
            double[] expected = new double[e.length];
            for (int i = 0; i < e.length; i++) {
                expected[i] = e[i];
            }
            for (Map<String, float[]> step : raw) { // e_t = 0.75 e_(t-1) + 0.25 w_t
                for (int i = 0; i < e.length; i++) {
                    expected[i] = 0.75 * expected[i] + 0.25 * step.get(n)[i];
                }
            }
            float[] actual = ema.get(n).dup().data().asFloat();
            for (int i = 0; i < e.length; i++) {
                assertEquals(expected[i], actual[i], 1e-6 * (1 + Math.abs(expected[i])), n + "[" + i + "]");
            }
        }
        float[] last = raw.get(3).get("tail/conv/W");
        assertFalse(java.util.Arrays.equals(last, ema.get("tail/conv/W").dup().data().asFloat()), "average != raw");
        assertEquals(0.75, t.settings().get("generatorEma"));
    }

    @Test
    void resumeIsExactWithEmaRelativisticLossAndASpectralNormGlobalAverageDiscriminator() throws Exception {
        SrganTrainerTest.Recorder straight = new SrganTrainerTest.Recorder();
        SrganTrainer a = builder(dir.resolve("a"), straight, RUN_B, TestLosses.RELATIVISTIC, 0.9).build();
        a.train(4);

        SrganTrainerTest.Recorder first = new SrganTrainerTest.Recorder();
        SrganTrainer b = builder(dir.resolve("b"), first, RUN_B, TestLosses.RELATIVISTIC, 0.9).build();
        b.train(2);
        Path ckpt = Files.copy(b.lastCheckpoint(), dir.resolve("kept.srgan")); // the resumed run prunes its folder
        TrainingState s = Checkpoints.read(ckpt);
        assertTrue(s.generatorAverage() != null, "the checkpoint holds the average");
        SrganTrainerTest.Recorder second = new SrganTrainerTest.Recorder();
        SrganTrainer c = builder(dir.resolve("b"), second, RUN_B, TestLosses.RELATIVISTIC, 0.9).optResumeFrom(ckpt).build();
        c.train(4);
        List<double[]> resumed = new ArrayList<>(first.losses);
        resumed.addAll(second.losses);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(straight.losses.get(i), resumed.get(i), "losses of iteration " + i);
        }
        for (String n : new String[] {"tail/conv/W", "head/conv/W"}) {
            assertArrayEquals(a.outputGenerator().parameters().get(n).data().asFloat(),
                    c.outputGenerator().parameters().get(n).data().asFloat(), 0f, "EMA " + n);
        }
        for (String n : new String[] {"conv3/sn_u", "dense1/sn_v", "dense1/W"}) {
            assertArrayEquals(a.discriminator().parameters().get(n).data().asFloat(),
                    c.discriminator().parameters().get(n).data().asFloat(), 0f, "D " + n);
        }
        // a run without the average cannot resume from it, nor with another decay
        assertThrows(IllegalArgumentException.class, () -> builder(dir.resolve("b"), new SrganTrainerTest.Recorder(),
                RUN_B, TestLosses.RELATIVISTIC, null).optResumeFrom(ckpt).build());
        assertThrows(IllegalArgumentException.class, () -> builder(dir.resolve("b"), new SrganTrainerTest.Recorder(),
                RUN_B, TestLosses.RELATIVISTIC, 0.99).optResumeFrom(ckpt).build());
    }

    @Test
    void theRelativisticGeneratorLossSeesTheDiscriminatorOnTheHrBatch() {
        DiscriminatorConfig dc = DiscriminatorConfig.of(32, 8);
        SrResNetModel g = SrResNetModel.initialise(TINY, 2);
        DiscriminatorModel d = DiscriminatorModel.initialise(dc, 3);
        GeneratorTrainingGraph gg = new GeneratorTrainingGraph(g, TestLosses.MSE, TestLosses.MEAN_REAL_LOGIT, 1.0, d,
                OptimizerConfig.adam(1e-3), false);
        try (Batch b = new SyntheticBatches(4, 32, 4, 9, -1).batch(0)) {
            // the discriminator on the HR batch, in its own graph (training mode: batch statistics, as in the step)
            SameDiff sd = SameDiff.create();
            SDVariable in = sd.placeHolder("x", DataType.FLOAT, -1, 3, 32, 32);
            Discriminator.build(new GraphContext(sd, d.parameters(), Phase.TRAIN, GraphContext.Binding.CONSTANTS), dc, in,
                    "logit");
            double expected = sd.output(Map.of("x", b.hr()), "logit").get("logit").meanNumber().doubleValue();
            double[] losses = gg.step(b.lr(), b.hr());
            assertEquals(expected, losses[2], 1e-5 * (1 + Math.abs(expected)));
        }
    }

    @Test
    @Tag("slow")
    void smallerCropsWorkWithTheDiscriminatorsDenseLayerSizedForThem() {
        for (DiscriminatorConfig dc : new DiscriminatorConfig[] {DiscriminatorConfig.of(16, 8),
                DiscriminatorConfig.of(48, 8).withVariant(false, true, Head.GLOBAL_AVERAGE)}) {
            {
                SrganTrainerTest.Recorder rec = new SrganTrainerTest.Recorder();
                SrganTrainer t = builder(dir.resolve("c" + dc.inputSize()), rec, dc, TestLosses.BCE, null).build();
                t.train(1);
                for (double[] l : rec.losses) {
                    for (double v : l) {
                        assertTrue(Double.isFinite(v), dc.describe() + ": " + java.util.Arrays.toString(l));
                    }
                }
            }
        }
        // a discriminator for another crop is refused
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SrganTrainer.builder()
                .setStage(TrainingStage.ADVERSARIAL).setGenerator(SrResNetModel.initialise(TINY, 4))
                .optDiscriminator(DiscriminatorModel.initialise(DiscriminatorConfig.of(32, 8), 5))
                .setBatchSource(new SyntheticBatches(4, 48, 4, 6, -1)).setContentLoss(TestLosses.MSE)
                .optAdversarialLoss(TestLosses.BCE).build());
        assertTrue(e.getMessage().contains("discriminator input size 32 == HR crop size 48"), e.getMessage());
    }

    @Test
    void bfloat16MomentsHalveTheirBytesRoundWithinHalfAUnitAndResumeClose() throws Exception {
        SrganTrainerTest.Recorder straight = new SrganTrainerTest.Recorder();
        SrganTrainer a = builder(dir.resolve("a"), straight, RUN_B, TestLosses.BCE, null).build();
        a.train(5);
        SrganTrainerTest.Recorder first = new SrganTrainerTest.Recorder();
        SrganTrainer b = builder(dir.resolve("b"), first, RUN_B, TestLosses.BCE, null)
                .optCheckpointMoments(MomentPrecision.BFLOAT16).build();
        b.train(3);
        Path compact = b.lastCheckpoint();
        Path exact = Checkpoints.fileFor(dir.resolve("x"), 3);
        TrainingState s = Checkpoints.read(compact);
        // the same state written exactly, for the sizes and the moments before rounding
        SrganTrainer ref = builder(dir.resolve("x"), new SrganTrainerTest.Recorder(), RUN_B, TestLosses.BCE, null).build();
        ref.train(3);
        TrainingState e = Checkpoints.read(exact);
        long parameters = e.generator().parameters().count(Parameters.Role.TRAINABLE)
                + e.discriminator().parameters().count(Parameters.Role.TRAINABLE);
        long saved = Files.size(exact) - Files.size(compact);
        // two moments per trainable value, 2 of 4 bytes saved each (zip overhead aside)
        assertEquals(4.0 * parameters, saved, 0.1 * 4 * parameters, "bytes saved (zip compression aside)");
        for (Map.Entry<String, INDArray> m : e.discriminatorOptimizer().entrySet()) {
            float[] x = m.getValue().dup().data().asFloat();
            float[] y = s.discriminatorOptimizer().get(m.getKey()).dup().data().asFloat();
            for (int i = 0; i < x.length; i++) {
                assertTrue(Math.abs(x[i] - y[i]) <= Math.abs(x[i]) * Math.scalb(1.0, -8), m.getKey() + "[" + i + "]: "
                        + x[i] + " -> " + y[i]);
            }
        }
        SrganTrainerTest.Recorder second = new SrganTrainerTest.Recorder();
        SrganTrainer c = builder(dir.resolve("b"), second, RUN_B, TestLosses.BCE, null).optResumeFrom(compact).build();
        c.train(5);
        for (int i = 0; i < 2; i++) { // close (rounded moments), not necessarily identical
            double[] want = straight.losses.get(3 + i);
            double[] got = second.losses.get(i);
            for (int k = 0; k < want.length; k++) {
                assertEquals(want[k], got[k], 1e-3 * Math.abs(want[k]) + 1e-6, "iteration " + (3 + i) + " loss " + k);
            }
        }
    }

    @Test
    void bfloat16RoundingByHand() {
        assertEquals((short) 0x3F80, MomentPrecision.toBfloat16(1.0f));
        // 1 + 2^-8 is half way between 1 and 1 + 2^-7: ties to even, down to 1
        assertEquals((short) 0x3F80, MomentPrecision.toBfloat16(1.0f + (float) Math.scalb(1.0, -8)));
        // 1 + 3 * 2^-8 is half way between 1 + 2^-7 (odd) and 1 + 2^-6: up to 1 + 2^-6
        assertEquals((short) 0x3F82, MomentPrecision.toBfloat16(1.0f + 3 * (float) Math.scalb(1.0, -8)));
        assertEquals((short) 0xC040, MomentPrecision.toBfloat16(-3.0f));
        // a second moment of 1e-20 keeps its magnitude (float16 would flush it to 0)
        assertEquals(1e-20, MomentPrecision.fromBfloat16(MomentPrecision.toBfloat16(1e-20f)), 1e-20 / 256);
        assertEquals(MomentPrecision.BFLOAT16, MomentPrecision.parse("BFloat16"));
        assertThrows(IllegalArgumentException.class, () -> MomentPrecision.parse("float16"));
    }

    /**
     * The discriminator channels-last inside both training graphs trains to the same weights as NCHW, for the paper's
     * variant and the campaign's, two iterations: bit for bit up to float rounding where the compiled steps run exactly
     * SameDiff's ops, and within a tenth of one Adam step (lr 1e-3) with the JVM/BLAS kernels of the channels-last
     * per-channel scale and mean, which sum in another order.
     */
    @Test
    void aChannelsLastDiscriminatorTrainsToTheSameWeights() {
        DiscriminatorConfig paper = DiscriminatorConfig.of(32, 8);
        for (DiscriminatorConfig dc : new DiscriminatorConfig[] {paper, RUN_B}) {
            AdversarialLoss loss = dc == paper ? TestLosses.BCE : TestLosses.MEAN_REAL_LOGIT;
            List<Map<String, float[]>> weights = new ArrayList<>();
            List<List<double[]>> losses = new ArrayList<>();
            Object[][] runs = {{DataLayout.NCHW, false}, {DataLayout.NHWC, false}, {DataLayout.NHWC, true}};
            for (Object[] run : runs) {
                SrganTrainerTest.Recorder rec = new SrganTrainerTest.Recorder();
                SrganTrainer t = builder(dir.resolve(dc.describe().hashCode() + "-" + run[0] + run[1]), rec, dc, loss, null)
                        .optDiscriminatorLayout((DataLayout) run[0]).optReorderedSums((Boolean) run[1]).build();
                t.train(2);
                Map<String, float[]> w = snapshot(t.generator().parameters());
                snapshot(t.discriminator().parameters()).forEach((k, v) -> w.put("D/" + k, v));
                weights.add(w);
                losses.add(rec.losses);
            }
            for (int r = 1; r < runs.length; r++) {
                String what = dc.describe() + ", " + runs[r][0] + (((Boolean) runs[r][1]) ? " with JVM kernels" : "");
                float tolerance = ((Boolean) runs[r][1]) ? 1e-4f : 1e-5f;
                for (int i = 0; i < losses.get(0).size(); i++) {
                    assertArrayEquals(losses.get(0).get(i), losses.get(r).get(i), 1e-5, what + ": losses " + i);
                }
                for (String n : weights.get(0).keySet()) {
                    if ((Boolean) runs[r][1] && dc.batchNorm() && n.matches("D/conv[1-7]/b")) {
                        // a bias before BN has a zero gradient up to rounding, which Adam scales to whole steps
                        continue;
                    }
                    assertArrayEquals(weights.get(0).get(n), weights.get(r).get(n), tolerance, what + ": " + n);
                }
            }
        }
    }
}
