package io.github.srgandl4j.core.upscale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.ImageData;
import org.junit.jupiter.api.Test;

class SelfEnsembleTest {
    @Test
    void theEightTransformsByHand() {
        // one channel plane of a 2x3 image (channels 1 and 2 follow the same map), values 1..6:
        //   1 2 3
        //   4 5 6
        float[] x = new float[18];
        for (int i = 0; i < 18; i++) {
            x[i] = i % 6 + 1 + 10 * (i / 6);
        }
        float[][] want = {
            {1, 2, 3, 4, 5, 6}, // identity
            {3, 2, 1, 6, 5, 4}, // width flipped
            {4, 5, 6, 1, 2, 3}, // height flipped
            {6, 5, 4, 3, 2, 1}, // both: a half turn
            {1, 4, 2, 5, 3, 6}, // transposed: 3x2
            {4, 1, 5, 2, 6, 3}, // transposed, then width flipped: a quarter turn clockwise
            {3, 6, 2, 5, 1, 4}, // transposed, then height flipped: a quarter turn anticlockwise
            {6, 3, 5, 2, 4, 1}, // transposed, both flipped
        };
        for (int t = 0; t < 8; t++) {
            float[] y = SelfEnsemble.transform(x, 2, 3, t);
            float[] firstPlane = java.util.Arrays.copyOf(y, 6);
            assertArrayEquals(want[t], firstPlane, 0f, "transform " + t);
            assertEquals(x[6] + 0, y[6 + (int) indexOf(want[t], 1)], 0f, "channel 1 follows, transform " + t);
            // mapping the transformed image back gives the image (scale 1)
            double[] back = new double[18];
            SelfEnsemble.accumulateInverse(y, 2, 3, t, back);
            for (int i = 0; i < 18; i++) {
                assertEquals(x[i], back[i], 0.0, "inverse of transform " + t + " at " + i);
            }
        }
    }

    private static long indexOf(float[] a, float v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void averagesTheModelOverTheSymmetriesOfTheTile() {
        // a model that is nearest-neighbour x2 (symmetric) plus 0.01 per output column (not symmetric): over the
        // 8 transforms the column ramp becomes, mapped back, w, W-1-w, h and H-1-h twice each, whose mean is
        // (W - 1 + H - 1) / 4 everywhere; for a 3x5 LR tile (H = 6, W = 10 at x2): 0.01 x 14 / 4 = 0.035
        int h = 3;
        int w = 5;
        float[] px = new float[3 * h * w];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i * 37 % 11) / 20f;
        }
        ImageData lr = ImageData.of(w, h, 3, px);
        RampModel model = new RampModel();
        TilingOptions oneTile = new TilingOptions(64, 0, TilingOptions.Border.REFLECT);
        Upscaler plain = Upscaler.builder(model).optTiling(oneTile).optBackProjection(0).build();
        Upscaler ensemble = Upscaler.builder(model).optTiling(oneTile).optBackProjection(0).optSelfEnsemble(true).build();
        assertEquals("ramp+x8", ensemble.name());
        assertEquals("ramp+x8+bp1", Upscaler.builder(model).optSelfEnsemble(true).build().name());
        float[] single = plain.upscale(lr).pixels();
        model.calls = 0;
        float[] mean = ensemble.upscale(lr).pixels();
        assertEquals(8, model.calls, "one pass per transform");
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 2 * h; y++) {
                for (int x = 0; x < 2 * w; x++) {
                    int i = (c * 2 * h + y) * 2 * w + x;
                    float nearest = px[(c * h + y / 2) * w + x / 2];
                    assertEquals(nearest + 0.01f * x, single[i], 1e-6f, "single pass at " + i);
                    assertEquals(nearest + 0.035f, mean[i], 1e-6f, "ensemble at " + i);
                }
            }
        }
        assertTrue(ensemble.selfEnsemble() && !plain.selfEnsemble());
    }

    /** Nearest-neighbour x2 plus 0.01 times the output column. */
    private static final class RampModel extends NearestX2Model {
        RampModel() {
            super("ramp");
        }

        @Override
        void adjust(float[] out, int oh, int ow) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < oh; y++) {
                    for (int x = 0; x < ow; x++) {
                        out[(c * oh + y) * ow + x] += 0.01f * x;
                    }
                }
            }
        }
    }
}
