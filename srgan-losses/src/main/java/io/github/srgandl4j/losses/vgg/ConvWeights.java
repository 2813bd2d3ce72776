package io.github.srgandl4j.losses.vgg;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weights of one 3x3 VGG convolution as Keras stores them.
 *
 * @param kernel float32 kernel in Keras/TensorFlow HWIO layout {@code [kH, kW, Cin, Cout]} (SameDiff's
 *               {@code WeightsFormat.YXIO})
 * @param bias   float32 bias {@code [Cout]}
 */
public record ConvWeights(INDArray kernel, INDArray bias) {
    /** Checks ranks, data type and that the bias matches the kernel's output channels. */
    public ConvWeights {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(bias, "bias");
        if (kernel.rank() != 4 || bias.rank() != 1 || bias.size(0) != kernel.size(3)) {
            throw new IllegalArgumentException("expected kernel [kH,kW,Cin,Cout] and bias [Cout], got kernel "
                    + Arrays.toString(kernel.shape()) + " and bias " + Arrays.toString(bias.shape()));
        }
        if (kernel.dataType() != DataType.FLOAT || bias.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("expected float32 weights, got kernel " + kernel.dataType()
                    + " and bias " + bias.dataType());
        }
    }

    /** Number of parameters (kernel and bias). */
    public long parameterCount() {
        return kernel.length() + bias.length();
    }
}
