package io.github.srgandl4j.examples.cli;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.data.io.PngWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Four small generated HR images and the arguments of a tiny, fast {@code train} run on them
 * (1 residual block of 4 channels, 16x16 HR crops, batch 2), for tests that need no shared data.
 */
final class TinyTrainingData {
    private TinyTrainingData() {}

    /** Writes four 40x40 images (smooth gradients plus noise, so there is something to learn) into {@code dir}. */
    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < 4; i++) {
            int w = 40;
            int h = 40;
            int[] px = new int[3 * w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int c = 0; c < 3; c++) {
                        int v = (x * (3 + c + i) + y * (5 - c)) % 200 + rng.nextInt(40);
                        px[(y * w + x) * 3 + c] = Math.min(255, v);
                    }
                }
            }
            PngWriter.write(ImageData.ofUint8(w, h, 3, px), dir.resolve("im" + i + ".png"));
        }
        return dir;
    }

    /** {@code train --stage pretrain} on {@code data} with a tiny generator; add --steps, -o and the rest. */
    static List<String> pretrain(Path data, Path checkpoints) {
        return new ArrayList<>(List.of("train", "--stage", "pretrain", "--data", data.toString(), "--blocks", "1",
                "--channels", "4", "--batch", "2", "--crop", "16", "--checkpoint-dir", checkpoints.toString()));
    }
}
