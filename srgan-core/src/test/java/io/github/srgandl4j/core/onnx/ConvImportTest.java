package io.github.srgandl4j.core.onnx;

import static io.github.srgandl4j.core.onnx.TestModels.intAttr;
import static io.github.srgandl4j.core.onnx.TestModels.ints;
import static io.github.srgandl4j.core.onnx.TestModels.stringAttr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conv and ConvTranspose against plain-Java loops and hand-computed values. */
class ConvImportTest {
    private static final double TOL = 1e-5;

    private static INDArray runConv(INDArray x, INDArray w, INDArray b, Onnx.AttributeProto... attrs) {
        TestModels t = TestModels.opset(11).input("x", (int) x.size(1)).initializer("w", w);
        String[] inputs = b == null ? new String[] {"x", "w"} : new String[] {"x", "w", "b"};
        if (b != null) {
            t.initializer("b", b);
        }
        return TestModels.run(t.node("Conv", "conv0", inputs, new String[] {"y"}, attrs).output("y").build(), x);
    }

    @Test
    void symmetricPadsWithBias() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 7, 6);
        INDArray w = Nd4j.rand(DataType.FLOAT, 5, 3, 3, 3).subi(0.5);
        INDArray b = Nd4j.rand(DataType.FLOAT, 5);
        INDArray y = runConv(x, w, b, ints("pads", 1, 1, 1, 1), ints("kernel_shape", 3, 3));
        INDArray expected = ReferenceOps.conv(x, w, b, new int[] {1, 1}, new int[] {1, 1, 1, 1}, new int[] {1, 1}, 1);
        assertArrayEquals(new long[] {2, 5, 7, 6}, y.shape());
        assertTrue(OnnxTestData.maxAbsDiff(expected, y) < TOL);
    }

    @Test
    void asymmetricPadsStrideAndDilation() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 2, 9, 8);
        INDArray w = Nd4j.rand(DataType.FLOAT, 4, 2, 3, 2).subi(0.5);
        INDArray y = runConv(x, w, null, ints("pads", 0, 1, 2, 1), ints("strides", 2, 1), ints("dilations", 2, 1));
        INDArray expected = ReferenceOps.conv(x, w, null, new int[] {2, 1}, new int[] {0, 1, 2, 1}, new int[] {2, 1}, 1);
        assertArrayEquals(expected.shape(), y.shape());
        assertTrue(OnnxTestData.maxAbsDiff(expected, y) < TOL);
    }

    @Test
    void dilationStride1() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 2, 9, 8);
        INDArray w = Nd4j.rand(DataType.FLOAT, 3, 2, 3, 3).subi(0.5);
        INDArray y = runConv(x, w, null, ints("pads", 2, 2, 2, 2), ints("dilations", 2, 2));
        INDArray expected = ReferenceOps.conv(x, w, null, new int[] {1, 1}, new int[] {2, 2, 2, 2}, new int[] {2, 2}, 1);
        assertArrayEquals(new long[] {1, 3, 9, 8}, y.shape());
        assertTrue(OnnxTestData.maxAbsDiff(expected, y) < TOL);
    }

    @Test
    void depthwiseGroups() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 4, 5, 5);
        INDArray w = Nd4j.rand(DataType.FLOAT, 4, 1, 3, 3).subi(0.5);
        INDArray b = Nd4j.rand(DataType.FLOAT, 4);
        INDArray y = runConv(x, w, b, ints("pads", 1, 1, 1, 1), intAttr("group", 4));
        INDArray expected = ReferenceOps.conv(x, w, b, new int[] {1, 1}, new int[] {1, 1, 1, 1}, new int[] {1, 1}, 4);
        assertTrue(OnnxTestData.maxAbsDiff(expected, y) < TOL);
    }

    @Test
    void sameUpperMatchesExplicitPadding() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 2, 6, 6);
        INDArray w = Nd4j.rand(DataType.FLOAT, 3, 2, 3, 3).subi(0.5);
        INDArray y = runConv(x, w, null, stringAttr("auto_pad", "SAME_UPPER"), ints("strides", 2, 2));
        // out 3x3: total padding (3-1)*2+3-6 = 1, all at the end
        INDArray expected = ReferenceOps.conv(x, w, null, new int[] {2, 2}, new int[] {0, 0, 1, 1}, new int[] {1, 1}, 1);
        assertTrue(OnnxTestData.maxAbsDiff(expected, y) < TOL);
    }

    @Test
    void generalGroupsFailNamingTheNode() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 4, 5, 5);
        INDArray w = Nd4j.rand(DataType.FLOAT, 4, 2, 3, 3);
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> runConv(x, w, null, intAttr("group", 2)));
        assertTrue(e.getMessage().contains("conv0") && e.getMessage().contains("group=2"), e.getMessage());
    }

    @Test
    void convTransposeByHand() {
        // stride 2, kernel 2x2, no padding: every input pixel stamps value * kernel into its own 2x2 block
        INDArray x = Nd4j.createFromArray(new float[] {1, 2, 3, 4}).reshape(1, 1, 2, 2);
        INDArray w = Nd4j.createFromArray(new float[] {1, 10, 100, 1000}).reshape(1, 1, 2, 2);
        ImportedOnnxModel m = TestModels.load(TestModels.opset(11).input("x", 1).initializer("w", w)
                .node("ConvTranspose", "up", new String[] {"x", "w"}, new String[] {"y"}, ints("strides", 2, 2))
                .output("y").build());
        INDArray y = m.forward(x);
        float[] expected = {
            1, 10, 2, 20,
            100, 1000, 200, 2000,
            3, 30, 4, 40,
            300, 3000, 400, 4000};
        assertArrayEquals(expected, y.reshape(16).toFloatVector(), 1e-3f);
        assertTrue(m.scale() == 2);
    }

    @Test
    void convTransposeChannelsPadsAndBiasAgainstLoop() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 5);
        INDArray w = Nd4j.rand(DataType.FLOAT, 3, 2, 4, 4).subi(0.5); // [C_in, C_out, kH, kW]
        INDArray b = Nd4j.rand(DataType.FLOAT, 2);
        ImportedOnnxModel m = TestModels.load(TestModels.opset(11).input("x", 3).initializer("w", w).initializer("b", b)
                .node("ConvTranspose", "up", new String[] {"x", "w", "b"}, new String[] {"y"},
                        ints("strides", 2, 2), ints("pads", 1, 1, 1, 1), ints("kernel_shape", 4, 4))
                .output("y").build());
        INDArray y = m.forward(x);
        INDArray expected = ReferenceOps.convTranspose(x, w, b, new int[] {2, 2}, new int[] {1, 1});
        assertArrayEquals(new long[] {2, 2, 8, 10}, y.shape());
        assertTrue(OnnxTestData.maxAbsDiff(expected, y) < TOL);
    }
}
