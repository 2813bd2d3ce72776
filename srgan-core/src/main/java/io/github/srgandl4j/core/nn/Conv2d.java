package io.github.srgandl4j.core.nn;

import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * A square 2-D convolution, NCHW (or NHWC, {@link DataLayout}), with PyTorch-style symmetric zero padding {@code k/2}.
 *
 * <p>Kernels are stored {@code [kH, kW, Cin, Cout]} (SameDiff's {@code YXIO}, Keras' HWIO): in
 * M2.1 conv2d backward fails for the OIYX and OYXI formats and works for YXIO. Tensors:
 * {@code name/W} and {@code name/b}.
 */
public final class Conv2d {
    private Conv2d() {}

    /** Adds {@code name/W} and {@code name/b}, initialised like PyTorch's {@code nn.Conv2d} (uniform +-1/sqrt(fan_in)). */
    public static void declare(Parameters p, String name, int k, int cin, int cout, SplittableRandom rng) {
        double bound = 1.0 / Math.sqrt((double) cin * k * k);
        p.add(name + "/W", Parameters.Role.TRAINABLE, Init.uniform(rng, bound, k, k, cin, cout));
        p.add(name + "/b", Parameters.Role.TRAINABLE, Init.uniform(rng, bound, cout));
    }

    /** The convolution of {@code x} with stride {@code stride}. */
    public static SDVariable apply(GraphContext g, String name, SDVariable x, int stride) {
        long k = g.params().get(name + "/W").size(0);
        return g.sd().cnn().conv2d(g.name(name), x, g.tensor(name + "/W"), g.tensor(name + "/b"), config(k, stride));
    }

    /** The convolution of {@code x} with stride {@code stride} and the kernel {@code kernel} (e.g. a normalised {@code name/W}). */
    public static SDVariable apply(GraphContext g, String name, SDVariable x, int stride, SDVariable kernel) {
        return apply(g, name, x, stride, kernel, DataLayout.NCHW);
    }

    /** As {@link #apply(GraphContext, String, SDVariable, int, SDVariable)} on {@code x} in {@code layout}. */
    public static SDVariable apply(GraphContext g, String name, SDVariable x, int stride, SDVariable kernel,
            DataLayout layout) {
        long k = g.params().get(name + "/W").size(0);
        return g.sd().cnn().conv2d(g.name(name), x, kernel, g.tensor(name + "/b"), config(k, stride, layout));
    }

    /** The SameDiff configuration used for a k x k kernel with the given stride (NCHW). */
    public static Conv2DConfig config(long k, int stride) {
        return config(k, stride, DataLayout.NCHW);
    }

    /** The SameDiff configuration used for a k x k kernel with the given stride on data in {@code layout}. */
    public static Conv2DConfig config(long k, int stride, DataLayout layout) {
        return Conv2DConfig.builder()
                .kH(k).kW(k)
                .sH(stride).sW(stride)
                .pH(k / 2).pW(k / 2)
                .dH(1).dW(1)
                .paddingMode(PaddingMode.VALID)
                .dataFormat(layout.convFormat())
                .weightsFormat(WeightsFormat.YXIO)
                .build();
    }
}
