package io.github.srgandl4j.examples.upscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.model.Models;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.core.testing.SharedData;
import io.github.srgandl4j.core.upscale.TilingOptions;
import io.github.srgandl4j.core.upscale.Upscaler;
import io.github.srgandl4j.data.io.ImageLoader;
import org.junit.jupiter.api.Test;

/**
 * The default tiling keeps tiled output within 1/255 of the whole-image pass on a real image with
 * the shared pretrained model (the requirement on {@link TilingOptions#DEFAULT_PAD}), and
 * the padding is what makes it so.
 */
class DefaultTilingTest {
    @Test
    void defaultPaddingKeepsSeamsBelowOneLevel() throws Exception {
        // a 128x96 region of a Set14 LR image, cut into 2 x 2 tiles of 64 (the padding, not the tile size, sets the error)
        ImageData lr = new ImageLoader().read(SharedData.require("data/benchmarks/Set14/LR_bicubic_x4/img_002_SRF_4_LR.png"))
                .crop(20, 24, 128, 96);
        try (SuperResolutionModel m = Models.load(SharedData.require("models/pretrained/srgan_x4_leftthomas.onnx"))) {
            float[] whole = TilingMeasurement.whole(m, lr).pixels();
            Upscaler padded = Upscaler.builder(m).optTiling(new TilingOptions(64, TilingOptions.DEFAULT_PAD, TilingOptions.Border.ZERO)).build();
            assertEquals(4, padded.tileCount(lr.width(), lr.height()));
            double d = TilingMeasurement.maxDiff(whole, padded.upscale(lr).pixels());
            assertTrue(d < 1 / 255.0, "default padding, max difference " + d);
            // without padding the seams are visible, so this test can fail
            Upscaler none = Upscaler.builder(m).optTiling(new TilingOptions(64, 0, TilingOptions.Border.ZERO)).build();
            double d0 = TilingMeasurement.maxDiff(whole, none.upscale(lr).pixels());
            assertTrue(d0 > 5 / 255.0, "no padding, max difference " + d0);
        }
    }
}
