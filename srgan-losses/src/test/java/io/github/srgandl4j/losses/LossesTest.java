package io.github.srgandl4j.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LossesTest {
    private static final double LN2 = Math.log(2);

    private static INDArray arr(long[] shape, float... v) {
        return Nd4j.create(v, shape, 'c');
    }

    /** Evaluates {@code out} with the trainable variable "x" set to {@code x}; returns [value, d value / d x...]. */
    private static float[][] valueAndGradient(SameDiff sd, SDVariable out, INDArray x) {
        sd.getVariable("x").setArray(x);
        sd.setLossVariables(out);
        float value = sd.output(Map.of(), out.name()).get(out.name()).getFloat(0);
        INDArray g = sd.calculateGradients(Map.of(), "x").get("x");
        return new float[][] {{value}, g.dup('c').data().asFloat()};
    }

    @Test
    void mseIsTheMeanOfSquaredDifferences() {
        SameDiff sd = SameDiff.create();
        SDVariable a = sd.constant("a", arr(new long[] {2, 2}, 1, 2, 3, 4));
        SDVariable b = sd.constant("b", arr(new long[] {2, 2}, 0, 2, 5, 1));
        SDVariable mse = Losses.mse(sd, "mse", a, b);
        // diffs 1, 0, -2, 3 -> (1 + 0 + 4 + 9) / 4
        assertEquals(3.5f, mse.eval().getFloat(0), 1e-6f);
        assertEquals(0, mse.eval().rank());
        assertEquals("mse", mse.name());
    }

    @Test
    void mseRefusesShapesThatWouldBroadcast() {
        SameDiff sd = SameDiff.create();
        SDVariable a = sd.placeHolder("sr", DataType.FLOAT, -1, 3, 8, 8);
        SDVariable b = sd.placeHolder("hr", DataType.FLOAT, -1, 3, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.mse(sd, "l", a, b));
        assertTrue(e.getMessage().contains("different shapes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Losses.mse(sd, "sr", a, a), "name clash must be refused");
    }

    @Test
    void softplusIsStableAndItsGradientIsTheSigmoid() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", DataType.FLOAT, 5);
        SDVariable sum = Losses.softplus(sd, "sp", x).sum("sum");
        INDArray in = arr(new long[] {5}, -100, -1, 0, 1, 100);
        sd.getVariable("x").setArray(in);
        float[] values = sd.output(Map.of(), "sp").get("sp").dup().data().asFloat();
        double sp1 = Math.log1p(Math.exp(-1)); // softplus(-1) = 0.3132617
        assertArrayEquals(new float[] {0f, (float) sp1, (float) LN2, (float) (1 + sp1), 100f}, values, 1e-6f);
        assertTrue(values[0] >= 0 && values[0] < 1e-40, "softplus(-100) = e^-100 ~ 3.7e-44, got " + values[0]);
        float[][] vg = valueAndGradient(sd, sum, in);
        double s1 = 1 / (1 + Math.exp(-1)); // sigmoid(1)
        assertArrayEquals(new float[] {0f, (float) (1 - s1), 0.5f, (float) s1, 1f}, vg[1], 1e-6f);
    }

    @Test
    void generatorAdversarialLossIsMeanMinusLogSigmoidOfFakeLogits() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", DataType.FLOAT, 2, 1);
        SDVariable loss = Losses.generatorAdversarial(sd, "g_adv", x);
        // logits 0 and ln 3: D = 1/2 and 3/4 -> (-ln(1/2) - ln(3/4)) / 2
        float[][] vg = valueAndGradient(sd, loss, arr(new long[] {2, 1}, 0f, (float) Math.log(3)));
        assertEquals((float) ((LN2 + Math.log(4.0 / 3)) / 2), vg[0][0], 1e-6f);
        // d/dl of -log sigmoid(l) / N = -(1 - sigmoid(l)) / N: -(1/2)/2 and -(1/4)/2
        assertArrayEquals(new float[] {-0.25f, -0.125f}, vg[1], 1e-6f);
    }

    @Test
    void generatorAdversarialLossIsFiniteForLogitsOfPlusMinus100() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", DataType.FLOAT, 2, 1);
        SDVariable loss = Losses.generatorAdversarial(sd, "g_adv", x);
        float[][] vg = valueAndGradient(sd, loss, arr(new long[] {2, 1}, 100f, -100f));
        // -log sigmoid(100) ~ 0, -log sigmoid(-100) = 100 -> mean 50
        assertEquals(50f, vg[0][0], 1e-5f);
        assertArrayEquals(new float[] {0f, -0.5f}, vg[1], 1e-6f);
        assertTrue(Float.isFinite(vg[0][0]) && Float.isFinite(vg[1][0]) && Float.isFinite(vg[1][1]));
    }

    @Test
    void discriminatorLossIsBinaryCrossEntropyFromLogits() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", DataType.FLOAT, 2, 1);
        // x[0] is the real logit, x[1] the fake one
        SDVariable real = x.get(org.nd4j.autodiff.samediff.SDIndex.interval(0, 1));
        SDVariable fake = x.get(org.nd4j.autodiff.samediff.SDIndex.interval(1, 2));
        SDVariable loss = Losses.discriminator(sd, "d_loss", real, fake);
        // real logit ln 3 (D = 3/4), fake logit 0 (D = 1/2): -ln(3/4) - ln(1 - 1/2)
        float[][] vg = valueAndGradient(sd, loss, arr(new long[] {2, 1}, (float) Math.log(3), 0f));
        assertEquals((float) (Math.log(4.0 / 3) + LN2), vg[0][0], 1e-6f);
        // d/d real = -(1 - sigmoid(real)) = -1/4, d/d fake = sigmoid(fake) = 1/2
        assertArrayEquals(new float[] {-0.25f, 0.5f}, vg[1], 1e-6f);
        assertEquals((float) Math.log(4.0 / 3), sd.getVariable("d_loss/real").eval().getFloat(0), 1e-6f);
    }

    @Test
    void discriminatorLossIsFiniteForLogitsOfPlusMinus100() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", DataType.FLOAT, 4, 1);
        SDVariable real = x.get(org.nd4j.autodiff.samediff.SDIndex.interval(0, 2));
        SDVariable fake = x.get(org.nd4j.autodiff.samediff.SDIndex.interval(2, 4));
        SDVariable loss = Losses.discriminator(sd, "d_loss", real, fake);
        // real -100 and 100: mean(100, ~0) = 50; fake 100 and -100: mean(100, ~0) = 50
        float[][] vg = valueAndGradient(sd, loss, arr(new long[] {4, 1}, -100f, 100f, 100f, -100f));
        assertEquals(100f, vg[0][0], 1e-4f);
        assertArrayEquals(new float[] {-0.5f, 0f, 0.5f, 0f}, vg[1], 1e-6f);
    }
}
