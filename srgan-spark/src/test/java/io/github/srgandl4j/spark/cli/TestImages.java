package io.github.srgandl4j.spark.cli;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.data.io.PngWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Images and a tiny model made at test time. */
final class TestImages {
    private TestImages() {}

    /** A small random SRResNet x4 (1 block, 8 channels) saved as a library model file. */
    static Path tinyModel(Path dir, long seed) {
        Path f = dir.resolve("tiny-" + seed + ".srgan");
        SrResNetModel.initialise(SrResNetConfig.of(4, 1, 8), seed).save(f);
        return f;
    }

    static ImageData random(int w, int h, int channels, boolean alpha, int bits, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] p = new float[channels * w * h];
        int levels = bits == 8 ? 255 : 65535;
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextInt(levels + 1) / (float) levels;
        }
        float[] a = null;
        if (alpha) {
            a = new float[w * h];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextInt(256) / 255f;
            }
        }
        return ImageData.of(w, h, channels, p, a, bits);
    }

    /** Writes grey.png (8-bit grey), deep.png (16-bit RGB), rgba.png (RGB + alpha) and broken.png (a truncated PNG). */
    static void oddImages(Path dir) throws Exception {
        PngWriter.write(random(23, 17, 1, false, 8, 11), dir.resolve("grey.png"));
        PngWriter.write(random(19, 14, 3, false, 16, 12), dir.resolve("deep.png"));
        PngWriter.write(random(21, 15, 3, true, 8, 13), dir.resolve("rgba.png"));
        byte[] good = Files.readAllBytes(dir.resolve("rgba.png"));
        Files.write(dir.resolve("broken.png"), Arrays.copyOf(good, good.length - 40));
    }

    /** File names in {@code dir}, sorted, hidden ones included. */
    static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
