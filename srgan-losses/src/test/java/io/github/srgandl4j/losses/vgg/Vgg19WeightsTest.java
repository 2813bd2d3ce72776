package io.github.srgandl4j.losses.vgg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class Vgg19WeightsTest {
    @TempDir
    Path tmp;

    @Test
    void bothSharedLayoutsLoadTheSameBlock1To3Weights() throws Exception {
        Vgg19Weights weightsOnly = Vgg19Weights.load(ReferenceData.weightsOnly());
        Vgg19Weights fullModel = Vgg19Weights.load(ReferenceData.fullModel());
        assertEquals(KerasFileLayout.WEIGHTS_ONLY, weightsOnly.layout());
        assertEquals(KerasFileLayout.FULL_MODEL, fullModel.layout());
        List<VggLayer> expected = VggLayer.parse("3,4").withPredecessors();
        assertEquals(expected, weightsOnly.layers());
        assertEquals(expected, fullModel.layers());
        // blocks 1-3 of VGG19: 2,325,568 parameters (the count Keras reports for the shared full model)
        assertEquals(2_325_568L, weightsOnly.parameterCount());
        for (VggLayer l : expected) {
            ConvWeights a = weightsOnly.get(l);
            ConvWeights b = fullModel.get(l);
            assertArrayEquals(l.kernelShape(), a.kernel().shape(), l.kerasName());
            assertArrayEquals(a.kernel().data().asFloat(), b.kernel().data().asFloat(), 0f, l.kerasName());
            assertArrayEquals(a.bias().data().asFloat(), b.bias().data().asFloat(), 0f, l.kerasName());
        }
    }

    @Test
    void kernelIsReadInKerasHwioOrder() throws Exception {
        Path file = tmp.resolve("ramp.h5");
        Map<String, INDArray> ds = new LinkedHashMap<>();
        INDArray kernel = TestHdf5Files.ramp(3, 3, 3, 64);
        TestHdf5Files.putKeras2Layer(ds, "", "block1_conv1", kernel, TestHdf5Files.ramp(64));
        TestHdf5Files.write(file, ds);
        ConvWeights w = Vgg19Weights.load(file).get(new VggLayer(1, 1));
        // element [kh=1, kw=2, cin=0, cout=5] is at flat index ((1*3 + 2)*3 + 0)*64 + 5 = 965
        assertEquals(0.965f, w.kernel().getFloat(1, 2, 0, 5), 1e-6f);
        assertEquals(0.063f, w.bias().getFloat(63), 1e-6f);
    }

    @Test
    void askingPhi54OfTheBlock3FileNamesBlock5Conv4AndTheFile() throws Exception {
        Path file = ReferenceData.weightsOnly();
        String expected = "VGG19 weights file " + file.toAbsolutePath().normalize()
                + " has no layer 'block5_conv4' (needed for phi_5,4); it has block1_conv1..block3_conv4";
        VggWeightsException e = assertThrows(VggWeightsException.class,
                () -> Vgg19Weights.load(file, VggLayer.PHI_5_4));
        assertEquals(expected, e.getMessage());
        // the same through the extractor, with everything the file has already loaded
        Vgg19Weights all = Vgg19Weights.load(ReferenceData.fullModel());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> new Vgg19FeatureExtractor(all, VggLayer.PHI_5_4));
        assertEquals("VGG19 weights file " + ReferenceData.fullModel().toAbsolutePath().normalize()
                + " has no layer 'block5_conv4' (needed for phi_5,4); it has block1_conv1..block3_conv4", e2.getMessage());
    }

    @Test
    void aMissingIntermediateLayerIsNamedWhenTheTargetExists() throws Exception {
        Path file = tmp.resolve("gap.h5");
        Map<String, INDArray> ds = new LinkedHashMap<>();
        TestHdf5Files.putKeras2Layer(ds, "", "block1_conv1", TestHdf5Files.ramp(3, 3, 3, 64), TestHdf5Files.ramp(64));
        TestHdf5Files.putKeras2Layer(ds, "", "block2_conv1", TestHdf5Files.ramp(3, 3, 64, 128), TestHdf5Files.ramp(128));
        TestHdf5Files.write(file, ds);
        VggWeightsException e = assertThrows(VggWeightsException.class,
                () -> Vgg19Weights.load(file, new VggLayer(2, 1)));
        assertEquals("VGG19 weights file " + file + " has no layer 'block1_conv2' (needed for phi_2,1); it has "
                + "block1_conv1, block2_conv1", e.getMessage());
    }

    @Test
    void aLayerWithTheWrongKernelShapeIsNamedWithBothShapes() throws Exception {
        Path file = tmp.resolve("wrong_shape.h5");
        Map<String, INDArray> ds = new LinkedHashMap<>();
        TestHdf5Files.putKeras2Layer(ds, "", "block1_conv1", TestHdf5Files.ramp(3, 3, 3, 64), TestHdf5Files.ramp(64));
        TestHdf5Files.putKeras2Layer(ds, "", "block1_conv2", TestHdf5Files.ramp(3, 3, 64, 64), TestHdf5Files.ramp(64));
        TestHdf5Files.putKeras2Layer(ds, "", "block2_conv1", TestHdf5Files.ramp(3, 3, 64, 64), TestHdf5Files.ramp(64));
        TestHdf5Files.write(file, ds);
        VggWeightsException e = assertThrows(VggWeightsException.class, () -> Vgg19Weights.load(file));
        assertEquals("layer 'block2_conv1' kernel in " + file + " has shape [3,3,64,64], expected [3,3,64,128]",
                e.getMessage());
    }

    @Test
    void aLayerWithTheWrongBiasShapeIsNamed() throws Exception {
        Path file = tmp.resolve("wrong_bias.h5");
        Map<String, INDArray> ds = new LinkedHashMap<>();
        TestHdf5Files.putKeras2Layer(ds, "model_weights", "block1_conv1", TestHdf5Files.ramp(3, 3, 3, 64),
                TestHdf5Files.ramp(32));
        TestHdf5Files.write(file, ds);
        VggWeightsException e = assertThrows(VggWeightsException.class,
                () -> Vgg19Weights.load(file, new VggLayer(1, 1)));
        assertEquals("layer 'block1_conv1' bias in " + file + " has shape [32], expected [64]", e.getMessage());
    }

    @Test
    void olderKerasDatasetNamesAreFound() throws Exception {
        Path file = tmp.resolve("keras1_names.h5");
        Map<String, INDArray> ds = new LinkedHashMap<>();
        INDArray kernel = TestHdf5Files.ramp(3, 3, 3, 64);
        INDArray bias = TestHdf5Files.ramp(64).add(5);
        ds.put("block1_conv1/block1_conv1_W_1:0", kernel);
        ds.put("block1_conv1/block1_conv1_b_1:0", bias);
        TestHdf5Files.write(file, ds);
        Vgg19Weights w = Vgg19Weights.load(file, new VggLayer(1, 1));
        assertEquals(KerasFileLayout.WEIGHTS_ONLY, w.layout());
        assertArrayEquals(kernel.data().asFloat(), w.get(new VggLayer(1, 1)).kernel().data().asFloat(), 0f);
        assertArrayEquals(bias.data().asFloat(), w.get(new VggLayer(1, 1)).bias().data().asFloat(), 0f);
    }

    @Test
    void aFileWithoutVggLayersSaysSoAndListsWhatItHas() throws Exception {
        Path file = tmp.resolve("other.h5");
        TestHdf5Files.write(file, Map.of("dense_1/dense_1/kernel:0", TestHdf5Files.ramp(4, 2)));
        VggWeightsException e = assertThrows(VggWeightsException.class, () -> Vgg19Weights.load(file));
        assertEquals("VGG19 weights file " + file + " has no VGG19 convolution layer (block1_conv1 .. block5_conv4); "
                + "its layer groups are: dense_1", e.getMessage());
    }

    @Test
    void missingAndNonHdf5FilesFailClearly() throws Exception {
        Path missing = tmp.resolve("nope.h5");
        NoSuchFileException e1 = assertThrows(NoSuchFileException.class, () -> Vgg19Weights.load(missing));
        assertTrue(e1.getMessage().contains(missing.toString()), e1.getMessage());

        Path text = tmp.resolve("weights.h5");
        Files.writeString(text, "this is not HDF5, it is a text file long enough to be read at several offsets ".repeat(20));
        VggWeightsException e2 = assertThrows(VggWeightsException.class, () -> Vgg19Weights.load(text));
        assertEquals("VGG19 weights file " + text + " is not an HDF5 file (no HDF5 signature); "
                + "expected a Keras .h5 weights or model file", e2.getMessage());

        Path empty = tmp.resolve("empty.h5");
        Files.createFile(empty);
        assertThrows(VggWeightsException.class, () -> Vgg19Weights.load(empty));

        VggWeightsException e3 = assertThrows(VggWeightsException.class, () -> Vgg19Weights.load(tmp));
        assertTrue(e3.getMessage().contains("is not a readable regular file"), e3.getMessage());
    }

    @Test
    void layersNotLoadedButInTheFileGiveAnExplainingMessage() throws Exception {
        Vgg19Weights partial = Vgg19Weights.load(ReferenceData.weightsOnly(), VggLayer.PHI_2_2);
        assertEquals(VggLayer.PHI_2_2, partial.deepest());
        assertFalse(partial.has(new VggLayer(3, 1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Vgg19FeatureExtractor(partial, new VggLayer(3, 1)));
        assertTrue(e.getMessage().contains("were loaded only up to block2_conv2; layer 'block3_conv1' (needed for "
                + "phi_3,1) is in the file but was not loaded"), e.getMessage());
    }

    @Test
    void aTruncatedDownloadFailsNamingTheFile() throws Exception {
        Path truncated = tmp.resolve("truncated.h5");
        byte[] all = Files.readAllBytes(ReferenceData.weightsOnly());
        Files.write(truncated, java.util.Arrays.copyOf(all, all.length / 2));
        VggWeightsException e = assertThrows(VggWeightsException.class, () -> Vgg19Weights.load(truncated));
        assertTrue(e.getMessage().startsWith("cannot open VGG19 weights file " + truncated + " as HDF5"), e.getMessage());
    }
}
