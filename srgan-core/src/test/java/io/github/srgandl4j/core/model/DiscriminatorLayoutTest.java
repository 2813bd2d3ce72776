package io.github.srgandl4j.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.model.DiscriminatorConfig.Head;
import io.github.srgandl4j.core.nn.BatchNorm;
import io.github.srgandl4j.core.nn.DataLayout;
import io.github.srgandl4j.core.nn.GraphContext;
import io.github.srgandl4j.core.nn.Parameters;
import io.github.srgandl4j.core.nn.Phase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The discriminator run channels-last ({@link DataLayout#NHWC}) inside a graph against the same network run NCHW:
 * logits, the named NCHW features, BN's batch moments, and the gradients of every weight and of the input, for the
 * paper's variant and the campaign's (spectral norm, no BN) with each head. Both layouts are SameDiff's own ops (the
 * convolution, the reductions), so the NCHW graph is an independent reference for the transposes, the reduction axes
 * and the per-channel shapes of the NHWC one; float rounding may differ where oneDNN picks another kernel per layout.
 */
class DiscriminatorLayoutTest {
    private record Result(Map<String, INDArray> outputs, Map<String, INDArray> gradients) {}

    private static Result run(DiscriminatorConfig cfg, Parameters p, INDArray x, INDArray weights, DataLayout layout) {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.var("x", x.dup());
        SDVariable logits = Discriminator.build(new GraphContext(sd, p, Phase.TRAIN, GraphContext.Binding.VARIABLES), cfg,
                in, "logit", layout);
        SDVariable loss = logits.mul(sd.constant(weights)).sum();
        loss.rename("loss");
        sd.setLossVariables("loss");
        List<String> names = new ArrayList<>(List.of("logit", "features"));
        for (String bn : Discriminator.batchNormLayers(cfg)) {
            names.add(BatchNorm.batchMeanName(bn));
            names.add(BatchNorm.batchVarName(bn));
        }
        Map<String, INDArray> outputs = sd.output(Map.of(), names.toArray(new String[0]));
        List<String> wrt = new ArrayList<>(List.of("x"));
        for (String n : p.names()) {
            if (p.role(n) == Parameters.Role.TRAINABLE) {
                wrt.add(n);
            }
        }
        Map<String, INDArray> grads = new HashMap<>(sd.calculateGradients(Map.of(), wrt.toArray(new String[0])));
        return new Result(outputs, grads);
    }

    private static void assertClose(INDArray want, INDArray got, String what) {
        assertArrayEquals(want.shape(), got.shape(), what + ": shape");
        float[] a = want.dup('c').data().asFloat();
        float[] b = got.dup('c').data().asFloat();
        double scale = 1e-12;
        for (float v : a) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 2e-5 * scale, what + " at " + i);
        }
    }

    @Test
    void channelsLastGivesTheSameLogitsFeaturesMomentsAndGradients() {
        DiscriminatorConfig paper = DiscriminatorConfig.of(32, 8);
        DiscriminatorConfig campaign = DiscriminatorConfig.of(32, 8).withVariant(false, true, Head.GLOBAL_AVERAGE);
        DiscriminatorConfig patch = DiscriminatorConfig.of(32, 8).withVariant(true, false, Head.PATCH);
        for (DiscriminatorConfig cfg : new DiscriminatorConfig[] {paper, campaign, patch}) {
            Parameters p = Discriminator.initialise(cfg, 11);
            Nd4j.getRandom().setSeed(3);
            INDArray x = Nd4j.rand(DataType.FLOAT, 3, 3, 32, 32).muli(2).subi(1);
            long logitsPerImage = cfg.head() == Head.PATCH ? 4 : 1; // 32 / 16 = 2 x 2 patches
            INDArray w = Nd4j.randn(DataType.FLOAT, 3 * logitsPerImage, 1);
            Result nchw = run(cfg, p, x, w, DataLayout.NCHW);
            Result nhwc = run(cfg, p, x, w, DataLayout.NHWC);
            String v = cfg.describe();
            assertEquals(nchw.outputs().keySet(), nhwc.outputs().keySet(), v);
            for (String n : nchw.outputs().keySet()) {
                assertClose(nchw.outputs().get(n), nhwc.outputs().get(n), v + ": " + n);
            }
            assertArrayEquals(new long[] {3, 64, 2, 2}, nhwc.outputs().get("features").shape(), v + ": features NCHW");
            assertTrue(nchw.gradients().size() > 10, v + ": gradients of the input and the weights");
            for (String n : nchw.gradients().keySet()) {
                assertClose(nchw.gradients().get(n), nhwc.gradients().get(n), v + ": gradient of " + n);
            }
        }
    }
}
