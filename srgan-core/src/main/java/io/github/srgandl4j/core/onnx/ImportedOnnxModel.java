package io.github.srgandl4j.core.onnx;

import java.util.Map;
import java.util.Objects;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A generator imported from an ONNX file: a SameDiff graph with one NCHW float32 placeholder input
 * of shape [-1, inputChannels, -1, -1] (any batch size, height and width) and one output, plus the
 * facts a caller needs to use it.
 *
 * @param graph the SameDiff graph (weights are constants, or variables if imported as trainable)
 * @param inputName name of the input placeholder in {@code graph}
 * @param outputName name of the output variable in {@code graph}
 * @param inputChannels number of input channels (3 for RGB generators)
 * @param outputChannels number of output channels, measured by running a probe input
 * @param scale upscaling factor, measured by running a probe input (output size / input size)
 * @param receptiveRadius a bound, in input pixels, on how far an output pixel can see (computed
 *     from the graph's convolutions and upsamplings): tiles overlapping by this margin stitch exactly
 * @param inputRange value range the model expects for its input pixels
 * @param outputRange value range of the model's output pixels
 * @param source where the model came from (a file path, or a name given by the caller)
 * @param opsetVersion the ONNX default-domain opset the file declares
 * @param producer the producer recorded in the file, e.g. "pytorch 1.13.0"
 * @param opCounts how many nodes of each ONNX op type the file has
 */
public record ImportedOnnxModel(
        SameDiff graph,
        String inputName,
        String outputName,
        int inputChannels,
        int outputChannels,
        int scale,
        int receptiveRadius,
        ValueRange inputRange,
        ValueRange outputRange,
        String source,
        long opsetVersion,
        String producer,
        Map<String, Integer> opCounts) {

    public ImportedOnnxModel {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(inputName, "inputName");
        Objects.requireNonNull(outputName, "outputName");
        Objects.requireNonNull(inputRange, "inputRange");
        Objects.requireNonNull(outputRange, "outputRange");
        opCounts = Map.copyOf(opCounts);
    }

    /**
     * Runs the graph on {@code input} (NCHW float32, values in {@link #inputRange()}) and returns the
     * output (NCHW, [N, outputChannels, H * scale, W * scale], values in {@link #outputRange()}).
     */
    public INDArray forward(INDArray input) {
        if (input.rank() != 4 || input.size(1) != inputChannels) {
            throw new IllegalArgumentException("model " + source + " expects NCHW input with " + inputChannels
                    + " channels, got shape " + java.util.Arrays.toString(input.shape()));
        }
        INDArray x = input.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT
                ? input : input.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        io.github.srgandl4j.core.runtime.EagerRelease.install(graph);
        return graph.output(Map.of(inputName, x), outputName).get(outputName);
    }
}
