package io.github.srgandl4j.core.nn;

import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Spectral normalisation (Miyato et al. 2018, as PyTorch's {@code torch.nn.utils.spectral_norm}): a weight
 * {@code W}, seen as a matrix {@code [inputs, outputs]} (a {@code [kH, kW, Cin, Cout]} kernel reshaped to
 * {@code [kH*kW*Cin, Cout]}), is used as {@code W / sigma} with {@code sigma = v^T W u}, where the unit vectors
 * {@code u} (length outputs) and {@code v} (length inputs) estimate the top singular vectors by power iteration.
 *
 * <p>{@code u} and {@code v} are state tensors ({@code name/sn_u}, {@code name/sn_v}), constants in the graph:
 * the gradient flows through {@code W} in both the numerator and {@code sigma}, not through {@code u, v}, as in
 * PyTorch, where they are updated without gradient. {@link #powerIteration} does one step of the iteration on the
 * current weight; the trainer calls it before each discriminator step (PyTorch does it in every training-mode forward).
 * {@link #declare} runs {@value #INITIAL_ITERATIONS} iterations on the initial weight, as PyTorch's parametrization
 * does, so that the first steps do not divide by a random vector pair's tiny or negative estimate.
 */
public final class SpectralNorm {
    /** PyTorch's epsilon in the normalisation of u and v. */
    static final double EPS = 1e-12;
    /** Power iterations on the initial weight. */
    static final int INITIAL_ITERATIONS = 15;

    private SpectralNorm() {}

    /** Name of the left (outputs) vector of {@code layer}. */
    public static String uName(String layer) {
        return layer + "/sn_u";
    }

    /** Name of the right (inputs) vector of {@code layer}. */
    public static String vName(String layer) {
        return layer + "/sn_v";
    }

    /**
     * Adds unit vectors {@code u} [outputs] and {@code v} [inputs] as state tensors of {@code layer}: random, then
     * refined by {@value #INITIAL_ITERATIONS} power iterations on {@code layer/W} (which must exist already).
     */
    public static void declare(Parameters p, String layer, long inputs, long outputs, SplittableRandom rng) {
        INDArray u = normalise(Init.uniform(rng, 1, outputs));
        INDArray v = normalise(Init.uniform(rng, 1, inputs));
        INDArray w = p.get(layer + "/W");
        for (int i = 0; i < INITIAL_ITERATIONS; i++) {
            powerIteration(w, u, v);
        }
        p.add(uName(layer), Parameters.Role.STATE, u);
        p.add(vName(layer), Parameters.Role.STATE, v);
    }

    /** {@code w / (v^T Wm u)} with {@code Wm} = {@code w} reshaped to [inputs, outputs]. */
    public static SDVariable apply(GraphContext g, String layer, SDVariable w) {
        SDVariable u = g.tensor(uName(layer));
        SDVariable v = g.tensor(vName(layer));
        long outputs = g.params().get(uName(layer)).length();
        long inputs = g.params().get(vName(layer)).length();
        SDVariable wm = w.reshape(inputs, outputs);
        SDVariable wu = wm.mmul(u.reshape(outputs, 1));
        SDVariable sigma = wu.mul(v.reshape(inputs, 1)).sum().rename(g.name(layer + "/sigma"));
        // w * (1 / sigma): M2.1's div by a broadcast divisor gets the divisor's gradient wrong (measured, SpectralNormTest)
        return w.mul(g.name(layer + "/W_sn"), g.sd().math().reciprocal(sigma));
    }

    /**
     * The weight of {@code layer} in {@code p} as {@link #apply} uses it, as a new array: {@code W / (v^T Wm u)} with
     * the stored vectors (for writing the network out in inference form).
     */
    public static INDArray normalisedWeight(Parameters p, String layer) {
        INDArray w = p.get(layer + "/W");
        INDArray u = p.get(uName(layer));
        INDArray v = p.get(vName(layer));
        INDArray wm = w.dup('c').reshape(v.length(), u.length());
        double sigma = v.reshape(1, v.length()).mmul(wm).mmul(u.reshape(u.length(), 1)).getDouble(0);
        return w.div(sigma);
    }

    /**
     * One power iteration on weight {@code w}, updating {@code u} and {@code v} in place:
     * {@code v = normalise(Wm u)}, {@code u = normalise(Wm^T v)} (PyTorch's order, transposed layout).
     */
    public static void powerIteration(INDArray w, INDArray u, INDArray v) {
        INDArray wm = w.reshape(v.length(), u.length());
        INDArray nv = normalise(wm.mmul(u.reshape(u.length(), 1)));
        INDArray nu = normalise(wm.transpose().mmul(nv));
        v.assign(nv.reshape(v.shape()));
        u.assign(nu.reshape(u.shape()));
    }

    private static INDArray normalise(INDArray x) {
        double n = x.norm2Number().doubleValue();
        return x.div(Math.max(n, EPS));
    }
}
