package io.github.srgandl4j.core.onnx;

import static io.github.srgandl4j.core.onnx.TestModels.intAttr;
import static io.github.srgandl4j.core.onnx.TestModels.stringAttr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** DepthToSpace CRD (PyTorch PixelShuffle) and DCR against a plain-Java loop, on one graph for several sizes. */
class DepthToSpaceImportTest {

    @ParameterizedTest
    @CsvSource({"CRD, 2, 3", "DCR, 2, 3", "CRD, 3, 2", "DCR, 3, 2"})
    void matchesReferenceLoopForTwoInputSizesOnOneGraph(String mode, int r, int c) {
        ImportedOnnxModel m = TestModels.load(TestModels.opset(13).input("x", c * r * r)
                .node("DepthToSpace", "x", "y", intAttr("blocksize", r), stringAttr("mode", mode)).output("y").build());
        assertEquals(r, m.scale());
        assertEquals(c, m.outputChannels());
        for (long[] shape : new long[][] {{2, c * r * r, 3, 5}, {1, c * r * r, 4, 2}}) {
            INDArray x = Nd4j.rand(DataType.FLOAT, shape);
            INDArray y = m.forward(x);
            INDArray expected = ReferenceOps.depthToSpace(x, r, mode);
            assertArrayEquals(expected.shape(), y.shape());
            assertEquals(0.0, OnnxTestData.maxAbsDiff(expected, y), 0.0, mode + " r=" + r);
        }
    }

    @Test
    void crdByHandOnFourChannels() {
        // in channel k holds value k everywhere; CRD x2 puts channel i*2+j at offset (i, j) of each 2x2 block
        ImportedOnnxModel m = TestModels.load(TestModels.opset(11).input("x", 4)
                .node("DepthToSpace", "x", "y", intAttr("blocksize", 2), stringAttr("mode", "CRD")).output("y").build());
        INDArray x = Nd4j.arange(4).castTo(DataType.FLOAT).reshape(1, 4, 1, 1).repeat(2, 1).repeat(3, 1);
        INDArray y = m.forward(x.reshape(1, 4, 1, 1));
        assertArrayEquals(new float[] {0, 1, 2, 3}, y.reshape(4).toFloatVector(), 0f);
    }

    @Test
    void defaultModeIsDcr() {
        ImportedOnnxModel m = TestModels.load(TestModels.opset(11).input("x", 8)
                .node("DepthToSpace", "x", "y", intAttr("blocksize", 2)).output("y").build());
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 8, 2, 3);
        assertTrue(OnnxTestData.maxAbsDiff(ReferenceOps.depthToSpace(x, 2, "DCR"), m.forward(x)) == 0.0);
    }
}
