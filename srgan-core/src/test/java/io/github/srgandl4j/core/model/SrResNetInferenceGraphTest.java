package io.github.srgandl4j.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.nn.Parameters;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SrResNetInferenceGraphTest {
    private static INDArray fast(SrResNetConfig cfg, Parameters p, INDArray lr) {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("lr", DataType.FLOAT, -1, 3, -1, -1);
        SrResNetInferenceGraph.build(sd, p, cfg, in, "sr");
        return sd.output(Map.of("lr", lr), "sr").get("sr");
    }

    private static INDArray plain(SrResNetConfig cfg, Parameters p, INDArray lr) {
        return SrResNetTest.inferenceGraph(cfg, p, InferenceOptions.plain()).output(Map.of("lr", lr), "sr").get("sr");
    }

    /** Random BN statistics and affine parameters, PReLU slopes from {@code lo} to {@code hi}. */
    private static Parameters randomised(SrResNetConfig cfg, long seed, double lo, double hi) {
        Parameters p = SrResNet.initialise(cfg, seed);
        Nd4j.getRandom().setSeed(seed);
        for (String n : p.names()) {
            if (n.contains("/bn")) {
                p.get(n).assign(Nd4j.rand(DataType.FLOAT, p.get(n).shape()).addi(0.5));
            } else if (n.endsWith("/alpha")) {
                p.get(n).assign(Nd4j.rand(DataType.FLOAT, p.get(n).shape()).muli(hi - lo).addi(lo));
            }
        }
        return p;
    }

    @Test
    void sameFunctionAsThePlainGraphForX4AndX2AndAnySlopes() {
        Object[][] cases = {
            {SrResNetConfig.of(4, 2, 16), 0.0, 1.0},   // every PReLU in the max(x, a*x) form
            {SrResNetConfig.of(4, 2, 16), -0.5, 1.5},  // slopes outside [0, 1]: the general form
            {SrResNetConfig.of(2, 1, 8), 0.0, 0.5},    // one upsampling stage: polyphase right after the mid block
        };
        for (Object[] c : cases) {
            SrResNetConfig cfg = (SrResNetConfig) c[0];
            Parameters p = randomised(cfg, 11, (double) c[1], (double) c[2]);
            INDArray lr = Nd4j.rand(DataType.FLOAT, 2, 3, 11, 13);
            INDArray expected = plain(cfg, p, lr);
            INDArray actual = fast(cfg, p, lr);
            assertArrayEquals(expected.shape(), actual.shape());
            double diff = actual.sub(expected).amaxNumber().doubleValue();
            String what = "scale " + cfg.scale() + ", slopes " + c[1] + ".." + c[2];
            assertTrue(diff < 1e-5, what + ": max abs difference " + diff);
            assertTrue(expected.stdNumber().doubleValue() > 1e-3, what + ": output must not be constant");
        }
    }

    @Test
    void parametersAreNotModified() {
        SrResNetConfig cfg = SrResNetConfig.of(4, 1, 8);
        Parameters p = randomised(cfg, 3, 0, 1);
        Parameters before = p.copy();
        fast(cfg, p, Nd4j.rand(DataType.FLOAT, 1, 3, 6, 6));
        for (String n : p.names()) {
            assertTrue(p.get(n).equals(before.get(n)), n + " changed");
        }
    }
}
