package io.github.srgandl4j.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link BackProjection}: what one iteration must do to hand-made outputs whose answers are known without the
 * bicubic weights (a uniform offset goes, a pattern with no LR frequencies stays), and that the iterations
 * converge on random data.
 */
class BackProjectionTest {
    private static final int S = 4;

    @Test
    void oneIterationUnlessACountIsGiven() {
        assertEquals(1, BackProjection.DEFAULT_ITERATIONS);
        assertEquals(1, BackProjection.orDefault(null));
        assertEquals(0, BackProjection.orDefault(0));
        assertEquals(3, BackProjection.orDefault(3));
        assertThrows(IllegalArgumentException.class, () -> BackProjection.orDefault(21));
        assertThrows(IllegalArgumentException.class, () -> BackProjection.orDefault(-1));
    }

    @Test
    void oneIterationRemovesAUniformOffsetExactly() {
        // a uniform plane downscales and upscales to itself (bicubic weights sum to 1), so sr = level + e goes
        // to level + e + (level - (level + e)) = level, in every channel at once
        int w = 10;
        int h = 7;
        float[] levels = {0.2f, 0.5f, 0.9f};
        float[] offsets = {0.03f, -0.05f, 0.011f};
        float[] lr = new float[3 * w * h];
        float[] sr = new float[3 * w * h * S * S];
        for (int c = 0; c < 3; c++) {
            java.util.Arrays.fill(lr, c * w * h, (c + 1) * w * h, levels[c]);
            java.util.Arrays.fill(sr, c * w * h * S * S, (c + 1) * w * h * S * S, levels[c] + offsets[c]);
        }
        BackProjection.apply(lr, sr, w, h, 3, S, 1);
        for (int i = 0; i < sr.length; i++) {
            int c = i / (w * h * S * S);
            assertEquals(levels[c], sr[i], 1e-6, "sample " + i);
        }
    }

    @Test
    void detailWithoutLrFrequenciesIsKeptAwayFromTheBorder() {
        // p has period 4 in x and y and sums to zero over each period in both directions. The x4 antialiased
        // cubic kernel takes from each of the 4 phases weights that sum to 1/4 (the cubic's partition of unity),
        // so away from the border p downscales to exactly 0 and back-projection must leave it alone.
        int w = 16;
        int h = 12;
        double[] a = {1, -1, 2, -2};
        double[] b = {0.5, 1.5, -1.5, -0.5};
        float[] lr = new float[w * h];
        java.util.Arrays.fill(lr, 0.5f);
        int ow = w * S;
        int oh = h * S;
        float[] sr = new float[ow * oh];
        float[] expected = new float[ow * oh];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                expected[y * ow + x] = (float) (0.5 + 0.05 * a[y % 4] * b[x % 4]);
            }
        }
        System.arraycopy(expected, 0, sr, 0, sr.length);
        BackProjection.apply(lr, sr, w, h, 1, S, 3);
        double inside = 0;
        double border = 0;
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double d = Math.abs(sr[y * ow + x] - expected[y * ow + x]);
                boolean far = x >= 16 && y >= 16 && x < ow - 16 && y < oh - 16;
                inside = far ? Math.max(inside, d) : inside;
                border = far ? border : Math.max(border, d);
            }
        }
        assertTrue(inside < 1e-5, "interior changed by " + inside);
        // MATLAB's imresize mirrors at the border, where the pattern's phases no longer balance: there the
        // correction is not zero (so the interior check above is not vacuous)
        assertTrue(border > 1e-3, "border changed by only " + border);
    }

    @Test
    void iterationsConvergeOnTheInput() {
        int w = 12;
        int h = 10;
        SplittableRandom r = new SplittableRandom(7);
        float[] lr = new float[2 * w * h];
        float[] sr = new float[2 * w * h * S * S];
        for (int i = 0; i < lr.length; i++) {
            lr[i] = (float) r.nextDouble();
        }
        for (int i = 0; i < sr.length; i++) {
            sr[i] = (float) r.nextDouble();
        }
        double r0 = residual(lr, sr, w, h);
        float[] one = sr.clone();
        BackProjection.apply(lr, one, w, h, 2, S, 1);
        float[] ten = sr.clone();
        BackProjection.apply(lr, ten, w, h, 2, S, 10);
        double r1 = residual(lr, one, w, h);
        double r10 = residual(lr, ten, w, h);
        assertTrue(r1 < 0.7 * r0, "one iteration: residual " + r0 + " -> " + r1);
        assertTrue(r10 < 0.05 * r0, "ten iterations: residual " + r0 + " -> " + r10);
        float[] again = sr.clone();
        BackProjection.apply(lr, again, w, h, 2, S, 1);
        BackProjection.apply(lr, again, w, h, 2, S, 9);
        assertArrayEquals(ten, again, 1e-6f, "1 + 9 iterations = 10");
    }

    /** Root-mean-square of lr - down(sr) over both channels. */
    private static double residual(float[] lr, float[] sr, int w, int h) {
        int plane = w * h * S * S;
        double sum = 0;
        for (int c = 0; c < lr.length / (w * h); c++) {
            float[] p = java.util.Arrays.copyOfRange(sr, c * plane, (c + 1) * plane);
            float[] down = BicubicResize.resizePlane(p, w * S, h * S, w, h, 1.0 / S, 1.0 / S, Rounding.NONE);
            for (int i = 0; i < w * h; i++) {
                double d = lr[c * w * h + i] - down[i];
                sum += d * d;
            }
        }
        return Math.sqrt(sum / lr.length);
    }

    @Test
    void zeroIterationsChangeNothingAndBadArgumentsAreRefused() {
        float[] lr = {0.1f, 0.2f, 0.3f, 0.4f};
        float[] sr = new float[4 * 16];
        java.util.Arrays.fill(sr, 0.7f);
        float[] before = sr.clone();
        BackProjection.apply(lr, sr, 2, 2, 1, S, 0);
        assertArrayEquals(before, sr);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BackProjection.apply(lr, sr, 2, 2, 1, S, 21));
        assertEquals("back-projection iterations must be 0 to 20, got 21", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BackProjection.apply(lr, sr, 2, 2, 1, S, -1));
        e = assertThrows(IllegalArgumentException.class, () -> BackProjection.apply(lr, new float[63], 2, 2, 1, S, 1));
        assertTrue(e.getMessage().contains("63 output samples for 1x8x8"), e.getMessage());
    }
}
