package io.github.srgandl4j.examples.bench;

import io.github.srgandl4j.losses.vgg.VggLayer;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What to measure and how often.
 *
 * @param warmup untimed runs before the timed ones (graph building and first-call costs land here)
 * @param iterations timed runs; the median is reported
 * @param lrSize side of the LR input of the {@code infer} case
 * @param batch batch size of the training cases
 * @param crop HR crop side of the training cases (LR side = crop / 4)
 * @param vggLayer content-loss layer of {@code train-gan}
 * @param vggWeights Keras VGG19 weights file for {@code train-gan} (null: not needed or not given)
 * @param seed seed of the random weights and inputs
 */
public record BenchSettings(int warmup, int iterations, int lrSize, int batch, int crop, VggLayer vggLayer,
        Path vggWeights, long seed) {
    public BenchSettings {
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        }
        if (lrSize < 1 || batch < 1) {
            throw new IllegalArgumentException("lr size and batch must be >= 1");
        }
        if (crop < 4 || crop % 16 != 0) {
            throw new IllegalArgumentException("crop must be a positive multiple of 16 (x4 generator, 4 stride-2 "
                    + "discriminator convolutions), got " + crop);
        }
        Objects.requireNonNull(vggLayer, "vggLayer");
    }

    /** The peer's defaults: 2 warm-up runs, 5 timed runs, 128-pixel LR, batch 16, 96-pixel crops, phi_2,2. */
    public static BenchSettings defaults(Path vggWeights) {
        return new BenchSettings(2, 5, 128, 16, 96, VggLayer.PHI_2_2, vggWeights, 0);
    }
}
