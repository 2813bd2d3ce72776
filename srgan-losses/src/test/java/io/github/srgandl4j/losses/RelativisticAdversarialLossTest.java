package io.github.srgandl4j.losses;

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

/**
 * ESRGAN's relativistic average losses: values against a plain double loop of BasicSR's formulas, gradients
 * against central finite differences of that loop (an independent formulation: no derivative is written out).
 */
class RelativisticAdversarialLossTest {
    private static final double[] REAL = {2.0, -0.5, 1.25, 0.0};
    private static final double[] FAKE = {-1.5, 0.75, -3.0, 0.5};

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double bce(double logit, boolean target) {
        // -log sigmoid(x) for label 1, -log(1 - sigmoid(x)) for label 0, directly from the definitions
        double p = 1 / (1 + Math.exp(-logit));
        return target ? -Math.log(p) : -Math.log(1 - p);
    }

    /** BasicSR ESRGANModel, discriminator: 0.5 * BCE(real - mean(fake), 1) + 0.5 * BCE(fake - mean(real), 0). */
    private static double dLoss(double[] real, double[] fake) {
        double mr = mean(real);
        double mf = mean(fake);
        double a = 0;
        double b = 0;
        for (double r : real) {
            a += bce(r - mf, true);
        }
        for (double f : fake) {
            b += bce(f - mr, false);
        }
        return 0.5 * a / real.length + 0.5 * b / fake.length;
    }

    /** BasicSR ESRGANModel, generator: 0.5 * BCE(real - mean(fake), 0) + 0.5 * BCE(fake - mean(real), 1). */
    private static double gLoss(double[] real, double[] fake) {
        double mr = mean(real);
        double mf = mean(fake);
        double a = 0;
        double b = 0;
        for (double r : real) {
            a += bce(r - mf, false);
        }
        for (double f : fake) {
            b += bce(f - mr, true);
        }
        return 0.5 * a / real.length + 0.5 * b / fake.length;
    }

    private interface LossFn {
        double apply(double[] real, double[] fake);
    }

    private static double[] numericGradient(LossFn f, double[] real, double[] fake, boolean wrtFake) {
        double h = 1e-6;
        double[] x = wrtFake ? fake : real;
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] p = x.clone();
            double[] m = x.clone();
            p[i] += h;
            m[i] -= h;
            g[i] = (wrtFake ? f.apply(real, p) - f.apply(real, m) : f.apply(p, fake) - f.apply(m, fake)) / (2 * h);
        }
        return g;
    }

    /** Builds the loss on variables "real" and "fake" (double precision) and returns value and both gradients. */
    private static double[][] evaluate(boolean generator) {
        SameDiff sd = SameDiff.create();
        SDVariable real = sd.var("real", Nd4j.createFromArray(REAL).reshape(4, 1));
        SDVariable fake = sd.var("fake", Nd4j.createFromArray(FAKE).reshape(4, 1));
        RelativisticAdversarialLoss loss = new RelativisticAdversarialLoss();
        SDVariable out = generator ? loss.generatorLoss(sd, real, fake) : loss.discriminatorLoss(sd, real, fake);
        sd.setLossVariables(out);
        double value = sd.output(Map.of(), out.name()).get(out.name()).getDouble(0);
        Map<String, INDArray> g = sd.calculateGradients(Map.of(), "real", "fake");
        return new double[][] {{value}, g.get("real").dup().data().asDouble(), g.get("fake").dup().data().asDouble()};
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-7, what + "[" + i + "]");
        }
    }

    @Test
    void discriminatorLossAndGradientsMatchTheLoop() {
        double[][] r = evaluate(false);
        assertEquals(dLoss(REAL, FAKE), r[0][0], 1e-12);
        assertClose(numericGradient(RelativisticAdversarialLossTest::dLoss, REAL, FAKE, false), r[1], "d/d real");
        assertClose(numericGradient(RelativisticAdversarialLossTest::dLoss, REAL, FAKE, true), r[2], "d/d fake");
    }

    @Test
    void generatorLossAndGradientsMatchTheLoop() {
        double[][] r = evaluate(true);
        assertEquals(gLoss(REAL, FAKE), r[0][0], 1e-12);
        assertClose(numericGradient(RelativisticAdversarialLossTest::gLoss, REAL, FAKE, false), r[1], "d/d real");
        assertClose(numericGradient(RelativisticAdversarialLossTest::gLoss, REAL, FAKE, true), r[2], "d/d fake");
    }

    @Test
    void handComputedValueForEqualLogitsIsLn2() {
        // all logits equal: every relative logit is 0, every BCE is ln 2, each loss 0.5 ln2 + 0.5 ln2
        SameDiff sd = SameDiff.create();
        SDVariable real = sd.constant("real", Nd4j.valueArrayOf(new long[] {3, 1}, 0.7f));
        SDVariable fake = sd.constant("fake", Nd4j.valueArrayOf(new long[] {3, 1}, 0.7f));
        RelativisticAdversarialLoss loss = new RelativisticAdversarialLoss();
        assertEquals(Math.log(2), loss.discriminatorLoss(sd, real, fake).eval().getDouble(0), 1e-6);
        assertEquals(Math.log(2), loss.generatorLoss(sd, real, fake).eval().getDouble(0), 1e-6);
    }

    @Test
    void stableForLargeLogitsAndNeedsTheRealLogits() {
        SameDiff sd = SameDiff.create();
        SDVariable real = sd.constant("real", Nd4j.createFromArray(100f, 100f).reshape(2, 1));
        SDVariable fake = sd.constant("fake", Nd4j.createFromArray(-100f, -100f).reshape(2, 1));
        RelativisticAdversarialLoss loss = new RelativisticAdversarialLoss();
        // D is right by 200: its loss is ~0; G's is 0.5 * 200 + 0.5 * 200
        assertEquals(0, loss.discriminatorLoss(sd, real, fake).eval().getDouble(0), 1e-6);
        assertEquals(200, loss.generatorLoss(sd, real, fake).eval().getDouble(0), 1e-3);
        assertTrue(loss.generatorNeedsRealLogits());
        assertThrows(UnsupportedOperationException.class, () -> loss.generatorLoss(sd, fake));
        assertEquals(DataType.FLOAT, real.dataType());
    }
}
