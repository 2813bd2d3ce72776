package io.github.srgandl4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The core.train interfaces as implemented here: values and unique default names. */
class TrainerInterfacesTest {
    @Test
    void logitAdversarialLossValuesAndNames() {
        io.github.srgandl4j.core.train.AdversarialLoss adv = new LogitAdversarialLoss();
        SameDiff sd = SameDiff.create();
        SDVariable real = sd.placeHolder("real", DataType.FLOAT, -1, 1);
        SDVariable fake = sd.placeHolder("fake", DataType.FLOAT, -1, 1);
        SDVariable g1 = adv.generatorLoss(sd, fake);
        SDVariable g2 = adv.generatorLoss(sd, fake);
        SDVariable d = adv.discriminatorLoss(sd, real, fake);
        assertEquals("adversarial_loss", g1.name());
        assertEquals("adversarial_loss_1", g2.name());
        assertEquals("discriminator_loss", d.name());
        INDArray ln3 = Nd4j.create(new float[] {(float) Math.log(3)}, new long[] {1, 1}, 'c');
        INDArray zero = Nd4j.zeros(DataType.FLOAT, 1, 1);
        Map<String, INDArray> out = sd.output(Map.of("real", ln3, "fake", zero), g1.name(), d.name());
        assertEquals(Math.log(2), out.get(g1.name()).getDouble(0), 1e-6);                    // -log(1/2)
        assertEquals(Math.log(4.0 / 3) + Math.log(2), out.get(d.name()).getDouble(0), 1e-6);  // -log(3/4) - log(1/2)
    }

    @Test
    void contentLossDefineUsesAUniqueDefaultName() {
        io.github.srgandl4j.core.train.ContentLoss mse = new PixelMseContentLoss();
        SameDiff sd = SameDiff.create();
        SDVariable sr = sd.placeHolder("sr", DataType.FLOAT, -1, 3, 2, 2);
        SDVariable hr = sd.placeHolder("hr", DataType.FLOAT, -1, 3, 2, 2);
        assertEquals("content_loss", mse.define(sd, sr, hr).name());
        assertEquals("content_loss_1", mse.define(sd, sr, hr).name());
        assertEquals("mse", mse.describe());
        INDArray ones = Nd4j.ones(DataType.FLOAT, 1, 3, 2, 2);
        assertEquals(4.0, sd.output(Map.of("sr", ones, "hr", ones.neg()), "content_loss").get("content_loss")
                .getDouble(0), 1e-6);
    }
}
