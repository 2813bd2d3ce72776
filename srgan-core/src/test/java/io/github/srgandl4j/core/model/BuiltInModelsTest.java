package io.github.srgandl4j.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BuiltInModelsTest {
    @TempDir
    Path tmp;

    @Test
    void namesResolveToResources() {
        assertEquals("/io/github/srgandl4j/models/srgan.srgan", BuiltInModels.resource("default"));
        assertEquals("/io/github/srgandl4j/models/srresnet.srgan", BuiltInModels.resource("SRResNet"));
        assertTrue(BuiltInModels.isName("srgan"));
        assertFalse(BuiltInModels.isName("model.onnx"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BuiltInModels.resolve("esrgan"));
        assertTrue(e.getMessage().contains("'esrgan'") && e.getMessage().contains("default, srgan, srresnet"), e.getMessage());
    }

    @Test
    void anAbsentResourceFailsClearly() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, null)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> BuiltInModels.load("default", empty));
            assertTrue(e.getMessage().startsWith("built-in model 'srgan' is not bundled in this build"), e.getMessage());
        }
    }

    @Test
    void aBundledResourceLoadsAsTheSavedModel() throws Exception {
        SrResNetModel saved = SrResNetModel.initialise(SrResNetConfig.of(4, 1, 4), 11);
        Path dir = Files.createDirectories(tmp.resolve("io/github/srgandl4j/models"));
        saved.save(dir.resolve("srresnet.srgan"));
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 3, 6, 5);
        try (URLClassLoader cl = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, null);
                SuperResolutionModel m = BuiltInModels.load("srresnet", cl)) {
            assertEquals(4, m.scale());
            assertEquals(0.0, saved.forward(x).sub(m.forward(x)).amaxNumber().doubleValue(), 0.0);
            assertThrows(IllegalStateException.class, () -> BuiltInModels.load("srgan", cl), "srgan is not in this loader");
        }
    }
}
