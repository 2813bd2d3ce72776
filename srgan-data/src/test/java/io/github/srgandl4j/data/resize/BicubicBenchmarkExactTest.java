package io.github.srgandl4j.data.resize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.srgandl4j.core.image.ImageData;
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
}
