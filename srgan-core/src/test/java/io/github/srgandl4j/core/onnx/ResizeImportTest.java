package io.github.srgandl4j.core.onnx;

import static io.github.srgandl4j.core.onnx.TestModels.floats;
import static io.github.srgandl4j.core.onnx.TestModels.stringAttr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Resize and Upsample: hand-computed cases and a per-pixel loop following the ONNX spec. */
class ResizeImportTest {

    private static Onnx.ModelProto resize11(float scale, Onnx.AttributeProto... attrs) {
        return TestModels.opset(11).input("x", 2)
                .initializer("roi", Nd4j.createFromArray(new float[0]))
                .initializer("scales", Nd4j.createFromArray(1f, 1f, scale, scale))
                .node("Resize", "resize0", new String[] {"x", "roi", "scales"}, new String[] {"y"}, attrs)
                .output("y").build();
    }

    @Test
    void pytorchNearestByHand() {
        // F.interpolate(scale_factor=2, mode='nearest') exports asymmetric + floor: each pixel repeated 2x2
        INDArray x = Nd4j.createFromArray(new float[] {1, 2, 3, 4, 5, 6, 7, 8}).reshape(1, 2, 2, 2);
        ImportedOnnxModel m = TestModels.load(resize11(2f, stringAttr("mode", "nearest"),
                stringAttr("coordinate_transformation_mode", "asymmetric"), stringAttr("nearest_mode", "floor")));
        assertEquals(2, m.scale());
        INDArray y = m.forward(x);
        float[] channel0 = {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4};
        assertArrayEquals(channel0, y.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0)).dup().reshape(16).toFloatVector(), 0f);
    }

    @Test
    void bilinearHalfPixelByHand() {
        // F.interpolate(scale_factor=2, mode='bilinear', align_corners=False) on [[0, 1], [2, 3]]:
        // source coordinates -0.25, 0.25, 0.75, 1.25 (clamped at the border)
        INDArray x = Nd4j.createFromArray(new float[] {0, 1, 2, 3, 0, 0, 0, 0}).reshape(1, 2, 2, 2);
        INDArray y = TestModels.run(resize11(2f, stringAttr("mode", "linear"),
                stringAttr("coordinate_transformation_mode", "pytorch_half_pixel")), x);
        float[] expected = {
            0.0f, 0.25f, 0.75f, 1.0f,
            0.5f, 0.75f, 1.25f, 1.5f,
            1.5f, 1.75f, 2.25f, 2.5f,
            2.0f, 2.25f, 2.75f, 3.0f};
        assertArrayEquals(expected, y.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0)).dup().reshape(16).toFloatVector(), 1e-6f);
    }

    @ParameterizedTest
    @CsvSource({
        "nearest, asymmetric, floor, 2",
        "nearest, asymmetric, round_prefer_floor, 3",
        "nearest, asymmetric, round_prefer_ceil, 2",
        "nearest, half_pixel, round_prefer_floor, 3",
        "nearest, half_pixel, ceil, 4",
        "nearest, pytorch_half_pixel, floor, 2",
        "linear, half_pixel, floor, 3",
        "linear, half_pixel, floor, 4",
        "linear, asymmetric, floor, 2",
        "linear, asymmetric, floor, 3"})
    void matchesPerPixelReference(String mode, String transform, String nearestMode, int scale) {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 2, 3, 5);
        INDArray y = TestModels.run(resize11(scale, stringAttr("mode", mode),
                stringAttr("coordinate_transformation_mode", transform), stringAttr("nearest_mode", nearestMode)), x);
        INDArray expected = ReferenceOps.resize(x, scale, mode, transform, nearestMode);
        assertArrayEquals(expected.shape(), y.shape());
        assertTrue(OnnxTestData.maxAbsDiff(expected, y) < 1e-6, mode + " " + transform + " " + nearestMode);
    }

    @Test
    void upsampleOpset9NearestAndOpset7LinearAttribute() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 2, 3, 4);
        INDArray y9 = TestModels.run(TestModels.opset(9).input("x", 2)
                .initializer("scales", Nd4j.createFromArray(1f, 1f, 2f, 2f))
                .node("Upsample", "up", new String[] {"x", "scales"}, new String[] {"y"}).output("y").build(), x);
        assertEquals(0.0, OnnxTestData.maxAbsDiff(ReferenceOps.resize(x, 2, "nearest", "asymmetric", "floor"), y9));
        INDArray y7 = TestModels.run(TestModels.opset(7).input("x", 2)
                .node("Upsample", "x", "y", stringAttr("mode", "linear"), floats("scales", 1f, 1f, 3f, 3f)).output("y").build(), x);
        assertTrue(OnnxTestData.maxAbsDiff(ReferenceOps.resize(x, 3, "linear", "asymmetric", "floor"), y7) < 1e-6);
    }

    @Test
    void unsupportedCombinationsNameNodeAndAttribute() {
        OnnxImportException a = assertThrows(OnnxImportException.class, () -> TestModels.load(resize11(2f,
                stringAttr("mode", "linear"), stringAttr("coordinate_transformation_mode", "align_corners"))));
        assertTrue(a.getMessage().contains("resize0") && a.getMessage().contains("align_corners"), a.getMessage());
        OnnxImportException c = assertThrows(OnnxImportException.class, () -> TestModels.load(resize11(2f,
                stringAttr("mode", "cubic"))));
        assertTrue(c.getMessage().contains("resize0") && c.getMessage().contains("cubic"), c.getMessage());
        OnnxImportException s = assertThrows(OnnxImportException.class, () -> TestModels.load(resize11(1.5f)));
        assertTrue(s.getMessage().contains("resize0") && s.getMessage().contains("1.5"), s.getMessage());
    }
}
