package io.github.srgandl4j.core.export;

import static io.github.srgandl4j.core.export.OnnxGraphWriter.floating;
import static io.github.srgandl4j.core.export.OnnxGraphWriter.integer;

import io.github.srgandl4j.core.model.DiscriminatorConfig;
import io.github.srgandl4j.core.nn.BatchNorm;
import io.github.srgandl4j.core.nn.Parameters;
import io.github.srgandl4j.core.onnx.ValueRange;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The SRGAN discriminator as ONNX nodes, in inference form (BN running statistics folded into the
 * convolutions): image in [0, 1] (mapped to the discriminator's [-1, 1] inside the graph), eight
 * Conv + LeakyRelu, Flatten (C, H, W order), Gemm, LeakyRelu, Gemm: one logit per image.
 */
final class DiscriminatorOnnxGraph {
    private DiscriminatorOnnxGraph() {}

    static void write(OnnxGraphWriter w, Parameters p, DiscriminatorConfig cfg, String input, String output) {
        String x = RangeNodes.fromUnit(w, input, ValueRange.MINUS_ONE_ONE, "input_range");
        for (int i = 0; i < 8; i++) {
            INDArray kernel = p.get("conv" + i + "/W");
            INDArray bias = p.get("conv" + i + "/b");
            if (i > 0) {
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
        x = w.node("Flatten", "flatten", new String[] {x}, integer("axis", 1));
        x = w.node("LeakyRelu", "dense1/lrelu", new String[] {dense(w, p, "dense1", x)}, floating("alpha", cfg.leakySlope()));
        w.node("Identity", output, new String[] {dense(w, p, "dense2", x)});
    }

    /** {@code x W + b} with W [in, out] as stored. */
    private static String dense(OnnxGraphWriter w, Parameters p, String name, String x) {
        INDArray b = p.get(name + "/b");
        return w.node("Gemm", name, new String[] {x, w.initializer(name + "/W", p.get(name + "/W")),
            w.initializer(name + "/b", b.reshape(b.length()))});
    }
}
