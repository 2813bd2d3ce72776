package io.github.srgandl4j.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.onnx.ValueRange;
import io.github.srgandl4j.core.testing.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelsTest {
    @TempDir
    Path dir;

    @Test
    void importedOnnxModelSavesAsLibraryModelFileAndReloadsIdentically() {
        Path onnx = SharedData.require("models/pretrained/srgan_x4_leftthomas.onnx");
        SuperResolutionModel m = Models.load(onnx);
        assertEquals(4, m.scale());
        assertEquals(ValueRange.ZERO_ONE, m.outputRange());
        Path saved = dir.resolve("leftthomas.srgan");
        m.save(saved);
        SuperResolutionModel back = Models.load(saved);
        assertTrue(back instanceof OnnxGeneratorModel);
        assertEquals("srgan_x4_leftthomas", back.name());
        assertEquals(m.receptiveRadius(), back.receptiveRadius());
        assertEquals("srgan_x4_leftthomas.onnx", back.provenance().details().get("importedFrom"));
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 3, 12, 10);
        assertArrayEquals(m.forward(x).data().asFloat(), back.forward(x).data().asFloat(), 0f);
        back.close();
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> back.forward(x));
        assertEquals("model 'srgan_x4_leftthomas' is closed", closed.getMessage());
    }

    @Test
    void srResNetFilesLoadAndNonGeneratorsAreRefused() {
        Path g = dir.resolve("g.srgan");
        SrResNetModel.initialise(SrResNetConfig.of(2, 1, 4), 1).save(g);
        assertTrue(Models.load(g) instanceof SrResNetModel);
        Path d = dir.resolve("d.srgan");
        DiscriminatorModel.initialise(DiscriminatorConfig.of(16, 4), 1).save(d);
        ModelFileException e = assertThrows(ModelFileException.class, () -> Models.load(d));
        assertTrue(e.getMessage().contains("holds a 'discriminator', which is not a super-resolution generator"),
                e.getMessage());
    }

    @Test
    void namesAndFilesLoadThroughOneEntryPoint() {
        assertEquals(java.util.List.of("default", "srgan", "srresnet"), Models.builtInNames());
        assertTrue(Models.isBuiltIn("SRResNet"));
        Path g = dir.resolve("g.srgan");
        SrResNetModel.initialise(SrResNetConfig.of(2, 1, 4), 3).save(g);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 3, 5, 4);
        try (SuperResolutionModel a = Models.load(g.toString()); SuperResolutionModel b = Models.load(g)) {
            assertArrayEquals(a.forward(x).data().asFloat(), b.forward(x).data().asFloat(), 0f);
        }
        ModelFileException e = assertThrows(ModelFileException.class, () -> Models.load(Path.of("default")));
        assertTrue(e.getMessage().contains("Models.load(\"default\")"), e.getMessage());
        ModelFileException missing = assertThrows(ModelFileException.class, () -> Models.load(dir.resolve("none.srgan").toString()));
        assertTrue(missing.getMessage().contains("none.srgan"), missing.getMessage());
    }
}
