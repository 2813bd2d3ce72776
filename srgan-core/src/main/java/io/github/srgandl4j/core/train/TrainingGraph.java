package io.github.srgandl4j.core.train;

import io.github.srgandl4j.core.nn.Parameters;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/**
 * What the generator's and the discriminator's training graphs share: one SameDiff graph whose
 * only variables are one network's trainable tensors, trained by {@code fit()} one batch at a time
 * with Adam, with chosen activations captured during the step (see {@link ActivationCapture}).
 */
abstract class TrainingGraph {
    protected final SameDiff sd = SameDiff.create();
    private ActivationCapture capture;
    private StepExecutor executor = StepExecutor.COMPILED;
    private CompiledTrainingStep compiled;
    private boolean reorderedSums = true;
    private CompiledTrainingStep.Arena arena;

    /**
     * Finishes the graph once its ops exist: loss, captured activations, optimizer, placeholder
     * mapping, and the gradient function (created now, with SameDiff's stdout trace filtered).
     */
    protected final void configure(SDVariable loss, Set<String> captured, String feature, String label,
            OptimizerConfig optimizer) {
        sd.setLossVariables(loss);
        capture = new ActivationCapture();
        TrainingConfig.Builder tc = TrainingConfig.builder();
        capture.register(tc, captured, 0);
        sd.setTrainingConfig(tc.updater(optimizer.toUpdater())
                .dataSetFeatureMapping(feature)
                .dataSetLabelMapping(label)
                .build());
        sd.setListeners(capture);
        GradientFunctions.create(sd);
    }

    /** Adds a SameDiff listener (e.g. an op timer) to this graph, after the trainer's own. */
    final void addGraphListener(org.nd4j.autodiff.listeners.Listener listener) {
        sd.addListeners(listener);
    }

    /** What runs the steps from now on (default {@link StepExecutor#COMPILED}). */
    final void setExecutor(StepExecutor executor) {
        this.executor = java.util.Objects.requireNonNull(executor, "executor");
        if (executor != StepExecutor.COMPILED) {
            compiled = null;
        }
    }

    /**
     * Whether the compiled executor may run rewrites that sum in another order (default: frozen convolutions' backward
     * pass as their input gradient alone, BN's and PReLU's per-channel scale on the JVM; equal to {@code fit()} within
     * float rounding) or exactly {@code fit()}'s ops (tests comparing bit for bit).
     */
    final void setReorderedSums(boolean on) {
        if (on != reorderedSums) {
            reorderedSums = on;
            compiled = null;
        }
    }

    /**
     * Buffers this graph's compiled plan shares with the other graph's (see {@link CompiledTrainingStep.Arena});
     * null: its own.
     */
    final void setArena(CompiledTrainingStep.Arena arena) {
        this.arena = arena;
        compiled = null;
    }

    /** Convolution backward passes the compiled plan runs as their input gradient alone (0 before the first step). */
    final int inputOnlyConvolutions() {
        return compiled == null ? 0 : compiled.inputOnlyConvolutions();
    }

    /** One optimizer step on (feature, label). */
    protected final void fit(INDArray feature, INDArray label) {
        MultiDataSet batch = batch(feature, label);
        if (executor == StepExecutor.COMPILED) {
            compiled().step(batch);
        } else {
            sd.fit(batch);
        }
    }

    private static MultiDataSet batch(INDArray feature, INDArray label) {
        return new MultiDataSet(new INDArray[] {feature}, new INDArray[] {label});
    }

    /** The compiled executor of this graph, created at first use. */
    private CompiledTrainingStep compiled() {
        if (compiled == null) {
            compiled = new CompiledTrainingStep(sd, reorderedSums, arena);
        }
        return compiled;
    }

    /**
     * Forward-only values of the graph (no update), through the compiled executor's forward plan or
     * {@code SameDiff.output}; the caller owns the returned arrays.
     */
    final Map<String, INDArray> output(Map<String, INDArray> placeholders, String... outputs) {
        if (executor == StepExecutor.COMPILED) {
            return compiled().output(placeholders, outputs);
        }
        return sd.output(placeholders, outputs);
    }

    /**
     * One optimizer step through the compiled executor, split as {@link CompiledTrainingStep#splitAt}:
     * {@code midway} gets {@code midwayOutput} once every op not depending on the {@code deferred} constants has
     * run, and may change those constants in place before the rest of the step uses them.
     */
    protected final void fitSplit(INDArray feature, INDArray label, String midwayOutput, Set<String> deferred,
            java.util.function.Consumer<INDArray> midway) {
        if (executor != StepExecutor.COMPILED) {
            throw new IllegalStateException("a split step needs the compiled executor");
        }
        CompiledTrainingStep c = compiled();
        c.splitAt(midwayOutput, deferred);
        c.step(batch(feature, label), midway);
    }

    /** A value captured during the last step. */
    protected final INDArray captured(String name) {
        return capture.get(name);
    }

    /** Iterations done so far (drives Adam's bias correction and the learning-rate schedule). */
    final void setIteration(long iteration) {
        sd.getTrainingConfig().setIterationCount(Math.toIntExact(iteration));
    }

    /** Restores Adam's state (before the first step). */
    final void restoreOptimizerState(Map<String, INDArray> state) {
        OptimizerState.restore(sd, state);
    }

    final Map<String, INDArray> optimizerState() {
        return OptimizerState.snapshot(sd);
    }

    /** Copies the graph's variables into the trainable tensors of {@code p}. */
    protected final void copyTrainableTo(Parameters p) {
        for (String n : p.names(Parameters.Role.TRAINABLE)) {
            p.assign(n, sd.getArrForVarName(n));
        }
    }
}
