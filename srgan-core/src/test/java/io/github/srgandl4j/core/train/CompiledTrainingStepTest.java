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
    }

    /** Counts the listener calls a training step makes. */
    static final class Calls extends BaseListener {
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
