package io.github.srgandl4j.data.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.testing.SharedData;
import io.github.srgandl4j.data.io.ImageLoader;
import org.junit.jupiter.api.Test;

/**
 * {@link FineDetail} against a hand-computed periodic pattern and against the numbers
 * {@code training/sharpness.py} (the independent Python script it replaces) prints for shared images.
 */
class FineDetailTest {
    @Test
    void periodicDotsHaveHandComputedGridAndTexture() {
        // grey 255 dots on every (4i, 4j), 0 elsewhere; Y difference of a dot A = 219. Laplacian: 4A on the dot, -A on its
        // four neighbours, 0 elsewhere. Per 16 pixels: |lap| sums to 8A -> mean A/2; phase means 4A, four of -A, eleven 0
        // -> grid sqrt((16 + 4) A^2 / 16) = A sqrt(5) / 2. Size 42 = 2*4 shave + 2 + 32 keeps whole periods.
        int s = 42;
        int[] v = new int[s * s];
        for (int y = 0; y < s; y += 4) {
            for (int x = 0; x < s; x += 4) {
                v[y * s + x] = 255;
            }
        }
        FineDetail.Score score = FineDetail.of(ImageData.ofUint8(s, s, 1, v), 4, 4);
        assertEquals(219 / 2.0, score.laplacian(), 1e-9);
        assertEquals(219 * Math.sqrt(5) / 2, score.grid(), 1e-9);
    }

    @Test
    void uniformImageHasNoDetail() {
        int[] v = new int[20 * 20 * 3];
        java.util.Arrays.fill(v, 77);
        FineDetail.Score score = FineDetail.of(ImageData.ofUint8(20, 20, 3, v), 4, 4);
        assertEquals(0, score.laplacian(), 1e-12);
        assertEquals(0, score.grid(), 1e-12);
    }

    @Test
    void matchesTheSharpnessScript() throws Exception {
        // texture_and_grid() of training/sharpness.py on these files (RGB, grey, and a small LR image)
        check("data/benchmarks/Set5/HR/img_001_SRF_4_HR.png", 7.876501233220389, 0.10367184962642832);
        check("data/benchmarks/Set14/HR/img_003_SRF_4_HR.png", 28.340058654531155, 0.3229707571803641);
        check("data/benchmarks/Set14/LR_bicubic_x4/img_005_SRF_4_LR.png", 47.563033769796384, 3.7055682749341807);
    }

    private static void check(String file, double laplacian, double grid) throws Exception {
        ImageData img = new ImageLoader().read(SharedData.require(file));
        FineDetail.Score score = FineDetail.of(img, 4, 4);
        assertEquals(laplacian, score.laplacian(), 1e-9, file);
        assertEquals(grid, score.grid(), 1e-9, file);
    }
}
