package io.github.srgandl4j.core.export;

import static io.github.srgandl4j.core.export.OnnxGraphWriter.integer;
import static io.github.srgandl4j.core.export.OnnxGraphWriter.ints;
import static io.github.srgandl4j.core.export.OnnxGraphWriter.string;

import io.github.srgandl4j.core.model.InferenceOptions;
import io.github.srgandl4j.core.model.SrResNet;
import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.nn.Parameters;
import io.github.srgandl4j.core.onnx.ValueRange;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The SRResNet generator as ONNX nodes (NCHW, default domain, opset 13 semantics), BN folded into
 * the convolutions:
 *
 * <pre>
 * lr (RGB in [0, 1]) [-> Mul, Add: to the model's input range]
 * head:  Conv 9x9 (pads 4), PRelu                                     = h
 * res_k: Conv 3x3, PRelu, Conv 3x3, Add input
 * mid:   Conv 3x3, Add h
 * up_s:  Conv 3x3 (C -> 4C), DepthToSpace(2, CRD), PRelu
 * tail:  Conv 9x9, Tanh [-> Mul, Add: from the model's output range to [0, 1]] = sr
 * </pre>
 *
 * Kernels are the library's YXIO tensors permuted to ONNX's OIHW; PReLU slopes are [C, 1, 1].
 */
final class SrResNetOnnxGraph {
    private final OnnxGraphWriter w;
    private final Parameters p;

    private SrResNetOnnxGraph(OnnxGraphWriter w, Parameters p) {
        this.w = w;
        this.p = p;
    }

    /**
     * Writes the generator from input {@code input} to output {@code output}, mapping [0, 1] to
     * {@code inputRange} before the network and {@code outputRange} to [0, 1] after it.
     */
    static void write(OnnxGraphWriter w, Parameters trained, SrResNetConfig cfg, ValueRange inputRange,
            ValueRange outputRange, String input, String output) {
        Parameters folded = SrResNet.forInference(trained, cfg, new InferenceOptions(true, false));
        SrResNetOnnxGraph g = new SrResNetOnnxGraph(w, folded);
        String x = RangeNodes.fromUnit(w, input, inputRange, "input_range");
        String h = g.prelu("head/prelu", g.conv("head/conv", x));
        x = h;
        for (int k = 0; k < cfg.residualBlocks(); k++) {
            String r = "res" + k;
            String y = g.prelu(r + "/prelu", g.conv(r + "/conv1", x));
            x = w.node("Add", r + "/out", new String[] {x, g.conv(r + "/conv2", y)});
        }
        x = w.node("Add", "mid/out", new String[] {g.conv("mid/conv", x), h});
        for (int s = 0; s < cfg.upsampleStages(); s++) {
            String u = "up" + s;
            String shuffled = w.node("DepthToSpace", u + "/shuffle", new String[] {g.conv(u + "/conv", x)},
                    integer("blocksize", 2), string("mode", "CRD"));
            x = g.prelu(u + "/prelu", shuffled);
        }
        String t = g.conv("tail/conv", x);
        RangeNodes.toUnit(w, w.node("Tanh", "tail/tanh", new String[] {t}), outputRange, "output_range", output);
    }

    /** A stride-1 "same" convolution with the stored YXIO kernel and bias of {@code name}. */
    private String conv(String name, String x) {
        return convolution(w, name, x, p.get(name + "/W"), p.get(name + "/b"), 1);
    }

    private String prelu(String name, String x) {
        INDArray a = p.get(name + "/alpha");
        String slope = w.initializer(name + "/alpha", a.reshape(a.length(), 1, 1));
        return w.node("PRelu", name, new String[] {x, slope});
    }

    /** A Conv node from a YXIO [k, k, in, out] kernel (permuted to OIHW) with "same" padding k/2. */
    static String convolution(OnnxGraphWriter w, String name, String x, INDArray yxio, INDArray bias, int stride) {
        long k = yxio.size(0);
        String kernel = w.initializer(name + "/W", yxio.permute(3, 2, 0, 1));
        String b = w.initializer(name + "/b", bias.reshape(bias.length()));
        return w.node("Conv", name, new String[] {x, kernel, b}, ints("kernel_shape", k, k),
                ints("pads", k / 2, k / 2, k / 2, k / 2), ints("strides", stride, stride));
    }
}
