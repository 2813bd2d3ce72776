package io.github.srgandl4j.core.model;

import io.github.srgandl4j.core.nn.BatchNorm;
import io.github.srgandl4j.core.nn.Conv2d;
import io.github.srgandl4j.core.nn.DataLayout;
import io.github.srgandl4j.core.nn.Dense;
import io.github.srgandl4j.core.nn.GraphContext;
import io.github.srgandl4j.core.nn.Parameters;
import io.github.srgandl4j.core.nn.SpectralNorm;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The SRGAN discriminator (Ledig et al. 2017, Figure 4) as a SameDiff graph: input [N, 3, S, S]
 * in [-1, 1] (S = {@link DiscriminatorConfig#inputSize()}), output one logit per image [N, 1]
 * (the probability of "real" is its sigmoid; losses take logits for stability); with the patch head one
 * logit per position of the last feature map, [N * S/16 * S/16, 1] in image, row, column order.
 *
 * <p>Tensors: {@code conv0..conv7/W,b}, {@code bn1..bn7/*}, {@code dense1/W,b}, {@code dense2/W,b}.
 * The flatten is in C, H, W order, like PyTorch's {@code nn.Flatten} on NCHW. Variants
 * ({@link DiscriminatorConfig}): without BN ({@code bn*} absent), with spectral normalisation
 * ({@code <layer>/sn_u}, {@code <layer>/sn_v} state tensors after the weights, see {@link SpectralNorm}), and
 * with a global-average head (the mean over H and W instead of the flatten).
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
            if (i > 0 && cfg.batchNorm()) {
                BatchNorm.declare(p, "bn" + i, cout);
            }
            cin = cout;
        }
        long flat = cfg.denseInputs();
        Dense.declare(p, "dense1", flat, cfg.denseUnits(), rng);
        Dense.declare(p, "dense2", cfg.denseUnits(), 1, rng);
        if (cfg.spectralNorm()) {
            // after the weights, so that the weights of a variant equal the paper's for the same seed
            cin = 3;
            for (int i = 0; i < 8; i++) {
                SpectralNorm.declare(p, "conv" + i, 9L * cin, cfg.channels(i), rng);
                cin = cfg.channels(i);
            }
            SpectralNorm.declare(p, "dense1", flat, cfg.denseUnits(), rng);
            SpectralNorm.declare(p, "dense2", cfg.denseUnits(), 1, rng);
        }
        return p;
    }

    /** BN layer names in graph order (the paper's variant). */
    public static List<String> batchNormLayers() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i < 8; i++) {
            names.add("bn" + i);
        }
        return names;
    }

    /** BN layer names of {@code cfg} in graph order (none without batch normalisation). */
    public static List<String> batchNormLayers(DiscriminatorConfig cfg) {
        return cfg.batchNorm() ? batchNormLayers() : List.of();
    }

    /** Layers whose weight is spectrally normalised in {@code cfg} (none in the paper's variant). */
    public static List<String> spectralNormLayers(DiscriminatorConfig cfg) {
        if (!cfg.spectralNorm()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            names.add("conv" + i);
        }
        names.add("dense1");
        names.add("dense2");
        return names;
    }

    /**
     * Builds the discriminator on {@code images} and returns the logits [N, 1] ([N * h * w, 1] with the patch
     * head), named {@code outputName}; the last convolution's activation [N, C, h, w] is named
     * {@code scope + "features"}.
     */
    public static SDVariable build(GraphContext g, DiscriminatorConfig cfg, SDVariable images, String outputName) {
        return build(g, cfg, images, outputName, DataLayout.NCHW);
    }

    /**
     * As {@link #build(GraphContext, DiscriminatorConfig, SDVariable, String)}, with the convolutions, batch
     * normalisations and activations in {@code layout}: {@code images} and the named {@code features} stay NCHW (with
     * {@link DataLayout#NHWC} the images are transposed once and the last activation, 16x smaller, transposed back).
     * The same values within float rounding; only the speed differs ({@link DataLayout}).
     */
    public static SDVariable build(GraphContext g, DiscriminatorConfig cfg, SDVariable images, String outputName,
            DataLayout layout) {
        boolean nhwc = layout == DataLayout.NHWC;
        SDVariable x = nhwc ? images.permute(0, 2, 3, 1) : images;
        for (int i = 0; i < 8; i++) {
            x = Conv2d.apply(g, "conv" + i, x, cfg.stride(i), weight(g, cfg, "conv" + i), layout);
            if (i > 0 && cfg.batchNorm()) {
                x = BatchNorm.apply(g, "bn" + i, x, cfg.bnEpsilon(), layout);
            }
            boolean named = i == 7 && !nhwc;
            x = named ? g.sd().nn().leakyRelu(g.name("features"), x, cfg.leakySlope()) : g.sd().nn().leakyRelu(x, cfg.leakySlope());
        }
        if (nhwc) {
            x = g.sd().permute(g.name("features"), x, 0, 3, 1, 2);
        }
        if (cfg.head() == DiscriminatorConfig.Head.GLOBAL_AVERAGE) {
            x = x.mean(2, 3);
        } else if (cfg.head() == DiscriminatorConfig.Head.PATCH) {
            x = x.permute(0, 2, 3, 1).reshape(-1, cfg.denseInputs()); // one row per (image, row, column)
        } else {
            x = x.reshape(-1, cfg.denseInputs());
        }
        x = g.sd().nn().leakyRelu(Dense.apply(g, "dense1", x, weight(g, cfg, "dense1")), cfg.leakySlope());
        return g.sd().identity(outputName, Dense.apply(g, "dense2", x, weight(g, cfg, "dense2")));
    }

    /** The weight of {@code layer} as the graph uses it: spectrally normalised when {@code cfg} says so. */
    private static SDVariable weight(GraphContext g, DiscriminatorConfig cfg, String layer) {
        SDVariable w = g.tensor(layer + "/W");
        return cfg.spectralNorm() ? SpectralNorm.apply(g, layer, w) : w;
    }
}
