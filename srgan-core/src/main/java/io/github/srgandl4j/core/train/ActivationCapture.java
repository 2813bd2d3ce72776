package io.github.srgandl4j.core.train;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.evaluation.IEvaluation;
import org.nd4j.evaluation.IMetric;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Keeps copies of chosen activations computed during {@code fit()} (loss parts, BN batch moments),
 * so that one training step yields them without a second forward pass.
 *
 * <p>In M2.1 {@code fit()} ignores the variables listeners ask for ({@code requiredVariables} is
 * collected but not passed to the training session), and computes only what the gradients need,
 * so not even the loss value itself. It does compute the variables of "train evaluations":
 * {@link #register} adds a (no-op) train evaluation per name to force the computation, and the
 * listener keeps a copy of each as its op executes.
 */
final class ActivationCapture extends BaseListener {
    private final Map<String, Capture> captures = new HashMap<>();

    /** Adds a capturing train evaluation for each name; {@code labelIndex} must exist in every batch. */
    ActivationCapture register(TrainingConfig.Builder config, Set<String> names, int labelIndex) {
        for (String n : names) {
            Capture c = new Capture();
            captures.put(n, c);
            config.trainEvaluation(n, labelIndex, c);
        }
        return this;
    }

    @Override
    public boolean isActive(Operation operation) {
        return operation == Operation.TRAINING;
    }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext ctx, INDArray[] outputs) {
        List<String> names = op.getOutputsOfOp();
        for (int i = 0; i < names.size() && i < outputs.length; i++) {
            Capture c = captures.get(names.get(i));
            if (c != null) {
                c.set(outputs[i].dup());
            }
        }
    }

    @Override
    public void iterationStart(SameDiff sd, At at, MultiDataSet data, long etlMs) {
        captures.values().forEach(Capture::reset);
    }

    /**
     * The captured value of the last iteration; fails if it was not produced. Valid until the next
     * iteration starts (its memory is then released): copy it to keep it.
     */
    INDArray get(String name) {
        Capture c = captures.get(name);
        if (c == null || c.value == null) {
            throw new IllegalStateException("activation '" + name + "' was not captured during the training step");
        }
        return c.value;
    }

    /** A no-op train evaluation (it only makes fit() compute its variable) holding the captured value. */
    static final class Capture implements IEvaluation<Capture> {
        private static final long serialVersionUID = 1L;
        private transient INDArray value;

        @Override
        public void eval(INDArray labels, INDArray predictions) {
            // the value is taken in opExecution: M2.1's history listener does not call train evaluations reliably
        }

        @Override
        public void eval(INDArray labels, INDArray predictions, List<? extends Serializable> meta) {
            eval(labels, predictions);
        }

        @Override
        public void eval(INDArray labels, INDArray predictions, INDArray mask, List<? extends Serializable> meta) {
            eval(labels, predictions);
        }

        @Override
        public void eval(INDArray labels, INDArray predictions, INDArray mask) {
            eval(labels, predictions);
        }

        @Override
        public void evalTimeSeries(INDArray labels, INDArray predicted) {
            eval(labels, predicted);
        }

        @Override
        public void evalTimeSeries(INDArray labels, INDArray predicted, INDArray mask) {
            eval(labels, predicted);
        }

        @Override
        public void merge(Capture other) {
            if (other != this && other.value != null) {
                value = other.value;
            }
        }

        /** Replaces the value, releasing the previous copy's native memory at once (not at the next GC). */
        void set(INDArray v) {
            reset();
            value = v;
        }

        @Override
        public void reset() {
            if (value != null && !value.wasClosed()) {
                value.close();
            }
            value = null;
        }

        @Override
        public String stats() {
            return "capture";
        }

        @Override
        public String toJson() {
            return "{}";
        }

        @Override
        public String toYaml() {
            return "{}";
        }

        @Override
        public double getValue(IMetric metric) {
            return value == null ? Double.NaN : value.getDouble(0);
        }

        /** The same instance: fit() asks for a fresh one per epoch, and the capture must see it. */
        @Override
        public Capture newInstance() {
            return this;
        }
    }
}
