package io.github.srgandl4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.model.DiscriminatorConfig;
import io.github.srgandl4j.core.model.DiscriminatorModel;
import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.nn.DataLayout;
import io.github.srgandl4j.core.nn.Parameters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class SrganTrainerTest {
    private static final SrResNetConfig TINY = SrResNetConfig.of(4, 2, 16);

    @TempDir
    Path dir;

    private static Map<String, float[]> snapshot(Parameters p) {
        Map<String, float[]> m = new HashMap<>();
        for (String n : p.names()) {
            m.put(n, p.get(n).dup().data().asFloat());
        }
        return m;
    }

    private static int changed(Map<String, float[]> before, Parameters after) {
        int n = 0;
        for (String name : after.names()) {
            if (!java.util.Arrays.equals(before.get(name), after.get(name).dup().data().asFloat())) {
                n++;
            }
        }
        return n;
    }

    /** Records the losses of every iteration. */
    static final class Recorder implements TrainingListener {
        final List<double[]> losses = new ArrayList<>();
        final List<Double> rates = new ArrayList<>();

        @Override
        public void iterationDone(IterationStats s, long total) {
            losses.add(new double[] {s.generatorLoss(), s.contentLoss(), s.adversarialLoss(), s.discriminatorLoss()});
            rates.add(s.learningRate());
        }
    }

    /** The adversarial generator graph of the tests: MSE content, BCE adversarial x 1e-3, Adam 1e-3. */
    private static GeneratorTrainingGraph generatorGraph(SrResNetModel g, DiscriminatorModel d) {
        return new GeneratorTrainingGraph(g, TestLosses.MSE, TestLosses.BCE, 1e-3, d, OptimizerConfig.adam(1e-3), false);
    }

    @Test
    void discriminatorStepMovesOnlyDiscriminatorAndGeneratorStepOnlyGenerator() {
        SrResNetModel g = SrResNetModel.initialise(TINY, 2);
        DiscriminatorModel d = DiscriminatorModel.initialise(DiscriminatorConfig.of(32, 8), 3);
        GeneratorTrainingGraph gg = generatorGraph(g, d);
        DiscriminatorTrainingGraph dg = new DiscriminatorTrainingGraph(d, TestLosses.BCE, OptimizerConfig.adam(1e-3));
        try (Batch b = new SyntheticBatches(4, 32, 4, 9, -1).batch(0)) {
            Map<String, float[]> g0 = snapshot(g.parameters());
            Map<String, float[]> d0 = snapshot(d.parameters());
            dg.step(b.hr(), gg.generate(b.lr()));
            dg.copyWeightsToModel();
            gg.copyWeightsToModel();
            assertEquals(0, changed(g0, g.parameters()), "a D step changed the generator");
            int dTrainable = d.parameters().names(Parameters.Role.TRAINABLE).size();
            assertEquals(d.parameters().size(), changed(d0, d.parameters()), "every D tensor moves (weights and BN stats)");
            assertTrue(dTrainable > 0);

            gg.syncDiscriminator(d.parameters());
            Map<String, float[]> d1 = snapshot(d.parameters());
            Map<String, float[]> g1 = snapshot(g.parameters());
            gg.step(b.lr(), b.hr());
            gg.copyWeightsToModel();
            dg.copyWeightsToModel();
            assertEquals(0, changed(d1, d.parameters()), "a G step changed the discriminator");
            // every generator tensor moves: weights, and BN statistics (conv biases before a BN have an
            // exactly-zero gradient in theory, but Adam normalises its rounding noise into a small step)
            assertEquals(g.parameters().size(), changed(g1, g.parameters()), "a G step moves the generator");
        }
    }

    /**
     * The generator's graph holds no copy of the discriminator: its constants are the discriminator model's arrays, so
     * what the trainer writes into the model is what the next generator step reads (checked through the loss).
     */
    @Test
    void theGeneratorGraphReadsTheDiscriminatorModelsOwnTensors() {
        DiscriminatorModel d = DiscriminatorModel.initialise(DiscriminatorConfig.of(32, 8), 3);
        GeneratorTrainingGraph gg = generatorGraph(SrResNetModel.initialise(TINY, 2), d);
        int used = 0;
        for (String n : d.parameters().names()) {
            used += n.endsWith("running_mean") || n.endsWith("running_var") ? 0 : 1; // batch statistics here
        }
        assertEquals(used, gg.sharedDiscriminatorTensors(d.parameters()), "every tensor the graph uses is shared");
        try (Batch b = new SyntheticBatches(4, 32, 4, 9, -1).batch(0)) {
            Map<String, INDArray> in = Map.of(GeneratorTrainingGraph.LR, b.lr(), GeneratorTrainingGraph.HR, b.hr());
            double before = gg.output(in, GeneratorTrainingGraph.ADVERSARIAL).get(GeneratorTrainingGraph.ADVERSARIAL).getDouble(0);
            // the last layer's bias moves every logit: the adversarial loss changes without a sync
            String bias = d.parameters().names().stream().filter(n -> n.endsWith("/b")).reduce((x, y) -> y).orElseThrow();
            d.parameters().get(bias).addi(3.0);
            double after = gg.output(in, GeneratorTrainingGraph.ADVERSARIAL).get(GeneratorTrainingGraph.ADVERSARIAL).getDouble(0);
            assertNotEquals(before, after, 1e-3, "adversarial loss after changing the model's " + bias);
        }
    }

    @Test
    void generatorFirstOrderTrainsTheGeneratorAgainstTheOldDiscriminatorAndTheDiscriminatorOnItsOutput() {
        // reference: the two graphs driven by hand, the fakes from a separate forward call before the G step
        SrResNetModel gRef = SrResNetModel.initialise(TINY, 4);
        DiscriminatorModel dRef = DiscriminatorModel.initialise(DiscriminatorConfig.of(32, 8), 5);
        GeneratorTrainingGraph gg = new GeneratorTrainingGraph(gRef, TestLosses.MSE, TestLosses.BCE, 1e-3, dRef,
                OptimizerConfig.adam(1e-3).withDecay(5, 0.1), false); // adversarialBuilder's optimizers
        DiscriminatorTrainingGraph dg = new DiscriminatorTrainingGraph(dRef, TestLosses.BCE, OptimizerConfig.adam(1e-4));
        double[] gLoss;
        double dLoss;
        try (Batch b = new SyntheticBatches(4, 32, 4, 6, -1).batch(0); INDArray fake = gg.generate(b.lr())) {
            gLoss = gg.step(b.lr(), b.hr());
            dLoss = dg.step(b.hr(), fake);
        }
        gg.copyWeightsToModel();
        dg.copyWeightsToModel();

        Recorder rec = new Recorder();
        SrganTrainer t = adversarialBuilder(dir.resolve("g-first"), rec, -1).optStepOrder(StepOrder.GENERATOR_FIRST).build();
        t.train(1);
        assertEquals(gLoss[0], rec.losses.get(0)[0], 1e-6 * Math.abs(gLoss[0]), "generator loss against D_0");
        assertEquals(dLoss, rec.losses.get(0)[3], 1e-6 * Math.abs(dLoss), "discriminator loss on G_0's output");
        for (String n : gRef.parameters().names(Parameters.Role.TRAINABLE)) {
            assertArrayEquals(gRef.parameters().get(n).dup().data().asFloat(),
                    t.generator().parameters().get(n).dup().data().asFloat(), 1e-6f, n);
        }
        DiscriminatorModel dT = t.discriminator();
        for (String n : dRef.parameters().names(Parameters.Role.TRAINABLE)) {
            assertArrayEquals(dRef.parameters().get(n).dup().data().asFloat(),
                    dT.parameters().get(n).dup().data().asFloat(), 1e-6f, n);
        }
        assertEquals("g-first", t.trainedModel(Map.of()).provenance().details().get("stepOrder"));

        // the paper's order trains its first discriminator step on the same fakes, then its generator step differs
        Recorder dFirst = new Recorder();
        SrganTrainer p = adversarialBuilder(dir.resolve("d-first"), dFirst, -1).build();
        p.train(1);
        assertEquals(dLoss, dFirst.losses.get(0)[3], 1e-6 * Math.abs(dLoss));
        assertFalse(Math.abs(gLoss[2] - dFirst.losses.get(0)[2]) < 1e-9, "d-first's G step sees the updated D");

        assertThrows(IllegalStateException.class, () -> adversarialBuilder(dir.resolve("x"), new Recorder(), -1)
                .optStepOrder(StepOrder.GENERATOR_FIRST).optDiscriminatorSteps(2).build());
    }

    private SrganTrainer.Builder adversarialBuilder(Path ckpt, Recorder rec, long nanAt) {
        return adversarialBuilder(ckpt, rec, nanAt, 5);
    }

    private SrganTrainer.Builder adversarialBuilder(Path ckpt, Recorder rec, long nanAt, long decayAt) {
        return SrganTrainer.builder()
                .setStage(TrainingStage.ADVERSARIAL)
                // the layout of the hand-driven reference graphs above (a channels-last discriminator sums its
                // BN means in another order: TrainerOptionsTest compares the layouts)
                .optDiscriminatorLayout(DataLayout.NCHW)
                .setGenerator(SrResNetModel.initialise(TINY, 4))
                .optDiscriminator(DiscriminatorModel.initialise(DiscriminatorConfig.of(32, 8), 5))
                .setBatchSource(new SyntheticBatches(4, 32, 4, 6, nanAt))
                .setContentLoss(TestLosses.MSE)
                .optAdversarialLoss(TestLosses.BCE)
                .optGeneratorOptimizer(OptimizerConfig.adam(1e-3).withDecay(decayAt, 0.1))
                .optCheckpoints(ckpt, 3)
                .addListener(rec);
    }

    @Test
    void resumedTrainingGivesIdenticalLosses() {
        Recorder straight = new Recorder();
        SrganTrainer a = adversarialBuilder(dir.resolve("a"), straight, -1).build();
        a.train(8);

        Recorder first = new Recorder();
        SrganTrainer b = adversarialBuilder(dir.resolve("b"), first, -1).build();
        b.train(4);
        Path ckpt = b.lastCheckpoint();
        assertNotNull(ckpt);
        Recorder second = new Recorder();
        SrganTrainer c = adversarialBuilder(dir.resolve("b"), second, -1).optResumeFrom(ckpt).build();
        assertEquals(4, c.iteration());
        c.train(8);
        List<double[]> resumed = new ArrayList<>(first.losses);
        resumed.addAll(second.losses);
        assertEquals(8, resumed.size());
        for (int i = 0; i < 8; i++) {
            assertArrayEquals(straight.losses.get(i), resumed.get(i), "losses of iteration " + i);
        }
        INDArray wa = a.generator().parameters().get("tail/conv/W");
        INDArray wc = c.generator().parameters().get("tail/conv/W");
        assertArrayEquals(wa.data().asFloat(), wc.data().asFloat(), 0f);
    }

    /** A copy of a checkpoint outside the folder a resumed trainer prunes. */
    private Path copyOut(Path checkpoint) {
        try {
            return java.nio.file.Files.copy(checkpoint, dir.resolve("kept-" + checkpoint.getFileName()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void resumeMayChangeALearningRateDecayThatHasNotStartedYet() {
        Recorder straight = new Recorder();
        SrganTrainer a = adversarialBuilder(dir.resolve("a"), straight, -1, 6).build();
        a.train(8);

        Recorder first = new Recorder();
        SrganTrainer b = adversarialBuilder(dir.resolve("b"), first, -1, Long.MAX_VALUE).build();
        b.train(4);
        Path ckpt = copyOut(b.lastCheckpoint());
        // iterations 0..3 ran at 1e-3 under both schedules: resuming with the decay at 6 is the straight run
        Recorder second = new Recorder();
        SrganTrainer c = adversarialBuilder(dir.resolve("b"), second, -1, 6).optResumeFrom(ckpt).build();
        c.train(8);
        List<double[]> resumed = new ArrayList<>(first.losses);
        resumed.addAll(second.losses);
        for (int i = 0; i < 8; i++) {
            assertArrayEquals(straight.losses.get(i), resumed.get(i), "losses of iteration " + i);
        }
        assertEquals(1e-4, straight.rates.get(7), 1e-12);
        assertEquals(straight.rates, java.util.stream.Stream.concat(first.rates.stream(), second.rates.stream()).toList());

        // a decay at 3 would have changed iteration 3, which ran at 1e-3: refused, naming both settings
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> adversarialBuilder(dir.resolve("b"), new Recorder(), -1, 3).optResumeFrom(ckpt).build());
        assertTrue(e.getMessage().contains("resuming needs the same"), e.getMessage());
        // so is any other change, e.g. the adversarial weight
        assertThrows(IllegalArgumentException.class, () -> adversarialBuilder(dir.resolve("b"), new Recorder(), -1,
                Long.MAX_VALUE).optAdversarialWeight(2e-3).optResumeFrom(ckpt).build());
    }

    @Test
    void nanLossStopsTrainingAndKeepsTheLastGoodCheckpoint() {
        Path ckpt = dir.resolve("nan");
        SrganTrainer t = adversarialBuilder(ckpt, new Recorder(), 4).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> t.train(10));
        assertEquals(4, e.iteration());
        assertTrue(e.getMessage().contains("became NaN at iteration 4"), e.getMessage());
        assertEquals(Checkpoints.fileFor(ckpt, 3), e.lastGoodCheckpoint());
        assertEquals(List.of(Checkpoints.fileFor(ckpt, 3)), Checkpoints.list(ckpt), "no checkpoint after the NaN");
        TrainingState s = Checkpoints.read(e.lastGoodCheckpoint());
        assertEquals(3, s.iteration());
        for (String n : s.generator().parameters().names()) {
            assertFalse(s.generator().parameters().get(n).isNaN().any(), n);
        }
        assertFalse(s.generatorOptimizer().isEmpty());
        assertFalse(s.discriminatorOptimizer().isEmpty());
    }

    @Test
    void trainingHandsBackAModelThatCarriesItsProvenance() {
        SrganTrainer t = SrganTrainer.builder()
                .setStage(TrainingStage.PRETRAIN)
                .setGenerator(SrResNetModel.initialise(TINY, 4))
                .setBatchSource(new SyntheticBatches(2, 32, 4, 6, -1))
                .setContentLoss(TestLosses.MSE)
                .optProvenance("commit", "abc123")
                .build();
        SrResNetModel trained = t.train(2);
        assertEquals("srresnet", trained.name());
        assertTrue(trained.provenance().libraryVersion().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"),
                trained.provenance().libraryVersion());
        Map<String, String> d = trained.provenance().details();
        assertEquals("2", d.get("iterations"));
        assertEquals("PRETRAIN", d.get("stage"));
        assertEquals("abc123", d.get("commit"));
        assertEquals("2", d.get("batchSize"));
        assertEquals(Map.of("validationPsnr", "30.1"), Map.of("validationPsnr",
                t.trainedModel(Map.of("validationPsnr", "30.1")).provenance().details().get("validationPsnr")));

        Path file = dir.resolve("trained.srgan");
        trained.save(file);
        assertEquals(trained.provenance(), SrResNetModel.load(file).provenance());

        Map<String, float[]> before = snapshot(trained.parameters());
        t.train(4);
        assertEquals(0, changed(before, trained.parameters()), "the returned model is a copy: more training leaves it alone");
        assertTrue(changed(before, t.generator().parameters()) > 0, "the trainer's generator trained on");
    }

    /** Records which batch indices a trainer asks for. */
    static final class IndexRecorder implements BatchSource {
        final SyntheticBatches inner = new SyntheticBatches(2, 32, 4, 7, -1);
        final List<Long> asked = new ArrayList<>();

        @Override
        public Batch batch(long index) {
            asked.add(index);
            return inner.batch(index);
        }

        @Override
        public int batchSize() {
            return inner.batchSize();
        }

        @Override
        public int hrCropSize() {
            return inner.hrCropSize();
        }

        @Override
        public int scale() {
            return inner.scale();
        }

        @Override
        public String describe() {
            return "recorded " + inner.describe();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Test
    void twoDiscriminatorStepsPerIterationUseTwoBatchesAndKeepCheckpointsBoundsTheFolder() throws Exception {
        IndexRecorder batches = new IndexRecorder();
        DiscriminatorModel d = DiscriminatorModel.initialise(DiscriminatorConfig.of(32, 8), 5);
        Map<String, float[]> d0 = snapshot(d.parameters());
        SrganTrainer t = SrganTrainer.builder()
                .setStage(TrainingStage.ADVERSARIAL)
                .setGenerator(SrResNetModel.initialise(TINY, 4))
                .optDiscriminator(d)
                .setBatchSource(batches)
                .setContentLoss(TestLosses.MSE)
                .optAdversarialLoss(TestLosses.BCE)
                .optDiscriminatorSteps(2)
                .optCheckpoints(dir, 1)
                .optKeepCheckpoints(1)
                .build();
        t.train(3);
        // iteration i: discriminator steps on batches 2i and 2i+1, the generator step on the last of them
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), batches.asked);
        assertTrue(changed(d0, d.parameters()) > 0);
        assertEquals("2", t.trainedModel(Map.of()).provenance().details().get("discriminatorSteps"));
        assertEquals(List.of(Checkpoints.fileFor(dir, 3)), Checkpoints.list(dir), "only the newest is kept");
        assertThrows(IllegalStateException.class, () -> SrganTrainer.builder().setStage(TrainingStage.PRETRAIN)
                .setGenerator(SrResNetModel.initialise(TINY, 4)).setBatchSource(batches).setContentLoss(TestLosses.MSE)
                .optDiscriminatorSteps(0).build());
    }
}
