package io.github.srgandl4j.core.train;

import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.nn.Parameters;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An exponential moving average of the generator's tensors (Real-ESRGAN keeps one with decay 0.999): after every
 * generator step, {@code average = decay * average + (1 - decay) * current} for every tensor (weights and the BN
 * running statistics alike), starting from a copy of the initial generator, without bias correction (as BasicSR's
 * {@code model_ema}). The average is what validation and the exported model use when the option is on. Not
 * thread-safe.
 */
final class GeneratorEma {
    private final double decay;
    private final SrResNetModel average;
    private float[] avgScratch = new float[0];
    private float[] curScratch = avgScratch;

    /** Starts the average at a copy of {@code initial}'s tensors (or at {@code restored}, a checkpoint's average). */
    GeneratorEma(double decay, SrResNetModel initial, Parameters restored) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("EMA decay must be in (0, 1), got " + decay);
        }
        this.decay = decay;
        Parameters start = initial.parameters().copy();
        if (restored != null) {
            for (String n : start.names()) {
                if (!restored.contains(n) || !Arrays.equals(restored.get(n).shape(), start.get(n).shape())) {
                    throw new IllegalArgumentException("checkpoint's generator average has no tensor '" + n + "' of shape "
                            + Arrays.toString(start.get(n).shape()));
                }
                start.assign(n, restored.get(n));
            }
            if (restored.size() != start.size()) {
                throw new IllegalArgumentException("checkpoint's generator average has " + restored.size()
                        + " tensors, the generator " + start.size());
            }
        }
        this.average = new SrResNetModel(initial.name(), initial.config(), start, initial.provenance());
    }

    double decay() {
        return decay;
    }

    /** Moves the average towards {@code current} (same tensor names and shapes). */
    void update(Parameters current) {
        Parameters avg = average.parameters();
        for (String n : avg.names()) {
            INDArray a = avg.get(n);
            INDArray c = current.get(n);
            if (!updateOnJvm(a, c)) {
                a.muli(decay).addi(c.mul(1 - decay));
            }
        }
        average.invalidate();
    }

    /**
     * {@code a = a * decay + c * (1 - decay)} in float32 on the JVM, as the three native ops of the fallback compute it
     * (each product rounded to float32, then the sum), without waking the native threads three times per tensor
     * (docs/performance.md, section 15); false where the arrays are not dense float32 of one length, or longer than
     * {@link FloatCopies#MAX_LENGTH} (there the native ops' two threads are faster).
     */
    private boolean updateOnJvm(INDArray a, INDArray c) {
        if (!FloatCopies.jvmSized(a.length(), a, c)) {
            return false;
        }
        int n = (int) a.length();
        if (avgScratch.length < n) {
            avgScratch = new float[n];
            curScratch = new float[n];
        }
        float[] x = avgScratch;
        float[] y = curScratch;
        FloatCopies.read(a, x);
        FloatCopies.read(c, y);
        float d = (float) decay;
        float e = (float) (1 - decay);
        for (int i = 0; i < n; i++) {
            x[i] = x[i] * d + y[i] * e;
        }
        FloatCopies.write(x, a);
        return true;
    }

    /** The averaged generator (its tensors are updated in place by {@link #update}). */
    SrResNetModel model() {
        return average;
    }
}
