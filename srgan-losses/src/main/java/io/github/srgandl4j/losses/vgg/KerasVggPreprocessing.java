package io.github.srgandl4j.losses.vgg;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The input preprocessing of Keras' VGG19 ({@code keras.applications.vgg19.preprocess_input}, mode "caffe"),
 * as SameDiff ops, for images in this project's convention: RGB in [-1, 1], NCHW (generator output and HR
 * targets). Steps: [-1, 1] -> [0, 255] ({@code (x + 1) * 127.5}), RGB -> BGR (channel order reversed), then
 * subtract the ImageNet BGR means [103.939, 116.779, 123.68] per channel.
 *
 * <p>All three steps are one affine map per pixel, {@code bgr[c] = 127.5 * rgb[2 - c] + (127.5 - mean[c])},
 * computed as a 1x1 convolution with a constant channel-permuting kernel and bias. Not with SameDiff's
 * {@code reverse}: in M2.1 a training step through {@code reverse} leaks about 80 MB of native memory per step
 * (measured: a graph of only reverse + MSE grew 80 MB per {@code fit()}; docs/performance.md), which made the
 * SRGAN stage's memory grow without bound.
 */
public final class KerasVggPreprocessing {
    /** ImageNet channel means subtracted by Keras' VGG preprocessing, in BGR order. */
    public static final double[] BGR_MEAN = {103.939, 116.779, 123.68};
    /** Name of the shared 1x1 kernel constant ([1, 1, 3, 3], YXIO) in a graph. */
    public static final String KERNEL_CONSTANT = Vgg19FeatureExtractor.CONSTANT_PREFIX + "preprocess/kernel";
    /** Name of the shared bias constant ([3]) in a graph. */
    public static final String BIAS_CONSTANT = Vgg19FeatureExtractor.CONSTANT_PREFIX + "preprocess/bias";

    private KerasVggPreprocessing() {}

    /**
     * Adds the preprocessing to {@code sd}.
     *
     * @param sd     the graph
     * @param images NCHW RGB images in [-1, 1]
     * @param name   name of the output variable
     * @return NCHW BGR images in [0, 255] minus the BGR means
     */
    public static SDVariable apply(SameDiff sd, SDVariable images, String name) {
        SDVariable kernel = sharedConstant(sd, KERNEL_CONSTANT, kernel());
        SDVariable bias = sharedConstant(sd, BIAS_CONSTANT, bias());
        return sd.cnn().conv2d(name, images, kernel, bias, Conv2DConfig.builder()
                .kH(1).kW(1).sH(1).sW(1).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID)
                .dataFormat("NCHW")
                .weightsFormat(WeightsFormat.YXIO)
                .build());
    }

    /**
     * The constant {@code name} of {@code sd}, created with {@code value} on first use and shared by later
     * calls (a graph with two VGG branches); a variable of that name that is not this constant is an error.
     */
    private static SDVariable sharedConstant(SameDiff sd, String name, INDArray value) {
        if (!sd.hasVariable(name)) {
            return sd.constant(name, value);
        }
        SDVariable v = sd.getVariable(name);
        if (!v.isConstant() || !value.equals(v.getArr())) {
            throw new IllegalStateException("graph already has a variable '" + name + "' (" + v.getVariableType()
                    + ") that is not the VGG preprocessing constant; rename it");
        }
        return v;
    }

    /** The 1x1 kernel, YXIO {@code [1, 1, in, out]}: output channel c (BGR) reads input channel 2 - c (RGB) x 127.5. */
    static INDArray kernel() {
        INDArray k = Nd4j.zeros(DataType.FLOAT, 1, 1, 3, 3);
        for (int c = 0; c < 3; c++) {
            k.putScalar(new long[] {0, 0, 2 - c, c}, 127.5);
        }
        return k;
    }

    /** The bias per BGR channel: {@code 127.5 - mean[c]}. */
    static INDArray bias() {
        INDArray b = Nd4j.create(DataType.FLOAT, 3);
        for (int c = 0; c < 3; c++) {
            b.putScalar(c, 127.5 - BGR_MEAN[c]);
        }
        return b;
    }
}
