package io.github.srgandl4j.data.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.srgandl4j.core.image.ImageData;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** PSNR, SSIM and Y against values computed by hand. */
class MetricsTest {
    @Test
    void lumaOfPrimaries() {
        ImageData img = ImageData.ofUint8(4, 1, 3, new int[] {255, 0, 255, 0, 0, 255, 255, 0, 0, 0, 255, 0});
        // white 235, black 16, red 16 + 65.481 = 81.481 -> 81, green 16 + 128.553 -> 145 (rounded)
        assertArrayEquals(new double[] {81, 145, 235, 16}, Luma.of(img, LumaMode.UINT8));
        double[] f = Luma.of(img, LumaMode.FLOAT);
        assertEquals(81.481, f[0], 1e-9);
        assertEquals(144.553, f[1], 1e-9);
        // grey images are scored on their grey values
        assertArrayEquals(new double[] {7, 200}, Luma.of(ImageData.ofUint8(2, 1, 1, new int[] {7, 200}), LumaMode.UINT8));
        assertArrayEquals(new double[] {100}, Luma.grayOf(ImageData.ofUint8(1, 1, 3, new int[] {100, 100, 100}),
                LumaMode.UINT8));
    }

    @Test
    void psnrOfAConstantError() {
        Plane a = new Plane(20, 20, filled(400, 100));
        Plane b = new Plane(20, 20, filled(400, 101));
        assertEquals(20 * Math.log10(255), Psnr.of(a, b), 1e-12); // MSE = 1
        Plane c = new Plane(20, 20, filled(400, 104));
        assertEquals(10 * Math.log10(255.0 * 255 / 16), Psnr.of(a, c), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, Psnr.of(a, a));
    }

    @Test
    void ssimOfFlatAndIdenticalImages() {
        double c1 = Math.pow(0.01 * 255, 2);
        Plane a = new Plane(15, 12, filled(180, 100));
        Plane b = new Plane(15, 12, filled(180, 110));
        // flat: variances 0, so SSIM = (2 mu1 mu2 + C1) / (mu1^2 + mu2^2 + C1)
        assertEquals((2 * 100 * 110 + c1) / (100 * 100 + 110 * 110 + c1), Ssim.of(a, b), 1e-12);
        double[] noise = new double[180];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (i * 7919) % 256;
        }
        assertEquals(1.0, Ssim.of(new Plane(15, 12, noise), new Plane(15, 12, noise.clone())), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Ssim.of(new Plane(10, 12, new double[120]),
                new Plane(10, 12, new double[120])));
    }

    @Test
    void ssimWindowIsTheNormalisedGaussian() {
        double[] g = Ssim.gaussian1d();
        assertEquals(11, g.length);
        assertEquals(1.0, Arrays.stream(g).sum(), 1e-15);
        assertEquals(Math.exp(-25 / 4.5) / Math.exp(0), g[0] / g[5], 1e-12);
    }

    @Test
    void ssimOfAStructuredPairAgainstADirectTwoDimensionalComputation() {
        int w = 16;
        int h = 13;
        double[] x = new double[w * h];
        double[] y = new double[w * h];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 37) % 251;
            y[i] = 0.7 * x[i] + 20 + (i % 5);
        }
        // direct 2-D 'valid' computation with the 11x11 window built as in MATLAB's fspecial
        double[][] win = new double[11][11];
        double s = 0;
        for (int i = 0; i < 11; i++) {
            for (int j = 0; j < 11; j++) {
                win[i][j] = Math.exp(-((i - 5) * (i - 5) + (j - 5) * (j - 5)) / (2 * 1.5 * 1.5));
                s += win[i][j];
            }
        }
        double c1 = Math.pow(0.01 * 255, 2);
        double c2 = Math.pow(0.03 * 255, 2);
        double sum = 0;
        int n = 0;
        for (int oy = 0; oy + 11 <= h; oy++) {
            for (int ox = 0; ox + 11 <= w; ox++) {
                double mx = 0;
                double my = 0;
                double sxx = 0;
                double syy = 0;
                double sxy = 0;
                for (int i = 0; i < 11; i++) {
                    for (int j = 0; j < 11; j++) {
                        double wt = win[i][j] / s;
                        double a = x[(oy + i) * w + ox + j];
                        double b = y[(oy + i) * w + ox + j];
                        mx += wt * a;
                        my += wt * b;
                        sxx += wt * a * a;
                        syy += wt * b * b;
                        sxy += wt * a * b;
                    }
                }
                sum += ((2 * mx * my + c1) * (2 * (sxy - mx * my) + c2))
                        / ((mx * mx + my * my + c1) * (sxx - mx * mx + syy - my * my + c2));
                n++;
            }
        }
        assertEquals(sum / n, Ssim.of(new Plane(w, h, x), new Plane(w, h, y)), 1e-10);
    }

    @Test
    void shaveAndImageQuality() {
        Plane p = new Plane(4, 3, new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
        assertArrayEquals(new double[] {5, 6}, p.shave(1).values());
        assertThrows(IllegalArgumentException.class, () -> p.shave(2));
        // grey truth vs an RGB result with R = G = B: identical grey values
        int[] g = new int[30 * 30];
        for (int i = 0; i < g.length; i++) {
            g[i] = (i * 13) % 256;
        }
        ImageData grey = ImageData.ofUint8(30, 30, 1, g);
        QualityScore q = ImageQuality.score(grey.toRgb(), grey, MetricOptions.standard(4));
        assertEquals(Double.POSITIVE_INFINITY, q.psnr());
        assertEquals(1.0, q.ssim(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ImageQuality.score(grey.crop(0, 0, 29, 30), grey,
                MetricOptions.standard(4)));
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
