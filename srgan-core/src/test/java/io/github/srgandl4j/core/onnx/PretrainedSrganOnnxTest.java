package io.github.srgandl4j.core.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.testing.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The shared PyTorch SRGAN x4 generator (opset 11: Conv, PRelu with shared slopes, Add,
 * DepthToSpace CRD, Tanh, Constant, Div) against the output PyTorch computed for the same input.
 */
class PretrainedSrganOnnxTest {
    private static final String MODEL = "models/pretrained/srgan_x4_leftthomas.onnx";
    private static ImportedOnnxModel model;

    /**
     * Imported once, before each test (not in {@code @BeforeAll}: a skip there, where the shared file is
     * absent, would make the tests vanish from the counts instead of showing as skipped).
     */
    @BeforeEach
    void load() {
        Path file = SharedData.require(MODEL);
        if (model == null) {
            model = new OnnxGeneratorImporter().importFile(file);
        }
    }

    @Test
    void describesTheModel() {
        assertEquals(3, model.inputChannels());
        assertEquals(3, model.outputChannels());
        assertEquals(4, model.scale());
        assertEquals("lr", model.inputName());
        assertEquals("sr", model.outputName());
        assertEquals(11, model.opsetVersion());
        assertEquals(ValueRange.ZERO_ONE, model.inputRange());
        assertEquals(ValueRange.ZERO_ONE, model.outputRange());
        assertEquals(15, model.opCounts().get("Conv"));
        assertEquals(9, model.opCounts().get("PRelu"));
        assertEquals(2, model.opCounts().get("DepthToSpace"));
        // conv9x9 (4) + 11 conv3x3 (11) + conv3x3 before the first shuffle (1) at LR,
        // conv3x3 at x2 (1/2), conv9x9 at x4 (4/4): 17.5 LR pixels
        assertEquals(18, model.receptiveRadius());
    }

    @Test
    void tilesWithReceptiveRadiusMarginStitchExactly() throws Exception {
        Path in = SharedData.require("models/pretrained/ref_set5_baby_lr_crop_in_1x3x32x32_f32le.bin");
        INDArray lr = OnnxTestData.readF32le(in, 1, 3, 32, 32);
        INDArray full = model.forward(lr);
        int tile = 26;
        int valid = tile - model.receptiveRadius(); // LR pixels of the tile not affected by its cut edges
        var all = org.nd4j.linalg.indexing.NDArrayIndex.all();
        INDArray tileOut = model.forward(lr.get(all, all, org.nd4j.linalg.indexing.NDArrayIndex.interval(0, tile),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, tile)).dup());
        var region = org.nd4j.linalg.indexing.NDArrayIndex.interval(0, valid * 4);
        double diff = OnnxTestData.maxAbsDiff(full.get(all, all, region, region).dup(), tileOut.get(all, all, region, region).dup());
        assertTrue(diff < 1e-5, "tile vs full inside the valid region: " + diff);
        // and the margin matters: the tile's output differs from the full output near the cut edge
        var edge = org.nd4j.linalg.indexing.NDArrayIndex.interval(0, tile * 4);
        assertTrue(OnnxTestData.maxAbsDiff(full.get(all, all, edge, edge).dup(), tileOut) > 1e-3);
    }

    @Test
    void reproducesPyTorchOutput() throws Exception {
        Path in = SharedData.require("models/pretrained/ref_set5_baby_lr_crop_in_1x3x32x32_f32le.bin");
        Path ref = SharedData.require("models/pretrained/ref_set5_baby_sr_x4_out_1x3x128x128_f32le.bin");
        INDArray lr = OnnxTestData.readF32le(in, 1, 3, 32, 32);
        INDArray expected = OnnxTestData.readF32le(ref, 1, 3, 128, 128);
        INDArray sr = model.forward(lr);
        double diff = OnnxTestData.maxAbsDiff(sr, expected);
        org.slf4j.LoggerFactory.getLogger(PretrainedSrganOnnxTest.class)
                .info("max abs difference to the PyTorch reference output: {}", diff);
        assertTrue(diff < 1e-4, "max abs difference to the PyTorch output: " + diff);
        // the reference is not trivial: it spans most of [0, 1]
        assertTrue(expected.maxNumber().doubleValue() - expected.minNumber().doubleValue() > 0.5);
    }

    @Test
    void nonSquareAndBatchedInputsOnTheSameGraph() throws Exception {
        Path in = SharedData.require("models/pretrained/ref_set5_baby_lr_crop_in_1x3x32x32_f32le.bin");
        INDArray lr = OnnxTestData.readF32le(in, 1, 3, 32, 32);
        INDArray crop = lr.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 20), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 28)).dup();
        INDArray out = model.forward(crop);
        assertArrayEquals(new long[] {1, 3, 80, 112}, out.shape());
        // batch of two different images gives each image's own output
        INDArray other = Nd4j.rand(DataType.FLOAT, 1, 3, 20, 28);
        INDArray batch = Nd4j.concat(0, crop, other);
        INDArray outBatch = model.forward(batch);
        assertArrayEquals(new long[] {2, 3, 80, 112}, outBatch.shape());
        assertTrue(OnnxTestData.maxAbsDiff(outBatch.slice(0).reshape(1, 3, 80, 112), out) < 1e-5);
        assertTrue(OnnxTestData.maxAbsDiff(outBatch.slice(1).reshape(1, 3, 80, 112), model.forward(other)) < 1e-5);
    }
}
