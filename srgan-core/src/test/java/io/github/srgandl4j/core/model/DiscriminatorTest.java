package io.github.srgandl4j.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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

class DiscriminatorTest {
    @Test
    void paperDiscriminatorParameterCountMatchesPytorchPeer() {
        // sum(p.numel()) of Discriminator(96) in ../shared/peer/torch_srgan_peer.py
        long expected = 1792 + (36928 + 128) + (73856 + 256) + (147584 + 256) + (295168 + 512) + (590080 + 512)
                + (1180160 + 1024) + (2359808 + 1024) + (18432L * 1024 + 1024) + (1024 + 1);
        assertEquals(expected, DiscriminatorConfig.paper().parameterCount());
        assertEquals(expected, Discriminator.initialise(DiscriminatorConfig.paper(), 1).count(Parameters.Role.TRAINABLE));
    }

    @Test
    void outputsOneLogitPerImageInBothPhases() {
        DiscriminatorConfig cfg = DiscriminatorConfig.of(32, 8);
        Parameters p = Discriminator.initialise(cfg, 4);
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 3, 32, 32).muli(2).subi(1);
        for (Phase phase : Phase.values()) {
            SameDiff sd = SameDiff.create();
            SDVariable in = sd.placeHolder("x", DataType.FLOAT, -1, 3, 32, 32);
            Discriminator.build(new GraphContext(sd, p, phase, GraphContext.Binding.VARIABLES), cfg, in, "logit");
            INDArray logits = sd.output(Map.of("x", x), "logit").get("logit");
            assertArrayEquals(new long[] {5, 1}, logits.shape());
            assertNotEquals(logits.getDouble(0), logits.getDouble(1), "different images, different logits");
        }
    }
}
