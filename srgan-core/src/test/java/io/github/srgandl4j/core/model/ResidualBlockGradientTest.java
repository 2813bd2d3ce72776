package io.github.srgandl4j.core.model;

import io.github.srgandl4j.core.nn.GraphContext;
import io.github.srgandl4j.core.nn.Parameters;
import io.github.srgandl4j.core.nn.Phase;
import io.github.srgandl4j.core.testing.FiniteDifferences;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finite-difference gradient check through the generator's residual block and long skip (residual
 * adds had zero-gradient bugs in M2), in training mode, double precision.
 */
class ResidualBlockGradientTest {
    @Test
    void gradientsThroughResidualBlocksMatchFiniteDifferences() {
        SrResNetConfig cfg = SrResNetConfig.of(2, 1, 4);
        Parameters p = SrResNet.initialise(cfg, 3).castTo(DataType.DOUBLE);
        // non-trivial BN affine parameters and PReLU slopes
        Nd4j.getRandom().setSeed(5);
        for (String n : p.names(Parameters.Role.TRAINABLE)) {
            if (n.endsWith("/gamma") || n.endsWith("/beta") || n.endsWith("/alpha")) {
                p.get(n).assign(Nd4j.rand(DataType.DOUBLE, p.get(n).shape()).addi(0.2));
            }
        }
        SameDiff sd = SameDiff.create();
        SDVariable lr = sd.var("lr", Nd4j.rand(DataType.DOUBLE, 2, 3, 5, 4));
        SDVariable sr = SrResNet.build(new GraphContext(sd, p, Phase.TRAIN, GraphContext.Binding.VARIABLES), cfg, lr, "sr");
        SDVariable w = sd.constant("w", Nd4j.rand(DataType.DOUBLE, 2, 3, 10, 8));
        sr.mul(w).sum("loss");
        FiniteDifferences.check(sd, Map.of(), "loss",
                new String[] {"lr", "res0/conv1/W", "res0/conv2/W", "res0/bn2/gamma", "res0/bn1/beta",
                    "res0/prelu/alpha", "head/conv/W", "mid/bn/gamma", "up0/conv/W", "up0/conv/b", "tail/conv/W"},
                6, 1e-4);
    }
}
