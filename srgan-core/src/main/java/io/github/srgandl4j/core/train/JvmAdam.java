package io.github.srgandl4j.core.train;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * ND4J's Adam step for one variable, computed on the JVM in the same float32 arithmetic as libnd4j's
 * {@code adam_updater} op (which {@link AdamUpdater#applyUpdater} runs), then the variable's update: the moments
 * {@code M} and {@code V} change in place in the updater's own state arrays, the gradient array is overwritten with
 * the update (as the native op does, so listeners' {@code preUpdate} see the same), and {@link #applyTo} subtracts
 * it from the variable (adds it when maximising).
 *
 * <p>Why: a compiled training step updates ~100 variables, most of them small (biases, BN and PReLU scales, 3x3
 * kernels). As two native ops each (the updater and the subtraction), every call wakes the OpenMP workers, which
 * costs more than the arithmetic; here one variable costs a few bulk copies and one loop (docs/performance.md,
 * section 15). The results equal the native path's to the bit in the tests ({@code JvmAdamTest}).
 *
 * <p>Not thread-safe (it reuses its scratch buffers): one instance per training plan.
 */
final class JvmAdam {
    private float[] g = new float[0];
    private float[] m = g;
    private float[] v = g;
    private float[] p = g;
    /** Length of the update held in {@code g} for {@link #applyTo}; -1: none. */
    private long pending = -1;

    /**
     * Runs {@code updater}'s Adam step for {@code gradient}, as {@link AdamUpdater#applyUpdater} would: the moments
     * change in place and {@code gradient} becomes the update, which {@link #applyTo} then applies to {@code param}.
     * Returns false, changing nothing, where this does not apply (another updater, a variable longer than
     * {@link FloatCopies#MAX_LENGTH}, or an array that is not dense float32 of the gradient's length), so the caller runs ND4J's.
     */
    boolean update(GradientUpdater<?> updater, INDArray gradient, INDArray param, int iteration, int epoch) {
        pending = -1;
        if (!(updater instanceof AdamUpdater)) {
            return false;
        }
        Map<String, INDArray> state = ((AdamUpdater) updater).getState();
        INDArray stateM = state == null ? null : state.get("M");
        INDArray stateV = state == null ? null : state.get("V");
        long n = gradient.length();
        if (!FloatCopies.jvmSized(n, gradient, param, stateM, stateV)) {
            return false;
        }
        Adam config = ((AdamUpdater) updater).getConfig();
        ensure((int) n);
        FloatCopies.read(gradient, g);
        FloatCopies.read(stateM, m);
        FloatCopies.read(stateV, v);
        step((int) n, config.getLearningRate(iteration, epoch), config.getBeta1(), config.getBeta2(),
                config.getEpsilon(), iteration);
        FloatCopies.write(m, stateM);
        FloatCopies.write(v, stateV);
        FloatCopies.write(g, gradient);
        pending = n;
        return true;
    }

    /**
     * Subtracts {@code update}, the gradient array of the last successful {@link #update}, from {@code param} (adds it
     * when maximising), as {@code param.subi(update)} would. The update is read again from its array, so a listener's
     * {@code preUpdate} that changed it in between changes the result as with ND4J's path.
     */
    void applyTo(INDArray param, INDArray update, boolean minimize) {
        if (pending < 0 || param.length() != pending || update.length() != pending) {
            throw new IllegalStateException("no Adam update of length " + param.length() + " is pending");
        }
        int n = (int) pending;
        pending = -1;
        FloatCopies.read(update, g);
        FloatCopies.read(param, p);
        float[] g = this.g;
        float[] p = this.p;
        if (minimize) {
            for (int i = 0; i < n; i++) {
                p[i] -= g[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                p[i] += g[i];
            }
        }
        FloatCopies.write(p, param);
    }

    /**
     * libnd4j's {@code adamUpdater_} for float32: the bias-corrected step size {@code lr * sqrt(1 - beta2^t) /
     * (1 - beta1^t)} (t = iteration + 1; with a double division, as there), then per element the new moments and
     * {@code update = m * stepSize / (sqrt(v) + epsilon)}, which replaces {@code g}.
     */
    private void step(int n, double dLr, double dBeta1, double dBeta2, double dEpsilon, int iteration) {
        float lr = (float) dLr;
        float beta1 = (float) dBeta1;
        float beta2 = (float) dBeta2;
        float epsilon = (float) dEpsilon;
        float t = (float) iteration + 1;
        float beta1T = (float) Math.pow(beta1, t);
        float beta2T = (float) Math.pow(beta2, t);
        float stepSize = (float) (lr * (float) Math.sqrt((float) (1.0 - beta2T)) / (1.0 - beta1T));
        if (Float.isNaN(stepSize) || Float.isInfinite(stepSize) || stepSize == 0) {
            stepSize = epsilon;
        }
        float oneMinusBeta1 = 1 - beta1;
        float oneMinusBeta2 = 1 - beta2;
        float[] g = this.g;
        float[] m = this.m;
        float[] v = this.v;
        for (int i = 0; i < n; i++) {
            float gi = g[i];
            float mi = beta1 * m[i] + gi * oneMinusBeta1;
            float vi = beta2 * v[i] + gi * gi * oneMinusBeta2;
            m[i] = mi;
            v[i] = vi;
            g[i] = (mi * stepSize) / ((float) Math.sqrt(vi) + epsilon);
        }
    }

    private void ensure(int n) {
        if (g.length < n) {
            g = new float[n];
            m = new float[n];
            v = new float[n];
            p = new float[n];
        }
    }
}
