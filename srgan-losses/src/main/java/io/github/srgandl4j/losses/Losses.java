package io.github.srgandl4j.losses;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loss building blocks as SameDiff ops. Each method adds ops to {@code sd} and returns a scalar (rank 0)
 * variable named exactly {@code name}; intermediates are named {@code name + "/..."}, so one name per call
 * keeps graphs readable and avoids clashes.
 *
 * <p>Formulas (N = number of elements averaged over):
 * <ul>
 *   <li>{@link #mse}: {@code mean((a - b)^2)} over all elements (Ledig et al. 2017, eq. 4 and 5);</li>
 *   <li>{@link #generatorAdversarial}: {@code mean(-log sigmoid(l_fake)) = mean(softplus(-l_fake))}, the
 *       generator's {@code -log D(G(I_LR))} from logits (eq. 6, averaged over the batch);</li>
 *   <li>{@link #discriminator}: binary cross-entropy from logits, real = 1, generated = 0:
 *       {@code mean(softplus(-l_real)) + mean(softplus(l_fake))} (the discriminator side of eq. 2);</li>
 *   <li>{@link #phaseBias}: {@code mean over phases p of (mean over the pixels at phase p of (a - b))^2}, the pixel
 *       phases of a period (the scale of a pixel-shuffle generator);</li>
 * </ul>
 * The softplus is computed in a form that neither overflows nor loses the gradient: see {@link #softplus}.
 */
public final class Losses {
    private Losses() {}

    /**
     * Mean squared error over all elements of {@code a} and {@code b} (which must have the same shape; where
     * both shapes are known when the graph is built, a mismatch fails here instead of silently broadcasting).
     */
    public static SDVariable mse(SameDiff sd, String name, SDVariable a, SDVariable b) {
        check(sd, name);
        requireSameShapeIfKnown(name, a, b);
        SDVariable diff = a.sub(name + "/diff", b);
        SDVariable sq = sd.math().square(name + "/sq", diff);
        return sq.mean(name);
    }

    /**
     * Mean absolute error (L1) over all elements of {@code a} and {@code b} (same shape, as {@link #mse}). The
     * gradient of {@code |d|} is {@code sign(d)}, 0 at {@code d = 0}.
     */
    public static SDVariable l1(SameDiff sd, String name, SDVariable a, SDVariable b) {
        check(sd, name);
        requireSameShapeIfKnown(name, a, b);
        SDVariable diff = a.sub(name + "/diff", b);
        return sd.math().abs(name + "/abs", diff).mean(name);
    }

    /**
     * The relativistic average discriminator loss of ESRGAN (Wang et al. 2018, eq. 1-2; BasicSR's
     * {@code ESRGANModel}): {@code 0.5 * mean(softplus(-(real - mean(fake)))) + 0.5 * mean(softplus(fake - mean(real)))},
     * i.e. binary cross-entropy of "real is more realistic than the average fake" (label 1) and "fake is more
     * realistic than the average real" (label 0). The two halves are {@code name + "/real"} and {@code name + "/fake"}.
     */
    public static SDVariable relativisticDiscriminator(SameDiff sd, String name, SDVariable realLogits,
            SDVariable fakeLogits) {
        check(sd, name);
        SDVariable realRel = realLogits.sub(name + "/real_rel", fakeLogits.mean());
        SDVariable fakeRel = fakeLogits.sub(name + "/fake_rel", realLogits.mean());
        SDVariable real = softplus(sd, name + "/real_softplus", realRel.neg()).mean().mul(name + "/real", 0.5);
        SDVariable fake = softplus(sd, name + "/fake_softplus", fakeRel).mean().mul(name + "/fake", 0.5);
        return real.add(name, fake);
    }

    /**
     * The relativistic average generator loss of ESRGAN, the discriminator's with the labels swapped:
     * {@code 0.5 * mean(softplus(real - mean(fake))) + 0.5 * mean(softplus(-(fake - mean(real))))}. Unlike the
     * standard loss it also takes the logits of real images (their gradient is not needed: in the trainer they are
     * computed from constants).
     */
    public static SDVariable relativisticGenerator(SameDiff sd, String name, SDVariable realLogits,
            SDVariable fakeLogits) {
        check(sd, name);
        SDVariable realRel = realLogits.sub(name + "/real_rel", fakeLogits.mean());
        SDVariable fakeRel = fakeLogits.sub(name + "/fake_rel", realLogits.mean());
        SDVariable real = softplus(sd, name + "/real_softplus", realRel).mean().mul(name + "/real", 0.5);
        SDVariable fake = softplus(sd, name + "/fake_softplus", fakeRel.neg()).mean().mul(name + "/fake", 0.5);
        return real.add(name, fake);
    }

    /**
     * Element-wise softplus {@code log(1 + exp(x))}, computed as
     * {@code (x + |x|) / 2 + log1p(exp(-|x|))}: the exponential never exceeds 1 (finite for any finite x,
     * {@code softplus(100) = 100}, {@code softplus(-100) ~ 3.7e-44}) and the derivative is
     * {@code sigmoid(x)} everywhere, including {@code 0.5} at {@code x = 0} (the form {@code max(x, 0) + ...}
     * would give 0 there, as ReLU and |x| have zero sub-gradient at 0).
     */
    public static SDVariable softplus(SameDiff sd, String name, SDVariable x) {
        check(sd, name);
        SDVariable abs = sd.math().abs(name + "/abs", x);
        SDVariable relu = x.add(abs).mul(name + "/relu", 0.5);
        SDVariable tail = sd.math().log1p(name + "/log1p", sd.math().exp(name + "/exp", abs.neg()));
        return relu.add(name, tail);
    }

    /**
     * The generator's adversarial loss {@code mean(-log D(G(I_LR)))} from the discriminator's logits on generated
     * images: {@code mean(softplus(-fakeLogits))}. Finite for any finite logits.
     */
    public static SDVariable generatorAdversarial(SameDiff sd, String name, SDVariable fakeLogits) {
        check(sd, name);
        return softplus(sd, name + "/softplus", fakeLogits.neg(name + "/neg")).mean(name);
    }

    /**
     * The discriminator's loss: binary cross-entropy from logits, with real images labelled 1 and generated ones 0,
     * {@code mean(softplus(-realLogits)) + mean(softplus(fakeLogits))} ({@code = -mean(log D(I_HR)) - mean(log(1 - D(G(I_LR))))}).
     * The two terms are {@code name + "/real"} and {@code name + "/fake"}.
     */
    public static SDVariable discriminator(SameDiff sd, String name, SDVariable realLogits, SDVariable fakeLogits) {
        check(sd, name);
        SDVariable real = softplus(sd, name + "/real_softplus", realLogits.neg(name + "/real_neg")).mean(name + "/real");
        SDVariable fake = softplus(sd, name + "/fake_softplus", fakeLogits).mean(name + "/fake");
        return real.add(name, fake);
    }

    /**
     * The periodic bias of {@code a} against {@code b} at a period of {@code period} pixels: for each of the
     * {@code period x period} pixel phases (row mod period, column mod period) the mean of {@code a - b} over the
     * batch, the channels and the pixels at that phase, then the variance of these phase means (the mean square of
     * their deviations from their own mean). Zero when the error has no pattern repeating every {@code period}
     * pixels (in expectation, for natural images), whatever the error's overall mean: an error that is the same at
     * every phase (a brightness offset of the whole batch) is not a grid; a pixel-shuffle generator's grid raises it.
     * {@link #phaseBias(SameDiff, String, SDVariable, SDVariable, int, int, boolean)} with {@code centred = false} is
     * the mean square of the phase means themselves (the definition until 2026-11-30, with which the bundled
     * {@code srgan} was trained), where a batch's overall mean error counts as grid too. NCHW with {@code channels} channels; rows and columns past the last whole
     * period are left out. Computed as one stride-{@code period} convolution with a constant kernel (no gather,
     * whose gradient M2.1 gets wrong: docs/architecture.md).
     */
    public static SDVariable phaseBias(SameDiff sd, String name, SDVariable a, SDVariable b, int channels, int period) {
        return phaseBias(sd, name, a, b, channels, period, true);
    }

    /**
     * {@link #phaseBias(SameDiff, String, SDVariable, SDVariable, int, int)}, with the phase means centred on their
     * mean ({@code centred}: their variance) or not (their mean square, which counts an overall offset too).
     */
    public static SDVariable phaseBias(SameDiff sd, String name, SDVariable a, SDVariable b, int channels, int period,
            boolean centred) {
        check(sd, name);
        if (channels < 1 || period < 1) {
            throw new IllegalArgumentException("channels and period must be >= 1, got " + channels + ", " + period);
        }
        requireSameShapeIfKnown(name, a, b);
        SDVariable diff = a.sub(name + "/diff", b);
        // YXIO kernel [period, period, channels, period^2]: output channel i*period+j averages the channels at (i, j)
        INDArray k = Nd4j.zeros(DataType.FLOAT, period, period, channels, (long) period * period);
        for (int i = 0; i < period; i++) {
            for (int j = 0; j < period; j++) {
                for (int c = 0; c < channels; c++) {
                    k.putScalar(new long[] {i, j, c, (long) i * period + j}, 1.0 / channels);
                }
            }
        }
        SDVariable phases = sd.cnn().conv2d(name + "/phases", diff, sd.constant(name + "/kernel", k),
                Conv2DConfig.builder()
                        .kH(period).kW(period).sH(period).sW(period).dH(1).dW(1)
                        .paddingMode(PaddingMode.VALID)
                        .dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build());
        SDVariable perPhase = phases.mean(name + "/phase_means", 0, 2, 3);
        SDVariable deviation = centred ? perPhase.sub(name + "/centred", perPhase.mean(name + "/overall_mean")) : perPhase;
        return sd.math().square(name + "/sq", deviation).mean(name);
    }

    /**
     * {@code base} if no variable of that name is in {@code sd}, else the first free {@code base_1}, {@code base_2}, ...
     * (for callers that have no naming scheme of their own).
     */
    public static String uniqueName(SameDiff sd, String base) {
        if (!sd.hasVariable(base)) {
            return base;
        }
        for (int i = 1; ; i++) {
            String candidate = base + "_" + i;
            if (!sd.hasVariable(candidate)) {
                return candidate;
            }
        }
    }

    /** Throws {@code IllegalArgumentException("<what> must be finite and > 0, got <v>")} unless {@code v} is. */
    static void requirePositive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be finite and > 0, got " + v);
        }
    }

    private static void check(SameDiff sd, String name) {
        Objects.requireNonNull(sd, "sd");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("loss name must not be blank");
        }
        if (sd.hasVariable(name)) {
            throw new IllegalArgumentException("the graph already has a variable named '" + name
                    + "'; give each loss its own name");
        }
    }

    private static void requireSameShapeIfKnown(String name, SDVariable a, SDVariable b) {
        long[] sa = knownShape(a);
        long[] sb = knownShape(b);
        if (sa == null || sb == null) {
            return;
        }
        boolean mismatch = sa.length != sb.length;
        for (int i = 0; !mismatch && i < sa.length; i++) {
            mismatch = sa[i] >= 0 && sb[i] >= 0 && sa[i] != sb[i];
        }
        if (mismatch) {
            throw new IllegalArgumentException("loss '" + name + "': inputs '" + a.name() + "' " + Arrays.toString(sa)
                    + " and '" + b.name() + "' " + Arrays.toString(sb) + " have different shapes");
        }
    }

    /** The shape recorded for a placeholder, variable or constant; null for op outputs (not known before execution). */
    private static long[] knownShape(SDVariable v) {
        switch (v.getVariableType()) {
            case PLACEHOLDER:
            case VARIABLE:
            case CONSTANT:
                return v.getShape();
            default:
                return null;
        }
    }
}
