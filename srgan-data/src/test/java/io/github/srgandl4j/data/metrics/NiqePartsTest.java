package io.github.srgandl4j.data.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Hand-checkable cases of the pieces NIQE is built from. */
class NiqePartsTest {
    @Test
    void gammaAtKnownPoints() {
        assertEquals(1.0, GammaFunction.gamma(1), 1e-14);
        assertEquals(24.0, GammaFunction.gamma(5), 1e-12);
        assertEquals(Math.sqrt(Math.PI), GammaFunction.gamma(0.5), 1e-14);
        assertEquals(Math.sqrt(Math.PI) / 2, GammaFunction.gamma(1.5), 1e-14);
    }

    @Test
    void aggdOfLaplacianMomentsIsShapeOne() {
        // mean |x| = 0.5, mean x^2 = 0.5: rhat = 0.25 / 0.5 = 0.5 = Gamma(1)^2 / (Gamma(1) Gamma(3)), so alpha = 1;
        // left and right std are 1, beta = 1 * sqrt(Gamma(1) / Gamma(3)) = sqrt(1/2).
        Aggd a = Aggd.fit(new double[] {0, 0, 1, -1});
        assertEquals(1.0, a.alpha(), 1e-9);
        assertEquals(Math.sqrt(0.5), a.betaLeft(), 1e-9);
        assertEquals(Math.sqrt(0.5), a.betaRight(), 1e-9);
        assertEquals(0.0, a.mean(), 1e-12);
        // scaling the samples by 3 scales both betas by 3 and keeps the shape
        Aggd b = Aggd.fit(new double[] {0, 0, 3, -3});
        assertEquals(1.0, b.alpha(), 1e-9);
        assertEquals(3 * Math.sqrt(0.5), b.betaRight(), 1e-9);
    }

    @Test
    void aggdMeanIsEquationEight() {
        // alpha 1: (betaR - betaL) Gamma(2) / Gamma(1) = 3 - 1 = 2; alpha 2: (3 - 1) Gamma(1) / Gamma(1/2) = 2 / sqrt(pi)
        assertEquals(2.0, new Aggd(1, 1, 3).mean(), 1e-12);
        assertEquals(2 / Math.sqrt(Math.PI), new Aggd(2, 1, 3).mean(), 1e-12);
    }

    @Test
    void aggdOfGaussianMomentsIsShapeTwo() {
        // two-point symmetric samples {-a, -b, a, b} with (a + b)^2 / (2 (a^2 + b^2)) = 2 / pi, the Gaussian ratio:
        // b = 1, a solves a^2 (1 - 4/pi) + 2a + (1 - 4/pi) = 0
        double c = 1 - 4 / Math.PI;
        double a = (-2 - Math.sqrt(4 - 4 * c * c)) / (2 * c);
        Aggd g = Aggd.fit(new double[] {-a, -1, a, 1});
        assertEquals(2.0, g.alpha(), 1e-9);
        double std = Math.sqrt((a * a + 1) / 2);
        assertEquals(std * Math.sqrt(GammaFunction.gamma(0.5) / GammaFunction.gamma(1.5)), g.betaLeft(), 1e-9);
    }

    @Test
    void aggdWithoutNegativeSamplesIsUndefined() {
        assertTrue(Double.isNaN(Aggd.fit(new double[] {0, 1, 2}).alpha()));
    }

    @Test
    void eigenAndPseudoInverseOfTwoByTwo() {
        double[][] m = {{2, 1}, {1, 2}};
        double[] values = SymmetricEigen.of(m).values();
        Arrays.sort(values);
        assertArrayEquals(new double[] {1, 3}, values, 1e-12);
        double[][] inv = SymmetricEigen.of(m).pseudoInverse();
        assertArrayEquals(new double[] {2.0 / 3, -1.0 / 3}, inv[0], 1e-12);
        assertArrayEquals(new double[] {-1.0 / 3, 2.0 / 3}, inv[1], 1e-12);
    }

    @Test
    void pseudoInverseOfSingularMatrix() {
        // [[1,1],[1,1]] = 2 v v^T with v = (1,1)/sqrt 2; pinv = (1/2) v v^T = all 1/4
        double[][] inv = SymmetricEigen.of(new double[][] {{1, 1}, {1, 1}}).pseudoInverse();
        assertArrayEquals(new double[] {0.25, 0.25}, inv[0], 1e-12);
        assertArrayEquals(new double[] {0.25, 0.25}, inv[1], 1e-12);
    }

    @Test
    void eigenvaluesOfTridiagonalThreeByThree() {
        // [[4,1,0],[1,4,1],[0,1,4]]: 4 - sqrt 2, 4, 4 + sqrt 2; inverse by cofactors = [[15,-4,1],[-4,16,-4],[1,-4,15]] / 56
        double[][] m = {{4, 1, 0}, {1, 4, 1}, {0, 1, 4}};
        double[] values = SymmetricEigen.of(m).values();
        Arrays.sort(values);
        assertArrayEquals(new double[] {4 - Math.sqrt(2), 4, 4 + Math.sqrt(2)}, values, 1e-12);
        double[][] inv = SymmetricEigen.of(m).pseudoInverse();
        assertArrayEquals(new double[] {15 / 56.0, -4 / 56.0, 1 / 56.0}, inv[0], 1e-12);
        assertArrayEquals(new double[] {-4 / 56.0, 16 / 56.0, -4 / 56.0}, inv[1], 1e-12);
    }

    @Test
    void halfScaleBicubicWeightsOfAnImpulse() {
        // one row of 16 with an impulse at column 7: output o takes columns 2o-3 .. 2o+4 with weights
        // cubic(d/2)/2 for d = 3.5, 2.5, ..., -3.5: -0.01171875 -0.03515625 0.11328125 0.43359375 (and mirrored)
        double[] row = new double[16];
        row[7] = 1;
        Plane out = PlaneDownscale.bicubic(new Plane(16, 1, row), 2);
        assertEquals(8, out.width());
        assertEquals(1, out.height());
        assertArrayEquals(new double[] {0, 0, -0.03515625, 0.43359375, 0.11328125, -0.01171875, 0, 0}, out.values(), 1e-12);
        // an impulse at column 0 reaches output 0 twice: directly (0.43359375) and mirrored from index -1 (0.11328125)
        double[] edge = new double[16];
        edge[0] = 1;
        assertEquals(0.546875, PlaneDownscale.bicubic(new Plane(16, 1, edge), 2).values()[0], 1e-12);
    }

    @Test
    void imagesSmallerThanABlockAreRejected() {
        Plane small = new Plane(95, 200, new double[95 * 200]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Niqe.standard().score(small, 0));
        assertTrue(e.getMessage().contains("96x96"), e.getMessage());
        Plane cropped = new Plane(100, 100, new double[100 * 100]);
        assertThrows(IllegalArgumentException.class, () -> Niqe.standard().score(cropped, 4));
    }

    @Test
    void flatImageIsUndefinedNotNaN() {
        double[] v = new double[192 * 96];
        Arrays.fill(v, 128);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Niqe.standard().score(new Plane(192, 96, v), 0));
        assertTrue(e.getMessage().contains("undefined"), e.getMessage());
    }

    @Test
    void pristineModelResourceHasTheReleaseShape() {
        NiqeModel m = NiqeModel.pristine();
        assertEquals(36, m.mean().length);
        assertEquals(7, m.window().length);
        assertEquals(2.6013136801541448, m.mean()[0], 0);
        double sum = 0;
        for (double[] r : m.window()) {
            for (double w : r) {
                sum += w;
            }
        }
        assertEquals(1.0, sum, 1e-12);
    }
}
