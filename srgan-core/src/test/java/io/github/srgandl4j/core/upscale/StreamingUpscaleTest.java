package io.github.srgandl4j.core.upscale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.BicubicResize;
import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Upscaler#upscale(ImageSource, RowSink)}: bands, equality with the in-memory and untiled results, NaN. */
class StreamingUpscaleTest {
    private static final SrResNetConfig SMALL = SrResNetConfig.of(4, 2, 8);

    @Test
    void streamedBandsAreTheInMemoryResultAndMatchTheUntiledPassOnACrop() throws Exception {
        SrResNetModel m = SrResNetModel.initialise(SMALL, 7);
        ImageData img = UpscalerTest.randomRgb(50, 41, 9);
        int pad = m.receptiveRadius();
        Upscaler tiled = Upscaler.builder(m).optTiling(new TilingOptions(16, pad)).build();
        List<ImageData> bands = new ArrayList<>();
        tiled.upscale(ImageSource.of(img), bands::add);
        int rows = 0;
        for (ImageData b : bands) {
            assertEquals(200, b.width());
            assertTrue(b.height() <= Upscaler.SINK_ROWS, "band of " + b.height() + " rows");
            rows += b.height();
        }
        assertEquals(164, rows);
        ImageData inMemory = tiled.upscale(img);
        // the untiled result: one tile over the whole image, same reflection padding
        ImageData untiled = Upscaler.builder(m).optTiling(new TilingOptions(64, pad)).build().upscale(img);
        // a crop across tile seams (tiles of 16 LR = 64 output pixels) and the right border
        int cx = 40;
        int cy = 50;
        int cw = 160;
        int ch = 40;
        ImageData streamedCrop = concat(bands, 200).crop(cx, cy, cw, ch);
        assertArrayEquals(inMemory.crop(cx, cy, cw, ch).pixels(), streamedCrop.pixels(), 0f);
        float[] a = streamedCrop.pixels();
        float[] b = untiled.crop(cx, cy, cw, ch).pixels();
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        assertTrue(max < 1e-5, "tiled vs untiled max difference " + max);
    }

    @Test
    void streamedAlphaIsTheWholePlaneBicubicResize() throws Exception {
        SrResNetModel m = SrResNetModel.initialise(SrResNetConfig.of(4, 1, 4), 3);
        ImageData base = UpscalerTest.randomRgb(11, 23, 5);
        float[] alpha = UpscalerTest.randomRgb(11, 23, 6).plane(1);
        ImageData img = ImageData.of(11, 23, 3, base.pixels(), alpha, 8);
        List<ImageData> bands = new ArrayList<>();
        Upscaler.builder(m).optTiling(new TilingOptions(8, 2)).build().upscale(ImageSource.of(img), bands::add);
        float[] streamed = new float[44 * 92];
        int at = 0;
        for (ImageData band : bands) {
            float[] a = band.alpha();
            System.arraycopy(a, 0, streamed, at, a.length);
            at += a.length;
        }
        assertArrayEquals(BicubicResize.upscalePlane(alpha, 11, 23, 4), streamed, 1e-6f);
    }

    @Test
    void nonFiniteModelOutputIsRefusedBeforeItsBandReachesTheSink() throws Exception {
        SuperResolutionModel nan = new NanModel();
        ImageData img = UpscalerTest.randomRgb(20, 30, 1);
        List<ImageData> bands = new ArrayList<>();
        Upscaler up = Upscaler.builder(nan).optTiling(new TilingOptions(10, 0)).build();
        NonFiniteOutputException e = assertThrows(NonFiniteOutputException.class,
                () -> up.upscale(ImageSource.of(img), bands::add));
        assertTrue(e.getMessage().contains("model nan produced a non-finite value (NaN) at output pixel (20, 20), channel 0"),
                e.getMessage());
        assertEquals(20, bands.stream().mapToInt(ImageData::height).sum(), "only the first row of tiles (20 rows) went out");
        assertThrows(NonFiniteOutputException.class, () -> Upscaler.builder(new NanModel())
                .optTiling(new TilingOptions(10, 0)).build().upscale(img));
        // with back-projection the whole padded tile is checked before the correction could spread the NaN
        NonFiniteOutputException bp = assertThrows(NonFiniteOutputException.class, () -> Upscaler.builder(new NanModel())
                .optTiling(new TilingOptions(10, 0)).optBackProjection(1).build().upscale(img));
        assertTrue(bp.getMessage().contains("model nan produced a non-finite value (NaN) at output pixel (20, 20), channel 0"
                + " (coordinates of the reflection-padded image)"), bp.getMessage());
    }

    private static ImageData concat(List<ImageData> bands, int w) {
        int h = bands.stream().mapToInt(ImageData::height).sum();
        float[] px = new float[3 * w * h];
        int row = 0;
        for (ImageData b : bands) {
            for (int c = 0; c < 3; c++) {
                System.arraycopy(b.plane(c), 0, px, (c * h + row) * w, b.width() * b.height());
            }
            row += b.height();
        }
        return ImageData.of(w, h, 3, px);
    }

    /** x2 nearest neighbour that outputs NaN in its fourth call. */
    private static final class NanModel extends NearestX2Model {
        NanModel() {
            super("nan");
        }

        @Override
        void adjust(float[] out, int oh, int ow) {
            if (calls == 4) {
                out[0] = Float.NaN; // 20x30 in tiles of 10: the 4th tile is LR (10, 10), its first output pixel (20, 20)
            }
        }
    }
}
