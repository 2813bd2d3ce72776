package io.github.srgandl4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.srgandl4j.core.model.DiscriminatorConfig;
import io.github.srgandl4j.core.model.DiscriminatorConfig.Head;
import io.github.srgandl4j.core.model.DiscriminatorModel;
import io.github.srgandl4j.core.nn.DataLayout;
import io.github.srgandl4j.core.nn.Parameters;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A BN-free discriminator trained on [real; fake] in one pass equals two passes with shared weights. */
class DiscriminatorJointBatchTest {
    private static final DiscriminatorConfig NO_BN = DiscriminatorConfig.of(32, 8).withVariant(false, true, Head.GLOBAL_AVERAGE);

    @Test
    void onePassOverBothBatchesTrainsLikeTwoPasses() {
        for (AdversarialLoss loss : new AdversarialLoss[] {TestLosses.BCE, TestLosses.MEAN_REAL_LOGIT}) {
            DiscriminatorModel separate = DiscriminatorModel.initialise(NO_BN, 11);
            DiscriminatorModel joint = DiscriminatorModel.initialise(NO_BN, 11);
            DiscriminatorTrainingGraph two = new DiscriminatorTrainingGraph(separate, loss, OptimizerConfig.adam(1e-3), false,
                    DataLayout.NCHW);
            DiscriminatorTrainingGraph one = new DiscriminatorTrainingGraph(joint, loss, OptimizerConfig.adam(1e-3));
            Nd4j.getRandom().setSeed(5);
            for (int step = 0; step < 3; step++) {
                INDArray real = Nd4j.rand(DataType.FLOAT, 4, 3, 32, 32).muli(2).subi(1);
                INDArray fake = Nd4j.rand(DataType.FLOAT, 4, 3, 32, 32).muli(2).subi(1);
                double a = two.step(real, fake);
                double b = one.step(real, fake);
                assertEquals(a, b, 1e-5 * Math.max(1, Math.abs(a)), "loss of step " + step);
            }
            two.copyWeightsToModel();
            one.copyWeightsToModel();
            for (String n : separate.parameters().names(Parameters.Role.TRAINABLE)) {
                assertArrayEquals(separate.parameters().get(n).dup().data().asFloat(),
                        joint.parameters().get(n).dup().data().asFloat(), 2e-6f, n);
            }
        }
    }

    @Test
    void batchNormNeedsSeparatePasses() {
        DiscriminatorModel bn = DiscriminatorModel.initialise(DiscriminatorConfig.of(32, 8), 3);
        assertThrows(IllegalArgumentException.class,
                () -> new DiscriminatorTrainingGraph(bn, TestLosses.BCE, OptimizerConfig.adam(1e-3), true,
                        DataLayout.NCHW));
    }
}
