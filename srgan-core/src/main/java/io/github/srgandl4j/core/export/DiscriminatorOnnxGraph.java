package io.github.srgandl4j.core.export;

import static io.github.srgandl4j.core.export.OnnxGraphWriter.floating;
import static io.github.srgandl4j.core.export.OnnxGraphWriter.integer;

import io.github.srgandl4j.core.model.DiscriminatorConfig;
import io.github.srgandl4j.core.nn.BatchNorm;
import io.github.srgandl4j.core.nn.Parameters;
import io.github.srgandl4j.core.nn.SpectralNorm;
import io.github.srgandl4j.core.onnx.ValueRange;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The SRGAN discriminator as ONNX nodes, in inference form: image in [0, 1] (mapped to the
 * discriminator's [-1, 1] inside the graph), eight Conv + LeakyRelu, Flatten (C, H, W order; or
 * GlobalAveragePool then Flatten for {@link DiscriminatorConfig.Head#GLOBAL_AVERAGE}), Gemm, LeakyRelu,
 * Gemm: one logit per image. BN running statistics are folded into the convolutions; spectrally
 * normalised weights are written divided by their {@code sigma} from the stored vectors, as
 * {@link SpectralNorm#apply} uses them.
 */
final class DiscriminatorOnnxGraph {
    private DiscriminatorOnnxGraph() {}

    static void write(OnnxGraphWriter w, Parameters p, DiscriminatorConfig cfg, String input, String output) {
        String x = RangeNodes.fromUnit(w, input, ValueRange.MINUS_ONE_ONE, "input_range");
        for (int i = 0; i < 8; i++) {
            INDArray kernel = weight(p, cfg, "conv" + i);
            INDArray bias = p.get("conv" + i + "/b");
            if (i > 0 && cfg.batchNorm()) {
                String bn = "bn" + i;
                INDArray s = BatchNorm.foldScale(p, bn, cfg.bnEpsilon());
                long cout = kernel.size(3);
                kernel = kernel.dup('c').reshape(kernel.length() / cout, cout).mulRowVector(s.reshape(cout))
                        .reshape(kernel.shape());
                bias = bias.sub(p.get(bn + "/running_mean")).muli(s).addi(p.get(bn + "/beta"));
            }
            String c = SrResNetOnnxGraph.convolution(w, "conv" + i, x, kernel, bias, cfg.stride(i));
            x = w.node("LeakyRelu", "conv" + i + "/lrelu", new String[] {c}, floating("alpha", cfg.leakySlope()));
        }
        if (cfg.head() == DiscriminatorConfig.Head.GLOBAL_AVERAGE) {
            x = w.node("GlobalAveragePool", "global_average", new String[] {x});
        } else if (cfg.head() != DiscriminatorConfig.Head.FLATTEN) {
            throw new IllegalArgumentException("ONNX export of a discriminator with head " + cfg.head() + " is not supported");
        }
        x = w.node("Flatten", "flatten", new String[] {x}, integer("axis", 1));
        x = w.node("LeakyRelu", "dense1/lrelu", new String[] {dense(w, p, cfg, "dense1", x)},
                floating("alpha", cfg.leakySlope()));
        w.node("Identity", output, new String[] {dense(w, p, cfg, "dense2", x)});
    }

    /** {@code x W + b} with W [in, out] as the graph uses it. */
    private static String dense(OnnxGraphWriter w, Parameters p, DiscriminatorConfig cfg, String name, String x) {
        INDArray b = p.get(name + "/b");
        return w.node("Gemm", name, new String[] {x, w.initializer(name + "/W", weight(p, cfg, name)),
            w.initializer(name + "/b", b.reshape(b.length()))});
    }

    /** The weight of {@code layer} as the graph uses it: spectrally normalised when {@code cfg} says so. */
    private static INDArray weight(Parameters p, DiscriminatorConfig cfg, String layer) {
        return cfg.spectralNorm() ? SpectralNorm.normalisedWeight(p, layer) : p.get(layer + "/W");
    }
}
