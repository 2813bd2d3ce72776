package io.github.srgandl4j.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.model.DiscriminatorConfig.Head;
import io.github.srgandl4j.core.nn.GraphContext;
import io.github.srgandl4j.core.nn.Parameters;
import io.github.srgandl4j.core.nn.Phase;
import io.github.srgandl4j.core.nn.SpectralNorm;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The discriminator variants: no BN, spectral normalisation, global-average head, crop sizes. */
class DiscriminatorVariantsTest {
    @TempDir
    Path dir;

    private static INDArray logits(DiscriminatorConfig cfg, Parameters p, INDArray x) {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("x", DataType.FLOAT, -1, 3, cfg.inputSize(), cfg.inputSize());
        Discriminator.build(new GraphContext(sd, p, Phase.TRAIN, GraphContext.Binding.VARIABLES), cfg, in, "logit");
        return sd.output(Map.of("x", x), "logit").get("logit");
    }

    @Test
    void parameterCountsOfTheVariantsByHand() {
        // convolutions of the paper's discriminator with 64 base channels: 9 * 3 * 64 + 64 + sum over the others
        long convs = 1792 + 36928 + 73856 + 147584 + 295168 + 590080 + 1180160 + 2359808;
        long bn = 2 * (64 + 128 + 128 + 256 + 256 + 512 + 512);
        DiscriminatorConfig paper96 = DiscriminatorConfig.paper();
        // global average: dense1 has 512 inputs whatever the crop
        for (int crop : new int[] {32, 64, 96}) {
            DiscriminatorConfig gap = DiscriminatorConfig.of(crop, 64).withVariant(false, true, Head.GLOBAL_AVERAGE);
            long expected = convs + (512L * 1024 + 1024) + (1024 + 1);
            assertEquals(expected, gap.parameterCount(), "crop " + crop);
            assertEquals(expected, Discriminator.initialise(gap, 1).count(Parameters.Role.TRAINABLE), "crop " + crop);
        }
        DiscriminatorConfig noBn = paper96.withVariant(false, false, Head.FLATTEN);
        assertEquals(paper96.parameterCount() - bn, noBn.parameterCount());
        assertEquals(noBn.parameterCount(), Discriminator.initialise(noBn, 1).count(Parameters.Role.TRAINABLE));
        // the paper's dense layer for 64 crops: 512 * 4 * 4 inputs
        assertEquals(convs + bn + (8192L * 1024 + 1024) + 1025, DiscriminatorConfig.of(64, 64).parameterCount());
        // spectral norm state: u (outputs) and v (inputs) per layer, nothing trainable
        Parameters sn = Discriminator.initialise(DiscriminatorConfig.of(32, 8).withVariant(false, true, Head.FLATTEN), 2);
        assertArrayEquals(new long[] {8}, sn.get("conv0/sn_u").shape());
        assertArrayEquals(new long[] {27}, sn.get("conv0/sn_v").shape());
        assertArrayEquals(new long[] {64L * 2 * 2}, sn.get("dense1/sn_v").shape());
        assertEquals(Parameters.Role.STATE, sn.role("dense2/sn_u"));
        assertFalse(sn.contains("bn1/gamma") || sn.names().stream().anyMatch(n -> n.startsWith("bn")));
    }

    @Test
    void globalAverageHeadEqualsTheFlattenHeadWhenTheLastMapIsOnePixel() {
        // a 16-pixel input ends in a 1x1 map after four stride-2 convolutions: flatten == mean over 1 pixel
        DiscriminatorConfig flat = DiscriminatorConfig.of(16, 8);
        DiscriminatorConfig gap = flat.withVariant(true, false, Head.GLOBAL_AVERAGE);
        Parameters p = Discriminator.initialise(flat, 7);
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 3, 16, 16).muli(2).subi(1);
        assertArrayEquals(logits(flat, p, x).data().asFloat(), logits(gap, p, x).data().asFloat(), 1e-6f);
    }

    /**
     * The patch head: the dense layers applied by hand (plain ND4J products) to the feature vector at every position of
     * the last map, in image, row, column order; with one position it equals the global-average head.
     */
    @Test
    void patchHeadGivesTheDenseLayersOutputAtEveryPosition() {
        DiscriminatorConfig cfg = DiscriminatorConfig.of(48, 8).withVariant(false, false, Head.PATCH);
        Parameters p = Discriminator.initialise(cfg, 9);
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 48, 48).muli(2).subi(1);
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("x", DataType.FLOAT, -1, 3, 48, 48);
        Discriminator.build(new GraphContext(sd, p, Phase.INFERENCE, GraphContext.Binding.CONSTANTS), cfg, in, "logit");
        Map<String, INDArray> out = sd.output(Map.of("x", x), "features", "logit");
        INDArray f = out.get("features");
        INDArray logits = out.get("logit");
        assertArrayEquals(new long[] {2 * 3 * 3, 1}, logits.shape(), "3x3 positions per 48-pixel image");
        int row = 0;
        for (int n = 0; n < 2; n++) {
            for (int y = 0; y < 3; y++) {
                for (int xx = 0; xx < 3; xx++) {
                    INDArray v = f.get(NDArrayIndex.point(n), NDArrayIndex.all(), NDArrayIndex.point(y),
                            NDArrayIndex.point(xx)).reshape(1, f.size(1));
                    INDArray h = v.mmul(p.get("dense1/W")).addRowVector(p.get("dense1/b").reshape(1, -1));
                    h = Transforms.leakyRelu(h, cfg.leakySlope());
                    double want = h.mmul(p.get("dense2/W")).getDouble(0) + p.get("dense2/b").getDouble(0);
                    assertEquals(want, logits.getDouble(row, 0), 1e-5 * Math.max(1, Math.abs(want)), "image " + n
                            + ", position " + y + "," + xx);
                    row++;
                }
            }
        }
        DiscriminatorConfig small = DiscriminatorConfig.of(16, 8).withVariant(false, false, Head.PATCH);
        Parameters q = Discriminator.initialise(small, 7);
        INDArray x16 = Nd4j.rand(DataType.FLOAT, 3, 3, 16, 16).muli(2).subi(1);
        assertArrayEquals(logits(small.withVariant(false, false, Head.GLOBAL_AVERAGE), q, x16).data().asFloat(),
                logits(small, q, x16).data().asFloat(), 1e-6f);
    }

    @Test
    void spectralNormMakesTheLogitsInvariantToScalingTheWeights() {
        // W / (v^T W u) does not change when W is multiplied by a constant (u, v fixed), so without BN only the
        // biases matter for scale: multiplying every weight matrix by 7 leaves the logits unchanged
        for (boolean spectral : new boolean[] {true, false}) {
            DiscriminatorConfig cfg = DiscriminatorConfig.of(32, 8).withVariant(false, spectral, Head.GLOBAL_AVERAGE);
            Parameters p = Discriminator.initialise(cfg, 3);
            Parameters scaled = p.copy();
            for (String n : scaled.names()) {
                if (n.endsWith("/W")) {
                    scaled.get(n).muli(7);
                }
            }
            Nd4j.getRandom().setSeed(2);
            INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 32, 32).muli(2).subi(1);
            float[] a = logits(cfg, p, x).data().asFloat();
            float[] b = logits(cfg, scaled, x).data().asFloat();
            if (spectral) {
                for (int i = 0; i < a.length; i++) {
                    assertEquals(a[i], b[i], 1e-5 * (1 + Math.abs(a[i])), "logit " + i);
                }
            } else {
                assertFalse(Math.abs(a[0] - b[0]) < 1e-3, "without spectral norm the logits must change");
            }
        }
    }

    @Test
    void everyVariantGivesOneLogitPerImageForSmallAndLargeCrops() {
        for (int crop : new int[] {16, 32, 48, 64}) {
            for (DiscriminatorConfig cfg : new DiscriminatorConfig[] {DiscriminatorConfig.of(crop, 4),
                    DiscriminatorConfig.of(crop, 4).withVariant(false, true, Head.FLATTEN),
                    DiscriminatorConfig.of(crop, 4).withVariant(true, false, Head.GLOBAL_AVERAGE)}) {
                INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, crop, crop);
                INDArray l = logits(cfg, Discriminator.initialise(cfg, 1), x);
                assertArrayEquals(new long[] {2, 1}, l.shape(), cfg.describe());
                assertFalse(l.isNaN().any(), cfg.describe());
            }
        }
    }

    @Test
    void variantsRoundTripThroughModelFilesAndOldHeadersReadAsThePaper() {
        DiscriminatorConfig cfg = DiscriminatorConfig.of(32, 8).withVariant(false, true, Head.GLOBAL_AVERAGE);
        DiscriminatorModel m = DiscriminatorModel.initialise(cfg, 4);
        SpectralNorm.powerIteration(m.parameters().get("conv3/W"), m.parameters().get("conv3/sn_u"),
                m.parameters().get("conv3/sn_v"));
        Path f = dir.resolve("d.srgan");
        m.save(f);
        DiscriminatorModel back = DiscriminatorModel.load(f);
        assertEquals(cfg, back.config());
        assertArrayEquals(m.parameters().get("conv3/sn_u").data().asFloat(), back.parameters().get("conv3/sn_u").data().asFloat(), 0f);
        Map<String, Object> paperHeader = ModelHeaders.discriminatorConfig(DiscriminatorConfig.paper());
        assertFalse(paperHeader.containsKey("head"), "the paper's variant writes the old header");
        assertEquals(DiscriminatorConfig.paper(), ModelHeaders.discriminatorConfig(paperHeader));
        assertTrue(DiscriminatorConfig.paper().isPaperVariant());
        assertEquals("32px, 8 channels, no batch norm, spectral norm, global-average head", cfg.describe());
    }
}
