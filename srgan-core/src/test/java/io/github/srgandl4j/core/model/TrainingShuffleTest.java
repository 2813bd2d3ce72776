package io.github.srgandl4j.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.nn.GraphContext;
import io.github.srgandl4j.core.nn.Parameters;
import io.github.srgandl4j.core.nn.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training graph's pixel shuffle (stored CRD kernel reordered in the graph + native DCR
 * depthToSpace) computes the same outputs and the same gradients for every tensor as the
 * reshape/permute CRD shuffle of the activations (itself tested against a plain-Java loop in
 * {@code PixelShuffleTest}).
 */
class TrainingShuffleTest {
    private static SameDiff graph(SrResNetConfig cfg, Parameters p, SrResNet.Shuffle shuffle, INDArray w) {
        SameDiff sd = SameDiff.create();
        SDVariable lr = sd.placeHolder("lr", DataType.FLOAT, -1, 3, -1, -1);
        SDVariable sr = SrResNet.build(new GraphContext(sd, p, Phase.TRAIN, GraphContext.Binding.VARIABLES), cfg, lr,
                "sr", InferenceOptions.plain(), shuffle);
        sr.mul(sd.constant("w", w)).sum("loss");
        sd.setLossVariables("loss");
        return sd;
    }

    @Test
    void nativeShuffleGivesTheSameOutputsAndGradientsAsReshapePermute() {
        SrResNetConfig cfg = SrResNetConfig.of(4, 1, 8);
        Parameters p = SrResNet.initialise(cfg, 21);
        Nd4j.getRandom().setSeed(4);
        INDArray lr = Nd4j.rand(DataType.FLOAT, 2, 3, 5, 7);
        INDArray w = Nd4j.randn(DataType.FLOAT, 2, 3, 20, 28);
        SameDiff a = graph(cfg, p, SrResNet.Shuffle.NATIVE, w);
        SameDiff b = graph(cfg, p, SrResNet.Shuffle.RESHAPE, w);
        INDArray outA = a.output(Map.of("lr", lr), "sr").get("sr");
        INDArray outB = b.output(Map.of("lr", lr), "sr").get("sr");
        assertArrayEquals(new long[] {2, 3, 20, 28}, outA.shape());
        assertTrue(outA.sub(outB).amaxNumber().doubleValue() < 1e-6, "outputs differ");
        assertTrue(outB.stdNumber().doubleValue() > 1e-3, "output must not be constant");
        List<String> vars = new ArrayList<>(p.names(Parameters.Role.TRAINABLE));
        Map<String, INDArray> ga = a.calculateGradients(Map.of("lr", lr), vars);
        Map<String, INDArray> gb = b.calculateGradients(Map.of("lr", lr), vars);
        for (String v : vars) {
            // relative to the tensor's largest gradient, at least 1: BN makes the gradients of biases before it
            // zero in exact arithmetic, so theirs are float rounding noise (~1e-5) in both graphs
            double scale = Math.max(1, gb.get(v).amaxNumber().doubleValue());
            double diff = ga.get(v).sub(gb.get(v)).amaxNumber().doubleValue();
            assertTrue(diff <= 1e-4 * scale, v + ": gradient differs by " + diff + " (max " + scale + ")");
        }
        assertTrue(gb.get("up0/conv/W").amaxNumber().doubleValue() > 0, "upsampling kernel must get a gradient");
    }
}
