package io.github.srgandl4j.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.losses.vgg.ReferenceData;
import io.github.srgandl4j.losses.vgg.Vgg19FeatureExtractor;
import io.github.srgandl4j.losses.vgg.VggLayer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-conv trainable "generator" whose output goes through the frozen VGG19 content loss: gradients reach the
 * generator (and agree with finite differences), a training step moves the generator and leaves every VGG weight
 * bit-for-bit unchanged.
 */
class VggContentLossGradientTest {
    private static final Logger LOG = LoggerFactory.getLogger(VggContentLossGradientTest.class);

    private static final class Graph {
        final SameDiff sd = SameDiff.create();
        final SDVariable loss;
        final Vgg19FeatureExtractor vgg;

        Graph(Vgg19FeatureExtractor vgg) {
            this.vgg = vgg;
            SDVariable lr = sd.placeHolder("lr", DataType.FLOAT, -1, 3, -1, -1);
            SDVariable hr = sd.placeHolder("hr", DataType.FLOAT, -1, 3, -1, -1);
            Nd4j.getRandom().setSeed(20170721);
            // identity centre tap plus small noise, so the generator starts near tanh(lr)
            INDArray w0 = Nd4j.randn(DataType.FLOAT, 3, 3, 3, 3).muli(0.01);
            for (int c = 0; c < 3; c++) {
                w0.putScalar(new long[] {1, 1, c, c}, 1.0);
            }
            SDVariable w = sd.var("gen/w", w0);
            SDVariable b = sd.var("gen/b", Nd4j.zeros(DataType.FLOAT, 3));
            SDVariable conv = sd.cnn().conv2d("gen/conv", lr, w, b, Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1)
                    .paddingMode(PaddingMode.SAME).dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build());
            SDVariable sr = sd.math().tanh("gen/sr", conv);
            loss = new VggContentLoss(vgg).build(sd, "content", sr, hr);
            sd.setLossVariables(loss);
        }

        double lossValue(Map<String, INDArray> ph) {
            return sd.output(ph, loss.name()).get(loss.name()).getDouble(0);
        }
    }

    private static Map<String, INDArray> placeholders() throws Exception {

        INDArray hr = ReferenceData.cropMinus1To1();
        INDArray lr = hr.mul(0.5);
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("lr", lr);
        ph.put("hr", hr);
        return ph;
    }

    @Test
    void onlyTheGeneratorIsTrainableAndItsGradientMatchesFiniteDifferences() throws Exception {
        Graph g = new Graph(Vgg19FeatureExtractor.load(ReferenceData.weightsOnly(), VggLayer.PHI_2_2));
        Set<String> trainable = g.sd.variables().stream()
                .filter(v -> v.getVariableType() == VariableType.VARIABLE)
                .map(SDVariable::name).collect(Collectors.toSet());
        assertEquals(Set.of("gen/w", "gen/b"), trainable, "VGG19 weights must not be trainable variables");

        Map<String, INDArray> ph = placeholders();
        Map<String, INDArray> grads = g.sd.calculateGradients(ph, "gen/w", "gen/b");
        INDArray gw = grads.get("gen/w").dup();
        INDArray gb = grads.get("gen/b").dup();
        double gradNorm = Math.sqrt(gw.norm2Number().doubleValue() * gw.norm2Number().doubleValue()
                + gb.norm2Number().doubleValue() * gb.norm2Number().doubleValue());
        assertTrue(gw.norm2Number().doubleValue() > 1e-3, "no gradient reached the generator kernel");
        assertTrue(gb.norm2Number().doubleValue() > 1e-3, "no gradient reached the generator bias");

        // Directional derivative along the unit gradient u = g/|g| by central differences must equal |g|.
        // (Per-entry finite differences are too noisy in float32 through VGG; along u the signal is strongest.)
        INDArray w = g.sd.getVariable("gen/w").getArr();
        INDArray b = g.sd.getVariable("gen/b").getArr();
        INDArray w0 = w.dup();
        INDArray b0 = b.dup();
        double eps = 1e-2;
        w.assign(w0.add(gw.mul(eps / gradNorm)));
        b.assign(b0.add(gb.mul(eps / gradNorm)));
        double plus = g.lossValue(ph);
        w.assign(w0.sub(gw.mul(eps / gradNorm)));
        b.assign(b0.sub(gb.mul(eps / gradNorm)));
        double minus = g.lossValue(ph);
        w.assign(w0);
        b.assign(b0);
        double numeric = (plus - minus) / (2 * eps);
        LOG.info("directional derivative along the gradient: analytic |g| = {}, finite differences {}", gradNorm, numeric);
        assertEquals(gradNorm, numeric, 0.02 * gradNorm);
    }

    @Test
    void aTrainingStepMovesTheGeneratorAndNoVggWeight() throws Exception {
        Graph g = new Graph(Vgg19FeatureExtractor.load(ReferenceData.weightsOnly(), VggLayer.PHI_2_2));
        List<SDVariable> constants = g.sd.variables().stream()
                .filter(v -> v.getVariableType() == VariableType.CONSTANT).collect(Collectors.toList());
        assertEquals(10, constants.size(), "4 kernels, 4 biases and the preprocessing kernel and bias");
        Map<String, float[]> before = new HashMap<>();
        for (SDVariable c : constants) {
            before.put(c.name(), c.getArr().dup().data().asFloat());
        }
        float[] wBefore = g.sd.getVariable("gen/w").getArr().dup().data().asFloat();
        float[] bBefore = g.sd.getVariable("gen/b").getArr().dup().data().asFloat();

        Map<String, INDArray> ph = placeholders();
        double lossBefore = g.lossValue(ph);
        g.sd.setTrainingConfig(TrainingConfig.builder()
                .updater(new Sgd(1e-3))
                .dataSetFeatureMapping("lr")
                .dataSetLabelMapping("hr")
                .build());
        g.sd.fit(new MultiDataSet(new INDArray[] {ph.get("lr")}, new INDArray[] {ph.get("hr")}));
        double lossAfter = g.lossValue(ph);
        LOG.info("content loss before {} after one SGD step {}", lossBefore, lossAfter);

        assertFalse(java.util.Arrays.equals(wBefore, g.sd.getVariable("gen/w").getArr().dup().data().asFloat()),
                "generator kernel did not change");
        assertFalse(java.util.Arrays.equals(bBefore, g.sd.getVariable("gen/b").getArr().dup().data().asFloat()),
                "generator bias did not change");
        assertTrue(lossAfter < lossBefore, "one small SGD step should lower the loss: " + lossBefore + " -> " + lossAfter);
        for (SDVariable c : constants) {
            assertArrayEquals(before.get(c.name()), g.sd.getVariable(c.name()).getArr().dup().data().asFloat(), 0f,
                    "VGG constant " + c.name() + " changed");
        }
        // and the loaded weights object itself is untouched
        assertArrayEquals(before.get(Vgg19FeatureExtractor.kernelConstantName(VggLayer.PHI_2_2)),
                g.vgg.weights().get(VggLayer.PHI_2_2).kernel().dup().data().asFloat(), 0f);
    }
}
