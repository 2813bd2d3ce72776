package io.github.srgandl4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.model.DiscriminatorConfig;
import io.github.srgandl4j.core.model.DiscriminatorConfig.Head;
import io.github.srgandl4j.core.model.DiscriminatorModel;
import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.nn.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The compiled step against SameDiff's own {@code fit()}: the same losses and the same weights, step by step,
 * for every kind of training graph the trainer builds, and for a small graph whose batch size changes.
 */
class CompiledTrainingStepTest {
    private static final SrResNetConfig TINY = SrResNetConfig.of(4, 2, 16);

    private static SrganTrainer.Builder trainer(TrainingStage stage, StepExecutor executor, DiscriminatorConfig d,
            StepOrder order, SrganTrainerTest.Recorder rec) {
        SrganTrainer.Builder b = SrganTrainer.builder()
                .setStage(stage)
                .setGenerator(SrResNetModel.initialise(TINY, 4))
                .setBatchSource(new SyntheticBatches(4, 32, 4, 6, -1))
                .setContentLoss(TestLosses.MSE)
                .optGeneratorOptimizer(OptimizerConfig.adam(1e-3).withDecay(3, 0.1))
                .optStepExecutor(executor)
                .optReorderedSums(false) // exactly fit()'s ops; the rewrite is tested below
                .addListener(rec);
        if (stage == TrainingStage.ADVERSARIAL) {
            b.optDiscriminator(DiscriminatorModel.initialise(d, 5)).optAdversarialLoss(TestLosses.BCE).optStepOrder(order);
        }
        return b;
    }

    private static void assertSameTraining(TrainingStage stage, DiscriminatorConfig d, StepOrder order) {
        SrganTrainerTest.Recorder fitLosses = new SrganTrainerTest.Recorder();
        SrganTrainerTest.Recorder compiledLosses = new SrganTrainerTest.Recorder();
        SrganTrainer fit = trainer(stage, StepExecutor.SAMEDIFF, d, order, fitLosses).build();
        SrganTrainer compiled = trainer(stage, StepExecutor.COMPILED, d, order, compiledLosses).build();
        fit.train(5);
        compiled.train(5);
        String what = stage + " " + order;
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(fitLosses.losses.get(i), compiledLosses.losses.get(i), 1e-6, what + ": losses of iteration " + i);
        }
        assertSameParameters(fit.generator().parameters(), compiled.generator().parameters(), what + ", generator");
        if (stage == TrainingStage.ADVERSARIAL) {
            assertSameParameters(fit.discriminator().parameters(), compiled.discriminator().parameters(),
                    what + ", discriminator");
        }
    }

    private static void assertSameParameters(Parameters a, Parameters b, String what) {
        assertEquals(a.names(), b.names());
        for (String n : a.names()) {
            assertArrayEquals(a.get(n).dup().data().asFloat(), b.get(n).dup().data().asFloat(), 1e-6f, what + ": " + n);
        }
    }

    @Test
    void pretrainingMatchesFit() {
        assertSameTraining(TrainingStage.PRETRAIN, null, null);
    }

    @Test
    void adversarialTrainingWithBatchNormDiscriminatorMatchesFitInBothOrders() {
        assertSameTraining(TrainingStage.ADVERSARIAL, DiscriminatorConfig.of(32, 8), StepOrder.DISCRIMINATOR_FIRST);
        assertSameTraining(TrainingStage.ADVERSARIAL, DiscriminatorConfig.of(32, 8), StepOrder.GENERATOR_FIRST);
    }

    @Test
    void adversarialTrainingWithSpectralNormDiscriminatorMatchesFit() {
        assertSameTraining(TrainingStage.ADVERSARIAL,
                DiscriminatorConfig.of(32, 8).withVariant(false, true, Head.GLOBAL_AVERAGE), StepOrder.GENERATOR_FIRST);
        // one logit per patch: 2x2 positions per 32-pixel crop, through both graphs' losses
        assertSameTraining(TrainingStage.ADVERSARIAL,
                DiscriminatorConfig.of(32, 8).withVariant(false, true, Head.PATCH), StepOrder.GENERATOR_FIRST);
    }

    /**
     * The trainer's adversarial graphs with the rewrites that sum in another order (frozen convolutions computing their
     * input gradient alone: the discriminator's copy in the generator step, BN in both orders and spectrally
     * normalised; BN's and PReLU's per-channel scale on the JVM, {@link ChannelScale}) against the same executor
     * without them: the same update of every weight of both networks in the first step, within 1e-4 of the tensor's
     * largest, plus 1e-6 of the network's largest (a conv bias before BN has no gradient but float rounding, which
     * differs between the two), plus two float spacings of the weight. Adam's epsilon is 1 and its rate 1 here, so an update is about
     * the gradient (with the default 1e-8 it is lr x sign(gradient), which turns float rounding in near-zero gradients
     * into whole updates).
     */
    @Test
    void reorderedSumsGiveTheSameUpdatesAsFitsOps() {
        DiscriminatorConfig bn = DiscriminatorConfig.of(32, 8);
        DiscriminatorConfig sn = bn.withVariant(false, true, Head.GLOBAL_AVERAGE);
        for (Object[] c : new Object[][] {{bn, StepOrder.DISCRIMINATOR_FIRST}, {bn, StepOrder.GENERATOR_FIRST},
                {sn, StepOrder.GENERATOR_FIRST}}) {
            DiscriminatorConfig d = (DiscriminatorConfig) c[0];
            StepOrder order = (StepOrder) c[1];
            SrganTrainer plain = linearAdam(trainer(TrainingStage.ADVERSARIAL, StepExecutor.COMPILED, d, order,
                    new SrganTrainerTest.Recorder())).build();
            SrganTrainer rewritten = linearAdam(trainer(TrainingStage.ADVERSARIAL, StepExecutor.COMPILED, d, order,
                    new SrganTrainerTest.Recorder())).optReorderedSums(true).build();
            java.util.Map<String, float[]> startG = snapshot(plain.generator().parameters());
            java.util.Map<String, float[]> startD = snapshot(plain.discriminator().parameters());
            plain.train(1);
            rewritten.train(1);
            assertTrue(rewritten.generatorInputOnlyConvolutions() > 0, order + ": the discriminator copy's convolutions are rewritten");
            assertSameUpdates(startG, plain.generator().parameters(), rewritten.generator().parameters(),
                    order + ", generator");
            assertSameUpdates(startD, plain.discriminator().parameters(), rewritten.discriminator().parameters(),
                    order + ", discriminator");
        }
    }

    private static java.util.Map<String, float[]> snapshot(Parameters p) {
        java.util.Map<String, float[]> m = new java.util.HashMap<>();
        for (String n : p.names()) {
            m.put(n, p.get(n).dup().data().asFloat());
        }
        return m;
    }

    private static void assertSameUpdates(java.util.Map<String, float[]> start, Parameters a, Parameters b, String what) {
        double network = 0;
        for (String n : a.names()) {
            float[] s0 = start.get(n);
            float[] x = a.get(n).dup().data().asFloat();
            for (int i = 0; i < x.length; i++) {
                network = Math.max(network, Math.abs(x[i] - s0[i]));
            }
        }
        int moved = 0;
        for (String n : a.names()) {
            float[] s0 = start.get(n);
            float[] x = a.get(n).dup().data().asFloat();
            float[] y = b.get(n).dup().data().asFloat();
            double largest = 0;
            for (int i = 0; i < x.length; i++) {
                largest = Math.max(largest, Math.abs(x[i] - s0[i]));
            }
            moved += largest > 1e-6 * network ? 1 : 0; // a conv bias before BN gets no gradient but rounding
            for (int i = 0; i < x.length; i++) {
                // plus the float spacing of the weight itself, which quantizes an update read back from it
                double tol = 1e-4 * largest + 1e-6 * network + 2 * Math.ulp(Math.max(Math.abs(s0[i]), Math.abs(x[i])));
                assertEquals(x[i] - s0[i], y[i] - s0[i], tol, what + ": update of " + n + "[" + i + "]");
            }
        }
        assertTrue(moved > a.names().size() / 2, what + ": most tensors moved (" + moved + ")");
    }

    private static SrganTrainer.Builder linearAdam(SrganTrainer.Builder b) {
        OptimizerConfig adam = new OptimizerConfig(1.0, 0.9, 0.999, 1.0, Long.MAX_VALUE, 1);
        return b.optGeneratorOptimizer(adam).optDiscriminatorOptimizer(adam);
    }

    /** Counts the listener calls a training step makes. */
    static class Calls extends BaseListener {
        int iterations;
        int ops;
        int updates;
        final List<Double> losses = new ArrayList<>();

        @Override
        public boolean isActive(Operation operation) {
            return operation == Operation.TRAINING;
        }

        @Override
        public void iterationStart(SameDiff sd, At at, org.nd4j.linalg.dataset.api.MultiDataSet data, long etlMs) {
            iterations++;
        }

        @Override
        public void opExecution(SameDiff sd, At at, org.nd4j.linalg.dataset.api.MultiDataSet batch, SameDiffOp op,
                OpContext ctx, INDArray[] outputs) {
            ops++;
        }

        @Override
        public void preUpdate(SameDiff sd, At at, org.nd4j.autodiff.samediff.internal.Variable v, INDArray update) {
            updates++;
        }

        @Override
        public void iterationDone(SameDiff sd, At at, org.nd4j.linalg.dataset.api.MultiDataSet ds,
                org.nd4j.autodiff.listeners.Loss loss) {
            losses.add(loss.totalLoss());
        }
    }

    /**
     * y = identity(relu(x W + b) * 2) summed with a legacy reduction over axis 1: a custom op, legacy
     * transform, scalar and reduction ops and an identity, trained with Adam.
     */
    private static SameDiff smallGraph(Calls calls) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 5);
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, 1);
        Nd4j.getRandom().setSeed(3);
        SDVariable w = sd.var("w", Nd4j.rand(DataType.FLOAT, 5, 4).subi(0.5));
        SDVariable b = sd.var("b", Nd4j.rand(DataType.FLOAT, 1, 4).subi(0.5));
        SDVariable h = sd.nn().relu(x.mmul(w).add(b), 0).mul(2.0);
        SDVariable out = sd.identity(h).sum(true, 1);
        return trainable(sd, y, out, calls);
    }

    /** Mean squared error of {@code out} against placeholder {@code y}, Adam 1e-2, the listener, the gradient function. */
    private static SameDiff trainable(SameDiff sd, SDVariable y, SDVariable out, Calls calls) {
        SDVariable loss = sd.loss().meanSquaredError("loss", y, out, null);
        sd.setLossVariables(loss);
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(1e-2)).dataSetFeatureMapping("x")
                .dataSetLabelMapping("y").build());
        sd.setListeners(calls);
        GradientFunctions.create(sd);
        return sd;
    }

    @Test
    void smallGraphMatchesFitAcrossBatchSizeChangesAndCallsListenersAsFitDoes() {
        Calls fitCalls = new Calls();
        Calls compiledCalls = new Calls();
        SameDiff a = smallGraph(fitCalls);
        SameDiff b = smallGraph(compiledCalls);
        CompiledTrainingStep step = new CompiledTrainingStep(b);
        Nd4j.getRandom().setSeed(9);
        int[] batchSizes = {3, 3, 3, 2, 2, 3};
        for (int i = 0; i < batchSizes.length; i++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, batchSizes[i], 5);
            INDArray y = Nd4j.rand(DataType.FLOAT, batchSizes[i], 1);
            MultiDataSet ds = new MultiDataSet(new INDArray[] {x}, new INDArray[] {y});
            a.fit(ds);
            step.step(ds);
            assertEquals(fitCalls.losses.get(i), compiledCalls.losses.get(i), 1e-7, "reported loss of step " + i);
            assertArrayEquals(a.getArrForVarName("w").data().asFloat(), b.getArrForVarName("w").data().asFloat(), 1e-7f,
                    "w after step " + i);
            assertArrayEquals(a.getArrForVarName("b").data().asFloat(), b.getArrForVarName("b").data().asFloat(), 1e-7f,
                    "b after step " + i);
        }
        assertEquals(a.getTrainingConfig().getIterationCount(), b.getTrainingConfig().getIterationCount());
        assertEquals(fitCalls.iterations, compiledCalls.iterations);
        assertEquals(fitCalls.ops, compiledCalls.ops);
        assertEquals(fitCalls.updates, compiledCalls.updates);
        assertEquals(2 * batchSizes.length, compiledCalls.updates);
        assertTrue(step.planArrays()[0] > 0, "the plan holds its arrays");
    }

    private static org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig conv(int kH, int kW, int stride) {
        return org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig.builder()
                .kH(kH).kW(kW).sH(stride).sW(stride).pH(kH / 2).pW(kW / 2).dH(1).dW(1)
                .paddingMode(org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode.VALID)
                .dataFormat(org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig.NCHW)
                .weightsFormat(org.nd4j.enums.WeightsFormat.YXIO).build();
    }

    /**
     * A trained convolution followed by frozen ones (constant kernels, as the VGG19 of a content loss): 3x3 with a
     * bias, 3x5 and 1x1 (its kernel computed from a constant) without, each keeping the size (input gradient alone
     * in the compiled plan), then a stride-2 one (left to conv2d_bp).
     */
    private static SameDiff frozenConvolutionGraph(Calls calls) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3, 8, 8);
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, 2, 4, 4);
        Nd4j.getRandom().setSeed(5);
        SDVariable w1 = sd.var("w1", Nd4j.rand(DataType.FLOAT, 3, 3, 3, 4).subi(0.5));
        SDVariable b1 = sd.var("b1", Nd4j.rand(DataType.FLOAT, 4).subi(0.5));
        SDVariable h = sd.nn().relu(sd.cnn().conv2d(x, w1, b1, conv(3, 3, 1)), 0);
        h = sd.cnn().conv2d(h, sd.constant("k2", Nd4j.rand(DataType.FLOAT, 3, 3, 4, 5).subi(0.5)),
                sd.constant("c2", Nd4j.rand(DataType.FLOAT, 5).subi(0.5)), conv(3, 3, 1));
        h = sd.nn().tanh(sd.cnn().conv2d(h, sd.constant("k3", Nd4j.rand(DataType.FLOAT, 3, 5, 5, 4).subi(0.5)), conv(3, 5, 1)));
        // a kernel computed in the graph from a constant (as a spectrally normalised discriminator copy's)
        h = sd.cnn().conv2d(h, sd.constant("k4", Nd4j.rand(DataType.FLOAT, 1, 1, 4, 4).subi(0.5)).mul(0.5), conv(1, 1, 1));
        SDVariable out = sd.cnn().conv2d(h, sd.constant("k5", Nd4j.rand(DataType.FLOAT, 3, 3, 4, 2).subi(0.5)), conv(3, 3, 2));
        return trainable(sd, y, out, calls);
    }

    @Test
    void frozenConvolutionsRunAsTheirInputGradientAloneAndMatchFit() {
        Calls fitCalls = new Calls();
        Calls compiledCalls = new Calls();
        SameDiff a = frozenConvolutionGraph(fitCalls);
        SameDiff b = frozenConvolutionGraph(compiledCalls);
        CompiledTrainingStep step = new CompiledTrainingStep(b);
        Nd4j.getRandom().setSeed(11);
        for (int i = 0; i < 4; i++) {
            MultiDataSet ds = new MultiDataSet(new INDArray[] {Nd4j.rand(DataType.FLOAT, 2, 3, 8, 8)},
                    new INDArray[] {Nd4j.rand(DataType.FLOAT, 2, 2, 4, 4)});
            a.fit(ds);
            step.step(ds);
            for (String v : List.of("w1", "b1")) {
                assertArrayEquals(a.getArrForVarName(v).data().asFloat(), b.getArrForVarName(v).data().asFloat(), 1e-6f,
                        v + " after step " + i);
            }
            // the frozen kernels stay as they were
            assertArrayEquals(a.getArrForVarName("k3").data().asFloat(), b.getArrForVarName("k3").data().asFloat(), 0f);
        }
        assertEquals(3, step.inputOnlyConvolutions(), "3x3, 3x5 and 1x1 frozen size-keeping convolutions; not stride 2");
        assertEquals(fitCalls.ops, compiledCalls.ops);
    }

    /**
     * Ten layers {@code h + w - mean(h)} (per row): the backward pass reads the forward values {@code h} and
     * {@code h + w} only for their shapes (gradients of an addition, a subtraction and a mean), as it does BatchNorm's
     * squared input, PReLU's positive part and every residual sum.
     */
    private static SameDiff shapeReadGraph(Calls calls) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 4096);
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, 4096);
        Nd4j.getRandom().setSeed(6);
        SDVariable w = sd.var("w", Nd4j.rand(DataType.FLOAT, 1, 4096).subi(0.5));
        SDVariable h = x;
        for (int i = 0; i < 10; i++) {
            h = h.add(w).sub(h.mean(true, 1));
        }
        return trainable(sd, y, h.mul(w), calls);
    }

    /**
     * Values whose later readers only need their shape are freed after their last forward reader: the ten layers'
     * twenty [8, 4096] forward values (128 KiB each) are never all held, and at most eight such arrays are held at
     * once (the loss's own values and the gradients included), against more than twenty when each is kept for its
     * gradient. The updates still equal fit()'s.
     */
    @Test
    void valuesTheBackwardPassReadsOnlyTheShapeOfAreNotKeptForIt() {
        SameDiff a = shapeReadGraph(new Calls());
        SameDiff b = shapeReadGraph(new Calls());
        CompiledTrainingStep step = new CompiledTrainingStep(b);
        Nd4j.getRandom().setSeed(14);
        for (int i = 0; i < 3; i++) {
            MultiDataSet ds = new MultiDataSet(new INDArray[] {Nd4j.rand(DataType.FLOAT, 8, 4096)},
                    new INDArray[] {Nd4j.rand(DataType.FLOAT, 8, 4096)});
            a.fit(ds);
            step.step(ds);
            assertArrayEquals(a.getArrForVarName("w").data().asFloat(), b.getArrForVarName("w").data().asFloat(), 1e-6f,
                    "w after step " + i);
        }
        long array = 8 * 4096 * 4;
        long peak = step.planArrays()[2];
        assertTrue(peak <= 8 * array, "values live at once: " + peak + " bytes, " + (double) peak / array + " arrays");
    }

    /** Records the names of the ops run, in order. */
    static final class OpOrder extends Calls {
        final List<String> names = new ArrayList<>();

        @Override
        public void opExecution(SameDiff sd, At at, org.nd4j.linalg.dataset.api.MultiDataSet batch, SameDiffOp op,
                OpContext ctx, INDArray[] outputs) {
            names.addAll(op.getOutputsOfOp());
        }
    }

    /**
     * {@code mid = tanh(x w)} is handed over between the phases; {@code side = tanh(x + w)} does not need it and
     * {@code out = mid * c + side} reads the deferred constant {@code c}.
     */
    private static SameDiff splitGraph(Calls calls) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 64);
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, 64);
        Nd4j.getRandom().setSeed(8);
        SDVariable w = sd.var("w", Nd4j.rand(DataType.FLOAT, 1, 64).subi(0.5));
        SDVariable c = sd.constant("c", Nd4j.rand(DataType.FLOAT, 1, 64));
        SDVariable mid = sd.math().tanh("mid", x.mul(w));
        SDVariable side = sd.math().tanh("side", x.add(w));
        return trainable(sd, y, mid.mul(c).add(side), calls);
    }

    /**
     * A split step equals fit() with the deferred constant changed before it, hands over the midway value, and runs
     * before the midpoint only what that value needs: {@code side}, which does not depend on the constant either, runs
     * after it (its arrays can then reuse those of the step taken in the middle).
     */
    @Test
    void aSplitStepRunsOnlyWhatTheMidwayValueNeedsBeforeTheMidpoint() {
        SameDiff a = splitGraph(new Calls());
        OpOrder order = new OpOrder();
        SameDiff b = splitGraph(order);
        CompiledTrainingStep step = new CompiledTrainingStep(b);
        step.splitAt("mid", Set.of("c"));
        Nd4j.getRandom().setSeed(15);
        for (int i = 0; i < 3; i++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 4, 64);
            MultiDataSet ds = new MultiDataSet(new INDArray[] {x}, new INDArray[] {Nd4j.rand(DataType.FLOAT, 4, 64)});
            INDArray newC = Nd4j.rand(DataType.FLOAT, 1, 64);
            INDArray expectedMid = org.nd4j.linalg.ops.transforms.Transforms.tanh(x.mul(b.getArrForVarName("w")), true);
            a.getArrForVarName("c").assign(newC);
            a.fit(ds);
            order.names.clear();
            int[] before = {-1};
            step.step(ds, mid -> {
                assertArrayEquals(expectedMid.data().asFloat(), mid.dup().data().asFloat(), 1e-6f, "midway value");
                before[0] = order.names.size();
                b.getArrForVarName("c").assign(newC);
            });
            assertTrue(order.names.subList(0, before[0]).contains("mid"), "mid before the midpoint: " + order.names);
            assertTrue(order.names.subList(before[0], order.names.size()).contains("side"),
                    "side after the midpoint: " + order.names);
            assertArrayEquals(a.getArrForVarName("w").data().asFloat(), b.getArrForVarName("w").data().asFloat(), 1e-6f,
                    "w after step " + i);
        }
    }

    /** A frozen kernel changed in place between steps (the discriminator's copy) is used as it is at each step. */
    @Test
    void aFrozenKernelChangedBetweenStepsIsReadAfresh() {
        SameDiff a = frozenConvolutionGraph(new Calls());
        SameDiff b = frozenConvolutionGraph(new Calls());
        CompiledTrainingStep step = new CompiledTrainingStep(b);
        Nd4j.getRandom().setSeed(12);
        for (int i = 0; i < 3; i++) {
            INDArray k = Nd4j.rand(DataType.FLOAT, 3, 3, 4, 5).subi(0.5);
            a.getArrForVarName("k2").assign(k);
            b.getArrForVarName("k2").assign(k);
            MultiDataSet ds = new MultiDataSet(new INDArray[] {Nd4j.rand(DataType.FLOAT, 2, 3, 8, 8)},
                    new INDArray[] {Nd4j.rand(DataType.FLOAT, 2, 2, 4, 4)});
            a.fit(ds);
            step.step(ds);
            assertArrayEquals(a.getArrForVarName("w1").data().asFloat(), b.getArrForVarName("w1").data().asFloat(), 1e-6f,
                    "w1 after step " + i);
        }
    }

    /**
     * Two graphs stepping in turn with one arena (the generator and discriminator of BasicSR's order): each equals its
     * own fit(), and the second plan finds all its buffers in the arena. (The trainer's g-first tests above run the
     * arena too, against fit().)
     */
    @Test
    void twoGraphsSteppingInTurnShareOneArenaAndStillMatchFit() {
        SameDiff fitA = smallGraph(new Calls());
        SameDiff fitB = smallGraph(new Calls());
        CompiledTrainingStep.Arena arena = new CompiledTrainingStep.Arena();
        SameDiff a = smallGraph(new Calls());
        SameDiff b = smallGraph(new Calls());
        CompiledTrainingStep stepA = new CompiledTrainingStep(a, true, arena);
        CompiledTrainingStep stepB = new CompiledTrainingStep(b, true, arena);
        Nd4j.getRandom().setSeed(13);
        for (int i = 0; i < 4; i++) {
            MultiDataSet dsA = new MultiDataSet(new INDArray[] {Nd4j.rand(DataType.FLOAT, 3, 5)},
                    new INDArray[] {Nd4j.rand(DataType.FLOAT, 3, 1)});
            MultiDataSet dsB = new MultiDataSet(new INDArray[] {Nd4j.rand(DataType.FLOAT, 3, 5).muli(-1)},
                    new INDArray[] {Nd4j.rand(DataType.FLOAT, 3, 1)});
            fitA.fit(dsA);
            stepA.step(dsA);
            fitB.fit(dsB);
            stepB.step(dsB);
            for (String v : List.of("w", "b")) {
                assertArrayEquals(fitA.getArrForVarName(v).data().asFloat(), a.getArrForVarName(v).data().asFloat(), 1e-7f,
                        "A: " + v + " after step " + i);
                assertArrayEquals(fitB.getArrForVarName(v).data().asFloat(), b.getArrForVarName(v).data().asFloat(), 1e-7f,
                        "B: " + v + " after step " + i);
            }
        }
        assertTrue(stepA.planArrays()[0] > 0);
        assertEquals(0, stepB.planArrays()[1], "the second plan allocates no pooled bytes (scalars are not pooled): "
                + "the first one's buffers serve it");
    }

    @Test
    void forwardOutputEqualsSameDiffOutputAndIsACopy() {
        SameDiff sd = smallGraph(new Calls());
        CompiledTrainingStep step = new CompiledTrainingStep(sd);
        Nd4j.getRandom().setSeed(4);
        INDArray first = null;
        for (int n : new int[] {3, 3, 5}) {
            INDArray x = Nd4j.rand(DataType.FLOAT, n, 5);
            java.util.Map<String, INDArray> ph = java.util.Map.of("x", x);
            INDArray got = step.output(ph, outputName(sd)).get(outputName(sd));
            INDArray want = sd.output(ph, outputName(sd)).get(outputName(sd));
            assertArrayEquals(want.data().asFloat(), got.data().asFloat(), 0f, "batch " + n);
            if (first == null) {
                first = got;
            }
        }
        assertEquals(3, first.size(0), "an earlier result is not overwritten by later calls");
    }

    /** The graph's output before the loss (the sum over axis 1). */
    private static String outputName(SameDiff sd) {
        for (SameDiffOp op : sd.getOps().values()) {
            if (op.getInputsToOp().contains("y")) {
                for (String in : op.getInputsToOp()) {
                    if (!in.equals("y") && sd.getVariable(in).getVariableType() == org.nd4j.autodiff.samediff.VariableType.ARRAY) {
                        return in;
                    }
                }
            }
        }
        throw new IllegalStateException("no output before the loss");
    }
}
