package io.github.srgandl4j.core.onnx;

import static io.github.srgandl4j.core.onnx.TestModels.floatAttr;
import static io.github.srgandl4j.core.onnx.TestModels.intAttr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Concat, Constant, Identity and BatchNormalization. */
class StructureImportTest {

    @Test
    void concatAlongChannelsWithNegativeAxis() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 5).subi(0.5);
        INDArray y = TestModels.run(TestModels.opset(11).input("x", 3).node("Relu", "x", "r")
                .node("Concat", "cat", new String[] {"x", "r", "x"}, new String[] {"y"}, intAttr("axis", -3))
                .output("y").build(), x);
        assertArrayEquals(new long[] {2, 9, 4, 5}, y.shape());
        org.nd4j.linalg.indexing.INDArrayIndex all = NDArrayIndex.all();
        assertEquals(0.0, OnnxTestData.maxAbsDiff(x, y.get(all, NDArrayIndex.interval(0, 3), all, all).dup()));
        assertEquals(0.0, OnnxTestData.maxAbsDiff(x, y.get(all, NDArrayIndex.interval(6, 9), all, all).dup()));
        INDArray middle = y.get(all, NDArrayIndex.interval(3, 6), all, all).dup();
        for (long i = 0; i < x.length(); i++) {
            assertEquals(Math.max(0, x.getDouble(i)), middle.getDouble(i), 0.0);
        }
    }

    @Test
    void constantScalarAttributesAndIdentity() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 3, 2, 2);
        INDArray y = TestModels.run(TestModels.opset(13).input("x", 3)
                .node("Constant", "c", new String[] {}, new String[] {"k"}, floatAttr("value_float", 0.5f))
                .node("Identity", "k", "k2")
                .node("Identity", "x", "x2")
                .node("Mul", "m", new String[] {"x2", "k2"}, new String[] {"y"}).output("y").build(), x);
        assertTrue(OnnxTestData.maxAbsDiff(x.mul(0.5), y) < 1e-7);
    }

    @Test
    void batchNormalizationInferenceFormula() {
        int c = 3;
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, c, 4, 5).muli(3);
        INDArray scale = Nd4j.createFromArray(1.5f, -0.5f, 2f);
        INDArray bias = Nd4j.createFromArray(0.1f, 0.2f, -0.3f);
        INDArray mean = Nd4j.createFromArray(1f, 2f, 0.5f);
        INDArray var = Nd4j.createFromArray(0.25f, 4f, 1f);
        double eps = 1e-3;
        INDArray y = TestModels.run(TestModels.opset(11).input("x", c)
                .initializer("s", scale).initializer("b", bias).initializer("m", mean).initializer("v", var)
                .node("BatchNormalization", "bn", new String[] {"x", "s", "b", "m", "v"}, new String[] {"y"},
                        floatAttr("epsilon", (float) eps))
                .output("y").build(), x);
        INDArray expected = x.dup();
        for (int n = 0; n < 2; n++) {
            for (int ch = 0; ch < c; ch++) {
                for (int h = 0; h < 4; h++) {
                    for (int w = 0; w < 5; w++) {
                        double v = (x.getDouble(n, ch, h, w) - mean.getDouble(ch)) / Math.sqrt(var.getDouble(ch) + eps)
                                * scale.getDouble(ch) + bias.getDouble(ch);
                        expected.putScalar(new int[] {n, ch, h, w}, v);
                    }
                }
            }
        }
        assertTrue(OnnxTestData.maxAbsDiff(expected, y) < 1e-5);
    }
}
