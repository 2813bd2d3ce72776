package io.github.srgandl4j.data.resize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.BicubicResize;
import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.image.Rounding;
import io.github.srgandl4j.data.io.ImageLoader;
import io.github.srgandl4j.data.testing.Benchmarks;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link BicubicResize#downscale} must reproduce every LR file of the shared benchmarks (made by
 * MATLAB's imresize) from its HR file, sample for sample.
 */
class BicubicBenchmarkExactTest {
    private final ImageLoader loader = new ImageLoader();

    @Test
    void reproducesAll119BenchmarkLrFilesBitExactly() throws Exception {
        int images = 0;
        for (String set : Benchmarks.SETS) {
            List<Path> hrs = Benchmarks.hrFiles(set);
            for (Path hrFile : hrs) {
                ImageData hr = loader.read(hrFile);
                ImageData expected = loader.read(Benchmarks.lrFor(set, hrFile));
                ImageData lr = BicubicResize.downscale(hr, 4);
                String what = set + "/" + hrFile.getFileName();
                assertEquals(expected.width(), lr.width(), what + " width");
                assertEquals(expected.height(), lr.height(), what + " height");
                assertEquals(expected.channels(), lr.channels(), what + " channels");
                assertArrayEquals(expected.toUint8(), lr.toUint8(), what + " samples");
                images++;
            }
        }
        assertEquals(119, images, "number of benchmark images");
    }

    @Test
    void roundingAfterEachPassMattersOnTheBenchmark() throws Exception {
        // float intermediates (BasicSR-style) do not reproduce the MATLAB files: the exact test is sensitive
        ImageLoader loader = new ImageLoader();
        Path hrFile = Benchmarks.hrFiles("Set5").get(0);
        ImageData hr = loader.read(hrFile);
        int[] expected = loader.read(Benchmarks.lrFor("Set5", hrFile)).toUint8();
        int[] exact = BicubicResize.downscale(hr, 4).toUint8();
        int[] floatThenRound = BicubicResize.resize(hr, 0.25, Rounding.NONE).toUint8();
        assertArrayEquals(expected, exact);
        int differ = 0;
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != floatThenRound[i]) {
                differ++;
            }
        }
        assertTrue(differ > 0, "float intermediate differs somewhere");
    }
}
