package io.github.srgandl4j.losses.vgg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class Vgg19FeatureExtractorTest {
    private static final Logger LOG = LoggerFactory.getLogger(Vgg19FeatureExtractorTest.class);

    @Test
    void block2Conv2OfReferenceCropMatchesKerasReference() throws Exception {
        INDArray crop = ReferenceData.cropMinus1To1();
        INDArray expected = ReferenceData.referenceFeaturesNchw();
        for (var file : new java.nio.file.Path[] {ReferenceData.weightsOnly(), ReferenceData.fullModel()}) {
            Vgg19FeatureExtractor vgg = Vgg19FeatureExtractor.load(file, VggLayer.PHI_2_2);
            INDArray actual = vgg.features(crop);
            assertArrayEquals(new long[] {1, 128, 16, 16}, actual.shape());
            double maxAbsDiff = Transforms.abs(actual.sub(expected)).maxNumber().doubleValue();
            double maxRef = Transforms.abs(expected).maxNumber().doubleValue();
            LOG.info("{}: max |diff| {} , max |ref| {}, relative {}", file.getFileName(), maxAbsDiff, maxRef, maxAbsDiff / maxRef);
        }
    }
}
