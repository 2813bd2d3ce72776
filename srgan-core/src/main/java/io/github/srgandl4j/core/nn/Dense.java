package io.github.srgandl4j.core.nn;

import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;

/** A fully connected layer {@code x W + b} with {@code W} of shape [in, out]; tensors {@code name/W}, {@code name/b}. */
public final class Dense {
    private Dense() {}

    /** Initialised like PyTorch's {@code nn.Linear} (uniform +-1/sqrt(in)). */
    public static void declare(Parameters p, String name, long in, long out, SplittableRandom rng) {
        double bound = 1.0 / Math.sqrt(in);
        p.add(name + "/W", Parameters.Role.TRAINABLE, Init.uniform(rng, bound, in, out));
        p.add(name + "/b", Parameters.Role.TRAINABLE, Init.uniform(rng, bound, out));
    }

    /** {@code x weight + b} with a given weight (e.g. a normalised {@code name/W}). */
    public static SDVariable apply(GraphContext g, String name, SDVariable x, SDVariable weight) {
        return x.mmul(weight).add(g.name(name), g.tensor(name + "/b"));
    }

    public static SDVariable apply(GraphContext g, String name, SDVariable x) {
        return x.mmul(g.tensor(name + "/W")).add(g.name(name), g.tensor(name + "/b"));
    }
}
