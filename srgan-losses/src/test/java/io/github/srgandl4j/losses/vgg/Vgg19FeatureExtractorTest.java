package io.github.srgandl4j.losses.vgg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class Vgg19FeatureExtractorTest {
    private static final Logger LOG = LoggerFactory.getLogger(Vgg19FeatureExtractorTest.class);
    /** Per-element relative tolerance (the 1e-3)... */
    private static final double REL_TOL = 1e-3;
    /**
     * ... plus an absolute floor for elements near zero: float32 sums of 1152 products reaching ~3500 carry
     * ~2e-3 absolute rounding error whatever the result, so a near-zero element cannot be compared relatively.
     */
    private static final double ABS_FLOOR = 1e-2;

    @Test
    void block2Conv2OfReferenceCropMatchesKerasWithBothFileLayouts() throws Exception {
        INDArray crop = ReferenceData.cropMinus1To1();
        INDArray expected = ReferenceData.referenceFeaturesNchw();
        float[] e = expected.data().asFloat();
        float[][] outputs = new float[2][];
        Path[] files = {ReferenceData.weightsOnly(), ReferenceData.fullModel()};
        for (int f = 0; f < files.length; f++) {
            Vgg19FeatureExtractor vgg = Vgg19FeatureExtractor.load(files[f], VggLayer.PHI_2_2);
            INDArray actual = vgg.features(crop);
            assertArrayEquals(new long[] {1, 128, 16, 16}, actual.shape());
            float[] a = actual.dup('c').data().asFloat();
            double maxRel = 0;
            double maxAbs = 0;
            for (int i = 0; i < e.length; i++) {
                double diff = Math.abs(a[i] - e[i]);
                maxRel = Math.max(maxRel, diff / Math.max(Math.abs(e[i]), 1.0));
                maxAbs = Math.max(maxAbs, diff);
                assertTrue(diff <= REL_TOL * Math.abs(e[i]) + ABS_FLOOR,
                        files[f].getFileName() + " element " + i + ": " + a[i] + " vs reference " + e[i]);
            }
            double maxRef = Transforms.abs(expected).maxNumber().doubleValue();
            LOG.info("{}: block2_conv2 vs Keras reference: max |diff| {} (max |ref| {}, ratio {}), "
                    + "max |diff| / max(|ref|, 1) {}", files[f].getFileName(), maxAbs, maxRef, maxAbs / maxRef, maxRel);
            assertTrue(maxAbs / maxRef <= REL_TOL);
            outputs[f] = a;
        }
        assertArrayEquals(outputs[0], outputs[1], 0f, "the two file layouts give different features");
    }

    @Test
    void preprocessingIsKerasCaffeModeOnMinus1To1Rgb() {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("in", DataType.FLOAT, -1, 3, -1, -1);
        SDVariable out = KerasVggPreprocessing.apply(sd, in, "pre");
        // two pixels: RGB (-1, 0, 1) and (0.5, -0.5, 0.2), NCHW [1,3,1,2]
        INDArray x = Nd4j.create(new float[] {-1f, 0.5f, 0f, -0.5f, 1f, 0.2f}, new long[] {1, 3, 1, 2}, 'c');
        INDArray y = sd.output(Map.of("in", x), "pre").get("pre");
        // [0,255]: (0, 127.5, 255) and (191.25, 63.75, 153); BGR then minus (103.939, 116.779, 123.68)
        float[] expected = {
            (float) (255 - 103.939), (float) (153 - 103.939),
            (float) (127.5 - 116.779), (float) (63.75 - 116.779),
            (float) (0 - 123.68), (float) (191.25 - 123.68)};
        assertArrayEquals(expected, y.dup('c').data().asFloat(), 1e-4f);
        assertEquals("pre", out.name());
    }

    @Test
    void twoCallsInOneGraphShareTheConstantsAndAddNoVariables() throws Exception {
        Vgg19FeatureExtractor vgg = Vgg19FeatureExtractor.load(ReferenceData.weightsOnly(), VggLayer.PHI_2_2);
        SameDiff sd = SameDiff.create();
        SDVariable a = sd.placeHolder("a", DataType.FLOAT, -1, 3, -1, -1);
        SDVariable b = sd.placeHolder("b", DataType.FLOAT, -1, 3, -1, -1);
        SDVariable fa = vgg.features(sd, a, "vgg_a");
        SDVariable fb = vgg.features(sd, b, "vgg_b");
        assertEquals("vgg_a/block2_conv2", fa.name());
        assertEquals("vgg_b/block2_conv2", fb.name());

        List<SDVariable> constants = sd.variables().stream()
                .filter(v -> v.getVariableType() == VariableType.CONSTANT).collect(Collectors.toList());
        Set<String> names = constants.stream().map(SDVariable::name).collect(Collectors.toSet());
        assertEquals(Set.of(KerasVggPreprocessing.KERNEL_CONSTANT, KerasVggPreprocessing.BIAS_CONSTANT,
                "vgg19/block1_conv1/kernel", "vgg19/block1_conv1/bias", "vgg19/block1_conv2/kernel", "vgg19/block1_conv2/bias",
                "vgg19/block2_conv1/kernel", "vgg19/block2_conv1/bias", "vgg19/block2_conv2/kernel", "vgg19/block2_conv2/bias"),
                names);
        // the graph holds the loaded arrays themselves, not copies
        assertTrue(sd.getVariable("vgg19/block2_conv2/kernel").getArr()
                == vgg.weights().get(VggLayer.PHI_2_2).kernel());
        assertEquals(0, sd.variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE).count());

        INDArray crop = ReferenceData.cropMinus1To1();
        Map<String, INDArray> out = sd.output(Map.of("a", crop, "b", crop), fa.name(), fb.name());
        assertArrayEquals(out.get(fa.name()).dup('c').data().asFloat(), out.get(fb.name()).dup('c').data().asFloat(), 0f);
        assertArrayEquals(vgg.features(crop).dup('c').data().asFloat(), out.get(fa.name()).dup('c').data().asFloat(), 0f);

        IllegalArgumentException reused = assertThrows(IllegalArgumentException.class, () -> vgg.features(sd, b, "vgg_a"));
        assertTrue(reused.getMessage().contains("prefix 'vgg_a'"), reused.getMessage());

        // another weights instance in the same graph would silently duplicate or mix weights: refused
        Vgg19FeatureExtractor other = Vgg19FeatureExtractor.load(ReferenceData.fullModel(), VggLayer.PHI_2_2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.features(sd, a, "vgg_c"));
        assertTrue(e.getMessage().contains("vgg19/block1_conv1/kernel"), e.getMessage());
    }

    @Test
    void featureMapsShrinkByTwoPerPoolWithFloorLikeKeras() throws Exception {
        Vgg19FeatureExtractor vgg = Vgg19FeatureExtractor.load(ReferenceData.weightsOnly(), new VggLayer(3, 1));
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 18, 13).muli(2).subi(1);
        assertArrayEquals(new long[] {2, 256, 4, 3}, vgg.features(x).shape());
    }

    @Test
    void channelsLastGivesTheSameFeaturesAndImageGradients() throws Exception {
        Vgg19FeatureExtractor nchw = Vgg19FeatureExtractor.load(ReferenceData.weightsOnly(), new VggLayer(3, 1))
                .withLayout(VggLayout.NCHW);
        Vgg19FeatureExtractor nhwc = nchw.withLayout(VggLayout.NHWC);
        assertEquals(VggLayout.NHWC, nhwc.layout());
        assertTrue(nhwc.weights() == nchw.weights(), "one set of weights");
        Nd4j.getRandom().setSeed(5);
        INDArray images = Nd4j.rand(DataType.FLOAT, 2, 3, 20, 16).muli(2).subi(1);
        INDArray probe = Nd4j.randn(DataType.FLOAT, 2, 256, 5, 4);
        for (boolean before : new boolean[] {false, true}) {
            INDArray[] features = new INDArray[2];
            INDArray[] gradients = new INDArray[2];
            Vgg19FeatureExtractor[] both = {nchw, nhwc};
            for (int k = 0; k < 2; k++) {
                SameDiff sd = SameDiff.create();
                SDVariable img = sd.var("img", images.dup());
                SDVariable f = both[k].features(sd, img, "vgg", before);
                assertEquals("vgg/block3_conv1" + (before ? "_preact" : ""), f.name());
                f.mul(sd.constant("probe", probe)).sum("loss");
                sd.setLossVariables("loss");
                features[k] = sd.output(Map.of(), f.name()).get(f.name());
                gradients[k] = sd.calculateGradients(Map.of(), "img").get("img");
            }
            assertArrayEquals(new long[] {2, 256, 5, 4}, features[1].shape(), "NCHW features from the NHWC graph");
            for (int k = 0; k < 2; k++) {
                INDArray want = k == 0 ? features[0] : gradients[0];
                INDArray got = k == 0 ? features[1] : gradients[1];
                double scale = Transforms.abs(want).maxNumber().doubleValue();
                double diff = Transforms.abs(want.sub(got)).maxNumber().doubleValue();
                LOG.info("VGG19 NHWC against NCHW, {}{}: max |diff| {} of max |value| {}", k == 0 ? "features" : "image "
                        + "gradient", before ? " (before activation)" : "", diff, scale);
                assertTrue(scale > 0 && diff <= 1e-5 * scale, (k == 0 ? "features" : "gradient") + ": " + diff + " of "
                        + scale);
            }
        }
        // and the Keras reference, channels-last
        INDArray actual = Vgg19FeatureExtractor.load(ReferenceData.weightsOnly(), VggLayer.PHI_2_2)
                .withLayout(VggLayout.NHWC).features(ReferenceData.cropMinus1To1());
        float[] a = actual.dup('c').data().asFloat();
        float[] e = ReferenceData.referenceFeaturesNchw().data().asFloat();
        for (int i = 0; i < e.length; i++) {
            assertTrue(Math.abs(a[i] - e[i]) <= REL_TOL * Math.abs(e[i]) + ABS_FLOOR, "NHWC element " + i + ": " + a[i]
                    + " vs reference " + e[i]);
        }
    }
}
