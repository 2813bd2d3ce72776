package io.github.srgandl4j.core.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Real {@code torch.onnx.export} files (PyTorch 1.13, random weights, see export_test_models.py in
 * the test resources): BasicSR/Real-ESRGAN's RRDBNet x4 and SRVGGNetCompact x4 architectures at
 * reduced width, and a network with the remaining ops (ConvTranspose, depthwise Conv, bilinear
 * Resize, Sigmoid, Tanh, Clip, Sub/Div/Mul, Concat), at opsets 11 and 17, each against PyTorch's
 * own output for the stored input.
 */
class PyTorchExportsTest {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PyTorchExportsTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("test resource missing: " + name);
            }
            return in.readAllBytes();
        }
    }

    private static INDArray floats(String name, long... shape) throws IOException {
        byte[] bytes = resource(name);
        float[] v = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return Nd4j.create(v, shape, 'c');
    }

    @ParameterizedTest
    @CsvSource({
        "rrdbnet_x4_tiny, 4, 11",
        "srvgg_compact_x4_tiny, 4, 11",
        "srvgg_compact_x4_tiny_opset17, 4, 17",
        "opmix_x2_tiny, 2, 11",
        "opmix_x2_tiny_opset17, 2, 17"})
    void matchesPyTorch(String name, int scale, int opset) throws IOException {
        ImportedOnnxModel m = new OnnxGeneratorImporter().importBytes(resource(name + ".onnx"), name);
        assertEquals(scale, m.scale());
        assertEquals(opset, m.opsetVersion());
        INDArray x = floats(name + "_in_1x3x12x10_f32le.bin", 1, 3, 12, 10);
        INDArray expected = floats(name + "_out_1x3x" + 12 * scale + "x" + 10 * scale + "_f32le.bin",
                1, 3, 12 * scale, 10 * scale);
        INDArray y = m.forward(x);
        assertArrayEquals(expected.shape(), y.shape());
        double diff = OnnxTestData.maxAbsDiff(expected, y);
        org.slf4j.LoggerFactory.getLogger(PyTorchExportsTest.class).info("{}: max abs difference to PyTorch {}", name, diff);
        // random weights give outputs up to ~34 in magnitude: float32 agreement is relative
        double tolerance = 1e-5 * Math.max(1, expected.amaxNumber().doubleValue());
        assertTrue(diff < tolerance, name + ": max abs difference to PyTorch " + diff + " > " + tolerance);
        assertTrue(expected.stdNumber().doubleValue() > 1e-3, "reference output is not constant");
    }
}
