package io.github.srgandl4j.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.nn.GraphContext;
import io.github.srgandl4j.core.nn.Parameters;
import io.github.srgandl4j.core.nn.Phase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SrResNetTest {
    static SameDiff inferenceGraph(SrResNetConfig cfg, Parameters p, InferenceOptions opts) {
        SameDiff sd = SameDiff.create();
        SDVariable lr = sd.placeHolder("lr", DataType.FLOAT, -1, 3, -1, -1);
        SrResNet.build(new GraphContext(sd, SrResNet.forInference(p, cfg, opts), Phase.INFERENCE,
                GraphContext.Binding.CONSTANTS), cfg, lr, "sr", opts);
        return sd;
    }

    @Test
    void paperConfigurationHas1550659ParametersLikeThePytorchPeer() {
        // 1,550,659: sum(p.numel()) of SRResNet() in ../shared/peer/torch_srgan_peer.py
        assertEquals(1_550_659L, SrResNetConfig.paper().parameterCount());
        assertEquals(1_550_659L, SrResNet.initialise(SrResNetConfig.paper(), 1).count(Parameters.Role.TRAINABLE));
    }

    @Test
    void parameterCountsEqualClosedFormulaForSeveralConfigurations() {
        for (SrResNetConfig cfg : new SrResNetConfig[] {
            SrResNetConfig.of(2, 0, 8), SrResNetConfig.of(4, 2, 16), SrResNetConfig.of(8, 3, 32), SrResNetConfig.of(4, 5, 64)}) {
            long c = cfg.channels();
            long expected = (243 * c + 2 * c) + cfg.residualBlocks() * (18 * c * c + 7 * c)
                    + (9 * c * c + 3 * c) + cfg.upsampleStages() * (36 * c * c + 5 * c) + (243 * c + 3);
            assertEquals(expected, cfg.parameterCount(), cfg.toString());
            assertEquals(expected, SrResNet.initialise(cfg, 2).count(Parameters.Role.TRAINABLE), cfg.toString());
        }
    }

    @Test
    void outputShapesForSquareAndNonSquareInputs() {
        SrResNetConfig cfg = SrResNetConfig.paper();
        SameDiff sd = inferenceGraph(cfg, SrResNet.initialise(cfg, 1), InferenceOptions.plain());
        INDArray a = sd.output(Map.of("lr", Nd4j.rand(DataType.FLOAT, 1, 3, 24, 24)), "sr").get("sr");
        assertArrayEquals(new long[] {1, 3, 96, 96}, a.shape());
        INDArray b = sd.output(Map.of("lr", Nd4j.rand(DataType.FLOAT, 1, 3, 17, 23)), "sr").get("sr");
        assertArrayEquals(new long[] {1, 3, 68, 92}, b.shape());
        assertTrue(b.maxNumber().doubleValue() <= 1 && b.minNumber().doubleValue() >= -1, "tanh output in [-1, 1]");
        SrResNetConfig x8 = SrResNetConfig.of(8, 1, 8);
        INDArray c = inferenceGraph(x8, SrResNet.initialise(x8, 1), InferenceOptions.fast())
                .output(Map.of("lr", Nd4j.rand(DataType.FLOAT, 2, 3, 5, 6)), "sr").get("sr");
        assertArrayEquals(new long[] {2, 3, 40, 48}, c.shape());
    }

    @Test
    void inferenceRewritesComputeTheSameFunction() {
        SrResNetConfig cfg = SrResNetConfig.of(4, 2, 16);
        Parameters p = SrResNet.initialise(cfg, 9);
        // non-trivial running statistics and BN affine parameters
        Nd4j.getRandom().setSeed(3);
        for (String n : p.names()) {
            if (n.contains("/bn")) {
                p.get(n).assign(Nd4j.rand(DataType.FLOAT, p.get(n).shape()).addi(0.5));
            }
        }
        INDArray lr = Nd4j.rand(DataType.FLOAT, 2, 3, 11, 13);
        INDArray plain = inferenceGraph(cfg, p, InferenceOptions.plain()).output(Map.of("lr", lr), "sr").get("sr");
        for (InferenceOptions o : new InferenceOptions[] {
            new InferenceOptions(true, false), new InferenceOptions(false, true), InferenceOptions.fast()}) {
            INDArray fast = inferenceGraph(cfg, p, o).output(Map.of("lr", lr), "sr").get("sr");
            double maxAbs = fast.sub(plain).amaxNumber().doubleValue();
            assertTrue(maxAbs < 1e-5, o + ": max abs difference " + maxAbs);
        }
        assertTrue(plain.stdNumber().doubleValue() > 1e-3, "output must not be constant");
    }

    @Test
    void invalidConfigurationsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SrResNetConfig.of(3, 16, 64));
        assertThrows(IllegalArgumentException.class, () -> SrResNetConfig.of(4, -1, 64));
        SrResNetConfig cfg = SrResNetConfig.of(4, 1, 8);
        SameDiff sd = SameDiff.create();
        SDVariable lr = sd.placeHolder("lr", DataType.FLOAT, -1, 3, -1, -1);
        assertThrows(IllegalArgumentException.class, () -> SrResNet.build(new GraphContext(sd, SrResNet.initialise(cfg, 1),
                Phase.TRAIN, GraphContext.Binding.VARIABLES), cfg, lr, "sr", InferenceOptions.fast()));
    }
}
