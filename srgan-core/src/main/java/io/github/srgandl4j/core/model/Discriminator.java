package io.github.srgandl4j.core.model;

import io.github.srgandl4j.core.nn.BatchNorm;
import io.github.srgandl4j.core.nn.Conv2d;
import io.github.srgandl4j.core.nn.Dense;
import io.github.srgandl4j.core.nn.GraphContext;
import io.github.srgandl4j.core.nn.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The SRGAN discriminator (Ledig et al. 2017, Figure 4) as a SameDiff graph: input [N, 3, S, S]
 * in [-1, 1] (S = {@link DiscriminatorConfig#inputSize()}), output one logit per image [N, 1]
 * (the probability of "real" is its sigmoid; losses take logits for stability).
 *
 * <p>Tensors: {@code conv0..conv7/W,b}, {@code bn1..bn7/*}, {@code dense1/W,b}, {@code dense2/W,b}.
 * The flatten is in C, H, W order, like PyTorch's {@code nn.Flatten} on NCHW.
 */
public final class Discriminator {
    private Discriminator() {}

    public static Parameters initialise(DiscriminatorConfig cfg, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Parameters p = new Parameters();
        int cin = 3;
        for (int i = 0; i < 8; i++) {
            int cout = cfg.channels(i);
            Conv2d.declare(p, "conv" + i, 3, cin, cout, rng);
            if (i > 0) {
                BatchNorm.declare(p, "bn" + i, cout);
            }
            cin = cout;
        }
        long flat = (long) cin * (cfg.inputSize() / 16) * (cfg.inputSize() / 16);
        Dense.declare(p, "dense1", flat, cfg.denseUnits(), rng);
        Dense.declare(p, "dense2", cfg.denseUnits(), 1, rng);
        return p;
    }

    /** BN layer names in graph order. */
    public static List<String> batchNormLayers() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i < 8; i++) {
            names.add("bn" + i);
        }
        return names;
    }

    /** Builds the discriminator on {@code images} and returns the logits [N, 1], named {@code outputName}. */
    public static SDVariable build(GraphContext g, DiscriminatorConfig cfg, SDVariable images, String outputName) {
        SDVariable x = images;
        for (int i = 0; i < 8; i++) {
            x = Conv2d.apply(g, "conv" + i, x, cfg.stride(i));
            if (i > 0) {
                x = BatchNorm.apply(g, "bn" + i, x, cfg.bnEpsilon());
            }
            x = g.sd().nn().leakyRelu(x, cfg.leakySlope());
        }
        long flat = (long) cfg.channels(7) * (cfg.inputSize() / 16) * (cfg.inputSize() / 16);
        x = x.reshape(-1, flat);
        x = g.sd().nn().leakyRelu(Dense.apply(g, "dense1", x), cfg.leakySlope());
        return g.sd().identity(outputName, Dense.apply(g, "dense2", x));
    }
}
