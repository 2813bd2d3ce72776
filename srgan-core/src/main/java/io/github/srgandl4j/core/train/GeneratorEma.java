package io.github.srgandl4j.core.train;

import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.nn.Parameters;
import java.util.Arrays;

/**
 * An exponential moving average of the generator's tensors (Real-ESRGAN keeps one with decay 0.999): after every
 * generator step, {@code average = decay * average + (1 - decay) * current} for every tensor (weights and the BN
 * running statistics alike), starting from a copy of the initial generator, without bias correction (as BasicSR's
 * {@code model_ema}). The average is what validation and the exported model use when the option is on.
 */
final class GeneratorEma {
    private final double decay;
    private final SrResNetModel average;

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
            avg.get(n).muli(decay).addi(current.get(n).mul(1 - decay));
        }
        average.invalidate();
    }

    /** The averaged generator (its tensors are updated in place by {@link #update}). */
    SrResNetModel model() {
        return average;
    }
}
