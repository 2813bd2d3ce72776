package io.github.srgandl4j.examples.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The benchmark cases, named like the modes of the PyTorch peer ({@code torch_srgan_peer.py --mode}). */
public enum BenchCase {
    /** SRResNet x4 forward, inference mode, one LR image (1x3x128x128 by default). */
    INFER("infer"),
    /** One generator step with the pixel MSE loss (batch 16, 96-pixel HR crops by default). */
    TRAIN_MSE("train-mse"),
    /** One discriminator step and one generator step with VGG content + adversarial loss. */
    TRAIN_GAN("train-gan"),
    /**
     * ONNX inference, our importer against ONNX Runtime with the same thread count, interleaved in one
     * process: the shared ONNX generator and the exported built-in default model (1x3xSxS).
     */
    INFER_ONNX("infer-onnx"),
    /**
     * One iteration of the training campaign's SRGAN recipe ({@link CampaignRecipe}, training/srgan-x4-b8c64-rb.sh):
     * 8-block generator, batch 8, 64-pixel crops, one D step + one G step with L1 pixel + L1 VGG19 conv3_4
     * (before the ReLU) + relativistic adversarial loss, spectrally normalised global-average discriminator, EMA.
     */
    TRAIN_CAMPAIGN("train-campaign");

    private final String id;

    BenchCase(String id) {
        this.id = id;
    }

    /** The name used on the command line and in the JSON output. */
    public String id() {
        return id;
    }

    /** The case named {@code id}; fails with the known names otherwise. */
    public static BenchCase parse(String id) {
        for (BenchCase c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown bench case '" + id + "' (known: "
                + Arrays.stream(values()).map(BenchCase::id).collect(Collectors.joining(", ")) + ")");
    }
}
