package io.github.srgandl4j.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An independent gradient check: central finite differences of a scalar loss in double precision,
 * compared with SameDiff's analytic gradients, on randomly chosen elements of the named variables.
 */
public final class FiniteDifferences {
    private FiniteDifferences() {}

    /**
     * @param sd a double-precision graph whose scalar output {@code loss} depends on the variables
     * @param placeholders placeholder values (may be empty)
     * @param variables variables to check
     * @param samples elements checked per variable
     * @return the largest relative error seen
     */
    public static double check(SameDiff sd, Map<String, INDArray> placeholders, String loss, String[] variables,
            int samples, double maxRelError) {
        sd.setLossVariables(loss);
        Map<String, INDArray> grads = sd.calculateGradients(placeholders, variables);
        SplittableRandom rng = new SplittableRandom(7);
        double worst = 0;
        double eps = 1e-6;
        for (String v : variables) {
            INDArray arr = sd.getVariable(v).getArr();
            assertTrue(arr.dataType() == DataType.DOUBLE, "finite differences need DOUBLE, " + v + " is " + arr.dataType());
            INDArray g = grads.get(v);
            assertTrue(g != null, "no gradient for " + v);
            INDArray flat = arr.reshape(arr.length());
            INDArray gFlat = g.reshape(g.length());
            for (int s = 0; s < samples; s++) {
                long i = rng.nextLong(arr.length());
                double orig = flat.getDouble(i);
                flat.putScalar(i, orig + eps);
                double up = sd.output(placeholders, loss).get(loss).getDouble(0);
                flat.putScalar(i, orig - eps);
                double down = sd.output(placeholders, loss).get(loss).getDouble(0);
                flat.putScalar(i, orig);
                double numeric = (up - down) / (2 * eps);
                double analytic = gFlat.getDouble(i);
                double denom = Math.max(Math.abs(numeric) + Math.abs(analytic), 1e-8);
                double rel = Math.abs(numeric - analytic) / denom;
                if (Math.abs(numeric - analytic) < 1e-7) { // below finite-difference noise
                    rel = 0;
                }
                worst = Math.max(worst, rel);
                assertTrue(rel <= maxRelError, String.format(
                        "gradient of %s[%d]: analytic %.9g, numeric %.9g, relative error %.3g", v, i, analytic, numeric, rel));
            }
        }
        return worst;
    }
}
