package io.github.srgandl4j.core.onnx;

import static io.github.srgandl4j.core.onnx.TestModels.floatAttr;
import static io.github.srgandl4j.core.onnx.TestModels.intAttr;
import static io.github.srgandl4j.core.onnx.TestModels.ints;
import static io.github.srgandl4j.core.onnx.TestModels.stringAttr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A miniature ESRGAN/Real-ESRGAN-style generator (residual dense block with Concat, LeakyRelu 0.2,
 * residual scaling by a Constant 0.2, nearest Resize x2 whose scales come from a Concat of
 * Constants, Clip of the output) as PyTorch exports it, against the same network computed with the
 * plain-Java reference ops.
 */
class CompositeGeneratorImportTest {
    private final Map<String, INDArray> w = new HashMap<>();

    private INDArray weight(String name, long... shape) {
        return w.computeIfAbsent(name, k -> Nd4j.rand(DataType.FLOAT, shape).subi(0.5).muli(0.5));
    }

    private onnx.Onnx.ModelProto model() {
        TestModels t = TestModels.opset(11).input("input", 3);
        String[][] convs = {
            {"conv_first", "3", "8"}, {"rdb.conv1", "8", "4"}, {"rdb.conv2", "12", "4"}, {"rdb.conv3", "16", "8"},
            {"conv_body", "8", "8"}, {"conv_up1", "8", "8"}, {"conv_hr", "8", "8"}, {"conv_last", "8", "3"}};
        for (String[] c : convs) {
            int in = Integer.parseInt(c[1]);
            int out = Integer.parseInt(c[2]);
            t.initializer(c[0] + ".weight", weight(c[0] + ".weight", out, in, 3, 3))
                    .initializer(c[0] + ".bias", weight(c[0] + ".bias", out));
        }
        return t.node("Conv", "/conv_first/Conv", in("input", "conv_first"), out("feat"), ints("pads", 1, 1, 1, 1))
                .node("Conv", "/rdb/conv1/Conv", in("feat", "rdb.conv1"), out("c1"), ints("pads", 1, 1, 1, 1))
                .node("LeakyRelu", "/rdb/lrelu/LeakyRelu", new String[] {"c1"}, out("x1"), floatAttr("alpha", 0.2f))
                .node("Concat", "/rdb/Concat", new String[] {"feat", "x1"}, out("cat1"), intAttr("axis", 1))
                .node("Conv", "/rdb/conv2/Conv", in("cat1", "rdb.conv2"), out("c2"), ints("pads", 1, 1, 1, 1))
                .node("LeakyRelu", "/rdb/lrelu_1/LeakyRelu", new String[] {"c2"}, out("x2"), floatAttr("alpha", 0.2f))
                .node("Concat", "/rdb/Concat_1", new String[] {"feat", "x1", "x2"}, out("cat2"), intAttr("axis", 1))
                .node("Conv", "/rdb/conv3/Conv", in("cat2", "rdb.conv3"), out("x3"), ints("pads", 1, 1, 1, 1))
                .node("Constant", "/rdb/Constant", new String[] {}, out("onnx::Mul_20"), TestModels.tensorAttr("value", Nd4j.scalar(0.2f)))
                .node("Mul", "/rdb/Mul", new String[] {"x3", "onnx::Mul_20"}, out("scaled"))
                .node("Add", "/rdb/Add", new String[] {"scaled", "feat"}, out("rdb_out"))
                .node("Conv", "/conv_body/Conv", in("rdb_out", "conv_body"), out("body"), ints("pads", 1, 1, 1, 1))
                .node("Add", "/Add", new String[] {"feat", "body"}, out("feat2"))
                .node("Constant", "/Constant_1", new String[] {}, out("ones"), TestModels.tensorAttr("value", Nd4j.createFromArray(1f, 1f)))
                .node("Constant", "/Constant_2", new String[] {}, out("twos"), TestModels.tensorAttr("value", Nd4j.createFromArray(2f, 2f)))
                .node("Concat", "/Concat", new String[] {"ones", "twos"}, out("scales"), intAttr("axis", 0))
                .node("Constant", "/Constant_3", new String[] {}, out("roi"), TestModels.tensorAttr("value", Nd4j.createFromArray(new float[0])))
                .node("Resize", "/Resize", new String[] {"feat2", "roi", "scales"}, out("up"),
                        stringAttr("coordinate_transformation_mode", "asymmetric"), stringAttr("mode", "nearest"),
                        stringAttr("nearest_mode", "floor"))
                .node("Conv", "/conv_up1/Conv", in("up", "conv_up1"), out("u1"), ints("pads", 1, 1, 1, 1))
                .node("LeakyRelu", "/lrelu/LeakyRelu", new String[] {"u1"}, out("u1a"), floatAttr("alpha", 0.2f))
                .node("Conv", "/conv_hr/Conv", in("u1a", "conv_hr"), out("hr"), ints("pads", 1, 1, 1, 1))
                .node("LeakyRelu", "/lrelu_1/LeakyRelu", new String[] {"hr"}, out("hra"), floatAttr("alpha", 0.2f))
                .node("Conv", "/conv_last/Conv", in("hra", "conv_last"), out("last"), ints("pads", 1, 1, 1, 1))
                .initializer("lo", Nd4j.scalar(0f)).initializer("hi", Nd4j.scalar(1f))
                .node("Clip", "/Clip", new String[] {"last", "lo", "hi"}, out("output"))
                .output("output").build();
    }

    private static String[] in(String x, String conv) {
        return new String[] {x, conv + ".weight", conv + ".bias"};
    }

    private static String[] out(String y) {
        return new String[] {y};
    }

    private INDArray conv(INDArray x, String name) {
        return ReferenceOps.conv(x, w.get(name + ".weight"), w.get(name + ".bias"), new int[] {1, 1},
                new int[] {1, 1, 1, 1}, new int[] {1, 1}, 1);
    }

    private INDArray reference(INDArray x) {
        INDArray feat = conv(x, "conv_first");
        INDArray x1 = Transforms.leakyRelu(conv(feat, "rdb.conv1"), 0.2, true);
        INDArray x2 = Transforms.leakyRelu(conv(Nd4j.concat(1, feat, x1), "rdb.conv2"), 0.2, true);
        INDArray x3 = conv(Nd4j.concat(1, feat, x1, x2), "rdb.conv3");
        INDArray rdb = x3.mul(0.2).add(feat);
        INDArray feat2 = feat.add(conv(rdb, "conv_body"));
        INDArray up = ReferenceOps.resize(feat2, 2, "nearest", "asymmetric", "floor");
        INDArray u1 = Transforms.leakyRelu(conv(up, "conv_up1"), 0.2, true);
        INDArray hr = Transforms.leakyRelu(conv(u1, "conv_hr"), 0.2, true);
        return Transforms.min(Transforms.max(conv(hr, "conv_last"), 0.0, true), 1.0, true);
    }

    @Test
    void miniEsrganMatchesReferenceComposition() {
        ImportedOnnxModel m = TestModels.load(model());
        assertEquals(2, m.scale());
        assertEquals(3, m.outputChannels());
        // LR: five 3x3 convs on the longest path (5) + nearest x2 (1); at x2: three 3x3 convs (3/2)
        assertEquals(8, m.receptiveRadius());
        for (long[] shape : new long[][] {{1, 3, 6, 7}, {2, 3, 5, 4}}) {
            INDArray x = Nd4j.rand(DataType.FLOAT, shape);
            INDArray y = m.forward(x);
            INDArray expected = reference(x);
            assertArrayEquals(new long[] {shape[0], 3, shape[2] * 2, shape[3] * 2}, y.shape());
            assertTrue(OnnxTestData.maxAbsDiff(expected, y) < 1e-5, "max diff " + OnnxTestData.maxAbsDiff(expected, y));
            // not a degenerate all-clipped output
            assertTrue(y.maxNumber().doubleValue() > 0 && y.minNumber().doubleValue() < 1);
        }
    }
}
