package io.github.srgandl4j.onnxruntime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.model.Models;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.core.onnx.OnnxImportOptions;
import io.github.srgandl4j.core.onnx.ValueRange;
import io.github.srgandl4j.core.testing.SharedData;
import io.github.srgandl4j.core.upscale.TilingOptions;
import io.github.srgandl4j.core.upscale.Upscaler;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The ONNX Runtime path against the SameDiff path: the same models, the same Upscaler and tiling. */
class OrtGeneratorModelTest {
    private static final Logger LOG = LoggerFactory.getLogger(OrtGeneratorModelTest.class);

    @Test
    void builtInDefaultThroughTheUpscalerMatchesSameDiff() {
        ImageData lr = randomImage(45, 37, 11);
        TilingOptions tiling = new TilingOptions(24, 24);
        float[] expected;
        try (SuperResolutionModel sd = Models.load("default")) {
            expected = Upscaler.builder(sd).optTiling(tiling).build().upscale(lr).pixels();
        }
        try (SuperResolutionModel source = Models.load("default");
                OrtGeneratorModel ort = OrtGeneratorModel.builder().setModel(source).optThreads(2).build()) {
            Upscaler up = Upscaler.builder(ort).optTiling(tiling).build();
            assertEquals(ValueRange.ZERO_ONE, ort.outputRange(), "the export maps tanh's [-1, 1] to [0, 1] in the graph");
            assertEquals(24, ort.receptiveRadius());
            ImageData sr = up.upscale(lr);
            assertEquals(180, sr.width());
            assertEquals(148, sr.height());
            double d = maxAbsDiff(expected, sr.pixels());
            LOG.info("default, 45x37 in 24-pixel tiles: max |ORT - SameDiff| = {}", d);
            assertTrue(d <= 1e-4, "max abs difference " + d);
        }
    }

    @Test
    void sharedOnnxGeneratorMatchesItsSameDiffImport() {
        Path onnx = SharedData.require("models/pretrained/srgan_x4_leftthomas.onnx");
        INDArray lr = Nd4j.rand(DataType.FLOAT, 2, 3, 19, 26);
        INDArray expected;
        try (SuperResolutionModel sd = Models.load(onnx)) {
            expected = sd.forward(lr);
        }
        try (OrtGeneratorModel ort = OrtGeneratorModel.builder().setModel(Models.load(onnx)).optThreads(2).build()) {
            assertEquals(18, ort.receptiveRadius());
            assertEquals("srgan_x4_leftthomas", ort.name());
            INDArray actual = ort.forward(lr);
            assertArrayEquals(new long[] {2, 3, 76, 104}, actual.shape());
            double d = actual.sub(expected).amaxNumber().doubleValue();
            LOG.info("leftthomas ONNX 2x3x19x26: max |ORT - SameDiff import| = {}", d);
            assertTrue(d <= 1e-4, "max abs difference " + d);
            // a view with an offset as input (the tiler passes copies, library users may not)
            INDArray view = lr.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all()).reshape(1, 3, 19, 26);
            INDArray second = ort.forward(lr.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2)));
            assertTrue(second.sub(expected.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2))).amaxNumber().doubleValue() <= 1e-4);
            assertTrue(ort.forward(view).sub(second).amaxNumber().doubleValue() == 0);
        }
    }

    @Test
    void statedValueRangesAreKept() {
        Path onnx = SharedData.require("models/pretrained/srgan_x4_leftthomas.onnx");
        OnnxImportOptions opts = OnnxImportOptions.builder().outputRange(ValueRange.MINUS_ONE_ONE).build();
        try (OrtGeneratorModel ort = OrtGeneratorModel.builder().setModel(Models.load(onnx, opts)).build()) {
            assertEquals(ValueRange.MINUS_ONE_ONE, ort.outputRange());
            assertEquals(ValueRange.ZERO_ONE, ort.inputRange());
        }
        assertThrows(IllegalArgumentException.class, () -> OrtGeneratorModel.builder().optThreads(0));
    }

    private static ImageData randomImage(int w, int h, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] px = new float[3 * w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) r.nextDouble();
        }
        return ImageData.of(w, h, 3, px);
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
