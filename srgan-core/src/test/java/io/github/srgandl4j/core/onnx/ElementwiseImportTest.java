package io.github.srgandl4j.core.onnx;

import static io.github.srgandl4j.core.onnx.TestModels.floatAttr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Activations and broadcasting arithmetic against element-by-element Java formulas. */
class ElementwiseImportTest {
    private static final double TOL = 1e-6;

    /** x in [-2, 2), shape [2, 3, 4, 5]. */
    private static INDArray input() {
        return Nd4j.rand(DataType.FLOAT, 2, 3, 4, 5).muli(4).subi(2);
    }

    private static void assertUnary(Onnx.ModelProto model, DoubleUnaryOperator f) {
        INDArray x = input();
        INDArray y = TestModels.run(model, x);
        INDArray expected = x.castTo(DataType.DOUBLE).dup();
        for (long i = 0; i < expected.length(); i++) {
            expected.putScalar(i, f.applyAsDouble(expected.getDouble(i)));
        }
        assertArrayEquals(x.shape(), y.shape());
        assertTrue(OnnxTestData.maxAbsDiff(expected.castTo(DataType.FLOAT), y) < TOL);
    }

    @Test
    void relu() {
        assertUnary(TestModels.opset(11).input("x", 3).node("Relu", "x", "y").output("y").build(), v -> Math.max(0, v));
    }

    @Test
    void sigmoid() {
        assertUnary(TestModels.opset(11).input("x", 3).node("Sigmoid", "x", "y").output("y").build(), v -> 1 / (1 + Math.exp(-v)));
    }

    @Test
    void tanh() {
        assertUnary(TestModels.opset(11).input("x", 3).node("Tanh", "x", "y").output("y").build(), Math::tanh);
    }

    @Test
    void leakyReluWithAndWithoutAlpha() {
        assertUnary(TestModels.opset(11).input("x", 3).node("LeakyRelu", "x", "y", floatAttr("alpha", 0.2f)).output("y").build(),
                v -> v >= 0 ? v : 0.2 * v);
        assertUnary(TestModels.opset(11).input("x", 3).node("LeakyRelu", "x", "y").output("y").build(),
                v -> v >= 0 ? v : 0.01 * v);
    }

    @Test
    void clipFromInputsOpset11AndAttributesOpset6() {
        assertUnary(TestModels.opset(11).input("x", 3)
                .initializer("lo", Nd4j.scalar(-0.5f)).initializer("hi", Nd4j.scalar(1.25f))
                .node("Clip", "clip", new String[] {"x", "lo", "hi"}, new String[] {"y"}).output("y").build(),
                v -> Math.min(1.25, Math.max(-0.5, v)));
        assertUnary(TestModels.opset(11).input("x", 3).initializer("hi", Nd4j.scalar(1.25f))
                .node("Clip", "clip", new String[] {"x", "", "hi"}, new String[] {"y"}).output("y").build(),
                v -> Math.min(1.25, v));
        assertUnary(TestModels.opset(6).input("x", 3)
                .node("Clip", "x", "y", floatAttr("min", 0f), floatAttr("max", 1f)).output("y").build(),
                v -> Math.min(1, Math.max(0, v)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "3,1,1", "1,1,1", "1,3,1,1", "3,1,1 unit", "1,3,1,1 unit"})
    void preluSlopeShapes(String shapeText) {
        // "unit": per-channel slopes all in [0, 1] (the max(x, a x) form); otherwise one is negative
        boolean unit = shapeText.endsWith(" unit");
        long[] shape = java.util.Arrays.stream(shapeText.replace(" unit", "").split(",")).mapToLong(Long::parseLong).toArray();
        long count = java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        float[] slopes = unit ? new float[] {0.1f, 0f, 1f} : new float[] {0.1f, 0.25f, -0.5f};
        INDArray slope = Nd4j.createFromArray(java.util.Arrays.copyOf(slopes, (int) count)).reshape(shape);
        INDArray x = input();
        INDArray y = TestModels.run(TestModels.opset(11).input("x", 3).initializer("onnx::PRelu_9", slope)
                .node("PRelu", "prelu", new String[] {"x", "onnx::PRelu_9"}, new String[] {"y"}).output("y").build(), x);
        INDArray expected = x.dup();
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                double a = count == 1 ? slopes[0] : slopes[c];
                for (int h = 0; h < 4; h++) {
                    for (int w = 0; w < 5; w++) {
                        double v = x.getDouble(n, c, h, w);
                        expected.putScalar(new int[] {n, c, h, w}, v >= 0 ? v : a * v);
                    }
                }
            }
        }
        assertTrue(OnnxTestData.maxAbsDiff(expected, y) < TOL);
    }

    @ParameterizedTest
    @ValueSource(floats = {-0.5f, 0f, 1.5f})
    void sharedPreluSlopeOfAnySign(float a) {
        assertUnary(TestModels.opset(11).input("x", 3).initializer("s", Nd4j.createFromArray(new float[] {a}).reshape(1, 1, 1))
                .node("PRelu", "p", new String[] {"x", "s"}, new String[] {"y"}).output("y").build(), v -> v >= 0 ? v : a * v);
    }

    private static void assertBinaryWithChannelConstant(String op, DoubleBinaryOperator f) {
        // x (op) k with k of shape [3, 1, 1] (per channel), then (result) (op) 2 as a rank-0 Constant
        INDArray k = Nd4j.createFromArray(new float[] {0.5f, -1.5f, 3f}).reshape(3, 1, 1);
        INDArray x = input();
        INDArray y = TestModels.run(TestModels.opset(11).input("x", 3).initializer("k", k)
                .node(op, "a", new String[] {"x", "k"}, new String[] {"t"})
                .node("Constant", "two", new String[] {}, new String[] {"c2"}, TestModels.tensorAttr("value", Nd4j.scalar(2f)))
                .node(op, "b", new String[] {"c2", "t"}, new String[] {"y"}).output("y").build(), x);
        INDArray expected = x.castTo(DataType.DOUBLE).dup();
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                for (int h = 0; h < 4; h++) {
                    for (int w = 0; w < 5; w++) {
                        double t = f.applyAsDouble(x.getDouble(n, c, h, w), k.getDouble(c, 0, 0));
                        expected.putScalar(new int[] {n, c, h, w}, f.applyAsDouble(2, t));
                    }
                }
            }
        }
        // relative to the value: 2 / (x / k) grows without bound where x is near 0, and float32 rounds relatively
        INDArray e = expected.castTo(DataType.DOUBLE);
        INDArray err = e.sub(y.castTo(DataType.DOUBLE)).divi(Transforms.max(Transforms.abs(e), 1.0));
        assertTrue(err.amaxNumber().doubleValue() < 1e-4, op + ": relative difference " + err.amaxNumber());
    }

    @Test
    void addSubMulDivBroadcastConstants() {
        assertBinaryWithChannelConstant("Add", Double::sum);
        assertBinaryWithChannelConstant("Sub", (a, b) -> a - b);
        assertBinaryWithChannelConstant("Mul", (a, b) -> a * b);
        assertBinaryWithChannelConstant("Div", (a, b) -> a / b);
    }

    @Test
    void addOfTwoComputedTensors() {
        INDArray x = input();
        INDArray y = TestModels.run(TestModels.opset(11).input("x", 3).node("Relu", "x", "r")
                .node("Sub", "s", new String[] {"x", "r"}, new String[] {"y"}).output("y").build(), x);
        INDArray expected = x.dup();
        for (long i = 0; i < x.length(); i++) {
            expected.putScalar(i, Math.min(0, x.getDouble(i)));
        }
        assertTrue(OnnxTestData.maxAbsDiff(expected, y) < TOL);
    }
}
