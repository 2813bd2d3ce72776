package io.github.srgandl4j.core.onnx;

import static io.github.srgandl4j.core.onnx.TestModels.intAttr;
import static io.github.srgandl4j.core.onnx.TestModels.ints;
import static io.github.srgandl4j.core.onnx.TestModels.stringAttr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.github.srgandl4j.core.export.OnnxExport;
import io.github.srgandl4j.core.model.Models;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.core.testing.SharedData;
import java.nio.FloatBuffer;
import java.util.Map;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inference rewrites of imported graphs ({@link ImportRewrites}): the rewritten import computes
 * the same function as the plain op-by-op import (itself tested op by op against plain-Java loops in
 * the other tests of this package) and as ONNX Runtime, on real generators and odd input sizes; and
 * each rewrite is left out where its condition fails.
 */
class ImportRewritesTest {
    private static final Logger LOG = LoggerFactory.getLogger(ImportRewritesTest.class);
    private static final double TOL = 1e-4;

    private static ImportedOnnxModel load(Onnx.ModelProto m, boolean rewrites) {
        return new OnnxGeneratorImporter(OnnxImportOptions.builder().inferenceRewrites(rewrites).build())
                .importModel(m, "m");
    }

    private static ImportRewrites.Summary summary(Onnx.ModelProto m) {
        return new OnnxGeneratorImporter().translate(m, "m").rewrites();
    }

    /** max |rewritten - plain| on {@code x}, also checked against ONNX Runtime. */
    private static double compare(Onnx.ModelProto m, INDArray x) throws Exception {
        INDArray plain = load(m, false).forward(x);
        INDArray fast = load(m, true).forward(x);
        double d = OnnxTestData.maxAbsDiff(plain, fast);
        double ort = OnnxTestData.maxAbsDiff(onnxRuntime(m, x), fast);
        LOG.info("{}: max |rewritten - plain| = {}, max |rewritten - ONNX Runtime| = {}",
                java.util.Arrays.toString(x.shape()), d, ort);
        assertTrue(ort <= TOL, "rewritten import against ONNX Runtime: " + ort);
        return d;
    }

    private static INDArray onnxRuntime(Onnx.ModelProto m, INDArray x) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(2);
            try (OrtSession s = env.createSession(m.toByteArray(), opts);
                    OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.dup('c').data().asFloat()), x.shape());
                    OrtSession.Result r = s.run(Map.of(m.getGraph().getInput(0).getName(), in))) {
                OnnxTensor out = (OnnxTensor) r.get(0);
                FloatBuffer fb = out.getFloatBuffer();
                float[] v = new float[fb.remaining()];
                fb.get(v);
                return Nd4j.create(v, out.getInfo().getShape(), 'c');
            }
        }
    }

    private static INDArray rand(long seed, double lo, double hi, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, shape).muli(hi - lo).addi(lo);
    }

    @Test
    void sharedPyTorchGeneratorRewrittenEqualsPlainAndOnnxRuntime() throws Exception {
        Onnx.ModelProto m = OnnxGeneratorImporter.read(SharedData.require("models/pretrained/srgan_x4_leftthomas.onnx"));
        ImportRewrites.Summary s = summary(m);
        // 15 convolutions NHWC; both upsampling convs reordered for the native shuffle; the 9x9 tail polyphase;
        // permutes only at the input and the output
        assertEquals(new ImportRewrites.Summary(true, 15, 2, 1, 2), s);
        assertTrue(compare(m, rand(1, 0, 1, 1, 3, 19, 23)) <= TOL);
    }

    @Test
    void exportedDefaultModelRewrittenEqualsPlainAndOnnxRuntime() throws Exception {
        Onnx.ModelProto m;
        try (SuperResolutionModel model = Models.load("default")) {
            m = OnnxExport.builder().setModel(model).build().toModelProto();
        }
        assertEquals(new ImportRewrites.Summary(true, 21, 2, 1, 2), summary(m));
        assertTrue(compare(m, rand(2, 0, 1, 2, 3, 17, 21)) <= TOL);
    }

    /** conv 3x3 (3 -> 4c) -> DepthToSpace x2 (mode) -> PRelu per channel -> Mul per channel -> conv k x k (c -> 3). */
    private static TestModels tail(String mode, int c, int k, int outs, float[] slopes) {
        TestModels t = TestModels.opset(13).input("x", 3)
                .initializer("w1", rand(3, -0.3, 0.3, 4L * c, 3, 3, 3)).initializer("b1", rand(4, -0.1, 0.1, 4L * c))
                .node("Conv", "c1", new String[] {"x", "w1", "b1"}, new String[] {"y1"}, ints("pads", 1, 1, 1, 1))
                .node("DepthToSpace", "y1", "y2", intAttr("blocksize", 2), stringAttr("mode", mode))
                .initializer("a", Nd4j.createFromArray(slopes).reshape(c, 1, 1))
                .node("PRelu", "p", new String[] {"y2", "a"}, new String[] {"y3"})
                .initializer("s", rand(5, 0.5, 1.5, 1, c, 1, 1))
                .node("Mul", "mul", new String[] {"s", "y3"}, new String[] {"y4"})
                .initializer("w2", rand(6, -0.2, 0.2, outs, c, k, k)).initializer("b2", rand(7, -0.1, 0.1, outs));
        int h = k / 2;
        return t.node("Conv", "c2", new String[] {"y4", "w2", "b2"}, new String[] {"y"}, ints("pads", h, h, h, h));
    }

    @Test
    void polyphaseTailWithPerChannelPreluAndScaleOnOddSizes() throws Exception {
        float[] slopes = {0.25f, -0.5f, 1.5f, 0.1f}; // two slopes outside [0, 1]: the general PReLU form
        for (String mode : new String[] {"CRD", "DCR"}) {
            Onnx.ModelProto m = tail(mode, 4, 9, 3, slopes).output("y").build();
            ImportRewrites.Summary s = summary(m);
            assertEquals(1, s.polyphaseConvs(), mode);
            assertEquals(mode.equals("CRD") ? 1 : 0, s.reorderedConvs(), mode + ": only a CRD shuffle needs the reorder");
            assertTrue(compare(m, rand(8, 0, 1, 1, 3, 7, 5)) <= TOL, mode);
            assertTrue(compare(m, rand(9, 0, 1, 2, 3, 4, 9)) <= TOL, mode);
        }
    }

    @Test
    void polyphaseOnAShuffleOfTheGraphInputInCrdOrder() throws Exception {
        // no convolution before the shuffle: the CRD input goes to the polyphase kernel with its inputs rearranged
        Onnx.ModelProto m = TestModels.opset(13).input("x", 8)
                .node("DepthToSpace", "x", "y1", intAttr("blocksize", 2), stringAttr("mode", "CRD"))
                .node("LeakyRelu", "y1", "y2", TestModels.floatAttr("alpha", 0.2f))
                .initializer("w", rand(10, -0.2, 0.2, 3, 2, 5, 5))
                .node("Conv", "c", new String[] {"y2", "w"}, new String[] {"y"}, ints("pads", 2, 2, 2, 2))
                .output("y").build();
        assertEquals(new ImportRewrites.Summary(true, 1, 0, 1, 2), summary(m));
        assertTrue(compare(m, rand(11, -1, 1, 1, 8, 5, 6)) <= TOL);
    }

    @Test
    void polyphaseLeftOutWhereItsConditionsFail() throws Exception {
        float[] slopes = {0.25f, 0.5f};
        // a 3x3 convolution after the shuffle: 4x the multiply-adds
        assertEquals(0, summary(tail("CRD", 2, 3, 3, slopes).output("y").build()).polyphaseConvs());
        // a 9x9 convolution with 8 outputs: not an image-producing tail
        assertEquals(0, summary(tail("CRD", 2, 9, 8, slopes).output("y").build()).polyphaseConvs());
        // stride 2
        Onnx.ModelProto strided = TestModels.opset(13).input("x", 8)
                .node("DepthToSpace", "x", "y1", intAttr("blocksize", 2), stringAttr("mode", "DCR"))
                .initializer("w", rand(12, -0.2, 0.2, 3, 2, 5, 5))
                .node("Conv", "c", new String[] {"y1", "w"}, new String[] {"y"}, ints("pads", 2, 2, 2, 2), ints("strides", 2, 2))
                .output("y").build();
        assertEquals(0, summary(strided).polyphaseConvs());
        assertTrue(compare(strided, rand(13, -1, 1, 1, 8, 5, 6)) <= TOL);
        // a non-element-wise op (Concat) between the shuffle and the convolution
        Onnx.ModelProto concat = TestModels.opset(13).input("x", 8)
                .node("DepthToSpace", "x", "y1", intAttr("blocksize", 2), stringAttr("mode", "CRD"))
                .node("Concat", "cat", new String[] {"y1", "y1"}, new String[] {"y2"}, intAttr("axis", 1))
                .initializer("w", rand(14, -0.2, 0.2, 3, 4, 5, 5))
                .node("Conv", "c", new String[] {"y2", "w"}, new String[] {"y"}, ints("pads", 2, 2, 2, 2))
                .output("y").build();
        assertEquals(0, summary(concat).polyphaseConvs());
        assertTrue(compare(concat, rand(15, -1, 1, 1, 8, 5, 6)) <= TOL);
        // the shuffled tensor also read by another op (here added to the result of the convolution's branch)
        Onnx.ModelProto twoReaders = TestModels.opset(13).input("x", 12)
                .node("DepthToSpace", "x", "y1", intAttr("blocksize", 2), stringAttr("mode", "CRD"))
                .initializer("w", rand(16, -0.2, 0.2, 3, 3, 5, 5))
                .node("Conv", "c", new String[] {"y1", "w"}, new String[] {"y2"}, ints("pads", 2, 2, 2, 2))
                .node("Add", "add", new String[] {"y1", "y2"}, new String[] {"y"})
                .output("y").build();
        assertEquals(0, summary(twoReaders).polyphaseConvs());
        assertTrue(compare(twoReaders, rand(17, -1, 1, 1, 12, 3, 4)) <= TOL);
        // a per-pixel (not per-channel) constant between the shuffle and the convolution
        Onnx.ModelProto perPixel = TestModels.opset(13).input("x", 8, 3, 3)
                .node("DepthToSpace", "x", "y1", intAttr("blocksize", 2), stringAttr("mode", "CRD"))
                .initializer("p", rand(18, 0, 1, 1, 1, 6, 6))
                .node("Add", "add", new String[] {"y1", "p"}, new String[] {"y2"})
                .initializer("w", rand(19, -0.2, 0.2, 3, 2, 5, 5))
                .node("Conv", "c", new String[] {"y2", "w"}, new String[] {"y"}, ints("pads", 2, 2, 2, 2))
                .output("y").build();
        assertEquals(0, summary(perPixel).polyphaseConvs());
        assertTrue(compare(perPixel, rand(20, -1, 1, 1, 8, 3, 3)) <= TOL);
        // another upsampling after the convolution: not the last shuffle
        Onnx.ModelProto notLast = TestModels.opset(13).input("x", 8)
                .node("DepthToSpace", "x", "y1", intAttr("blocksize", 2), stringAttr("mode", "CRD"))
                .initializer("w", rand(21, -0.2, 0.2, 4, 2, 5, 5))
                .node("Conv", "c", new String[] {"y1", "w"}, new String[] {"y2"}, ints("pads", 2, 2, 2, 2))
                .node("DepthToSpace", "y2", "y", intAttr("blocksize", 2), stringAttr("mode", "CRD"))
                .output("y").build();
        assertEquals(0, summary(notLast).polyphaseConvs());
        assertTrue(compare(notLast, rand(22, -1, 1, 1, 8, 3, 5)) <= TOL);
    }

    @Test
    void reorderLeftOutWhereItsConditionsFail() throws Exception {
        INDArray w = rand(30, -0.3, 0.3, 8, 3, 3, 3);
        // DCR shuffle: the native op applies as it is, nothing to reorder
        Onnx.ModelProto dcr = TestModels.opset(13).input("x", 3).initializer("w", w)
                .node("Conv", "c", new String[] {"x", "w"}, new String[] {"y1"}, ints("pads", 1, 1, 1, 1))
                .node("DepthToSpace", "y1", "y", intAttr("blocksize", 2), stringAttr("mode", "DCR"))
                .output("y").build();
        assertEquals(new ImportRewrites.Summary(true, 1, 0, 0, 2), summary(dcr));
        assertTrue(compare(dcr, rand(31, 0, 1, 1, 3, 5, 7)) <= TOL);
        // the convolution's output read by the CRD shuffle and by another op
        Onnx.ModelProto twoReaders = TestModels.opset(13).input("x", 3).initializer("w", w)
                .node("Conv", "c", new String[] {"x", "w"}, new String[] {"y1"}, ints("pads", 1, 1, 1, 1))
                .node("DepthToSpace", "y1", "y2", intAttr("blocksize", 2), stringAttr("mode", "CRD"))
                .node("Relu", "y1", "y3")
                .node("DepthToSpace", "y3", "y4", intAttr("blocksize", 2), stringAttr("mode", "CRD"))
                .node("Add", "add", new String[] {"y2", "y4"}, new String[] {"y"})
                .output("y").build();
        assertEquals(0, summary(twoReaders).reorderedConvs());
        assertTrue(compare(twoReaders, rand(32, 0, 1, 1, 3, 5, 7)) <= TOL);
        // a bias computed at run time (the sum of two vectors, not folded at import)
        Onnx.ModelProto runtimeBias = TestModels.opset(13).input("x", 3).initializer("w", w)
                .initializer("b1", rand(33, -1, 1, 8)).initializer("b2", rand(34, -1, 1, 8))
                .node("Add", "badd", new String[] {"b1", "b2"}, new String[] {"b"})
                .node("Conv", "c", new String[] {"x", "w", "b"}, new String[] {"y1"}, ints("pads", 1, 1, 1, 1))
                .node("DepthToSpace", "y1", "y", intAttr("blocksize", 2), stringAttr("mode", "CRD"))
                .output("y").build();
        assertEquals(0, summary(runtimeBias).reorderedConvs());
        assertTrue(compare(runtimeBias, rand(35, 0, 1, 1, 3, 5, 7)) <= TOL);
    }

    @Test
    void nothingRewrittenWhenSwitchedOffOrTrainable() {
        Onnx.ModelProto m = tail("CRD", 2, 9, 3, new float[] {0.25f, 0.5f}).output("y").build();
        assertEquals(new ImportRewrites.Summary(true, 2, 1, 1, 2), summary(m));
        assertEquals(new ImportRewrites.Summary(false, 0, 0, 0, 0), new OnnxGeneratorImporter(
                OnnxImportOptions.builder().inferenceRewrites(false).build()).translate(m, "m").rewrites());
        assertEquals(new ImportRewrites.Summary(false, 0, 0, 0, 0), new OnnxGeneratorImporter(
                OnnxImportOptions.builder().trainable(true).build()).translate(m, "m").rewrites());
        assertTrue(OnnxImportOptions.defaults().inferenceRewrites());
        assertFalse(OnnxImportOptions.builder().inferenceRewrites(false).build().inferenceRewrites());
    }

    @Test
    void channelsLastThroughConcatAndBackToNchwForOtherOps() throws Exception {
        // conv -> Concat(axis 1) with a second conv -> Resize (NCHW only) -> conv: permutes at the Resize
        Onnx.ModelProto m = TestModels.opset(13).input("x", 3)
                .initializer("w1", rand(40, -0.3, 0.3, 4, 3, 3, 3)).initializer("w2", rand(41, -0.3, 0.3, 2, 3, 1, 1))
                .node("Conv", "c1", new String[] {"x", "w1"}, new String[] {"a"}, ints("pads", 1, 1, 1, 1))
                .node("Conv", "c2", new String[] {"x", "w2"}, new String[] {"b"})
                .node("Concat", "cat", new String[] {"a", "b"}, new String[] {"ab"}, intAttr("axis", 1))
                .initializer("scales", Nd4j.createFromArray(1f, 1f, 2f, 2f))
                .node("Resize", "up", new String[] {"ab", "", "scales"}, new String[] {"u"}, stringAttr("mode", "nearest"))
                .initializer("w3", rand(42, -0.3, 0.3, 3, 6, 3, 3))
                .node("Conv", "c3", new String[] {"u", "w3"}, new String[] {"y"}, ints("pads", 1, 1, 1, 1))
                .output("y").build();
        // input to NHWC (once, for both convs), Concat NHWC, back to NCHW for the Resize, to NHWC for c3, output
        assertEquals(new ImportRewrites.Summary(true, 3, 0, 0, 4), summary(m));
        assertTrue(compare(m, rand(43, 0, 1, 1, 3, 5, 7)) <= TOL);
        INDArray y = load(m, true).forward(rand(44, 0, 1, 2, 3, 3, 4));
        assertArrayEquals(new long[] {2, 3, 6, 8}, y.shape());
    }
}
