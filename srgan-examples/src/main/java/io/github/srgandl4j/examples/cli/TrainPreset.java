package io.github.srgandl4j.examples.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code train --preset}: the settings of the variants in Table 1 of Ledig et al. (2017), as {@code train} flags.
 * Common to all (section 3.2): x4, 16 residual blocks of 64 channels, batch 16, 96x96 HR crops, Adam (beta1 0.9)
 * at 1e-4; VGG features scaled by 1/12.75 (the trainer's default). SRResNets: 10^6 steps at 1e-4 with the pixel
 * MSE or the VGG22 loss and no adversarial term (section 3.4). SRGANs: from an SRResNet-MSE (--init), 10^5 steps
 * at 1e-4 and 10^5 at 1e-5, content loss + 1e-3 x adversarial, the paper's discriminator. Explicit flags override
 * a preset's values.
 */
enum TrainPreset {
    SRRESNET_MSE("pretrain", "mse", null, null, 1_000_000, null),
    SRRESNET_VGG22("pretrain", "vgg", "2,2", null, 1_000_000, null),
    SRGAN_MSE("adversarial", "mse", null, "1e-3", 200_000, 100_000L),
    SRGAN_VGG22("adversarial", "vgg", "2,2", "1e-3", 200_000, 100_000L),
    SRGAN_VGG54("adversarial", "vgg", "5,4", "1e-3", 200_000, 100_000L);

    private final String stage;
    private final String content;
    private final String vggLayer;
    private final String adversarialWeight;
    private final long steps;
    private final Long lrDecayAt;

    TrainPreset(String stage, String content, String vggLayer, String adversarialWeight, long steps, Long lrDecayAt) {
        this.stage = stage;
        this.content = content;
        this.vggLayer = vggLayer;
        this.adversarialWeight = adversarialWeight;
        this.steps = steps;
        this.lrDecayAt = lrDecayAt;
    }

    /** The name on the command line, e.g. {@code srgan-vgg54}. */
    String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether it needs VGG19 block 5 (the full notop weights file). */
    boolean needsBlock5() {
        return vggLayer != null && vggLayer.startsWith("5");
    }

    /** The preset's flags and values, in command-line form. */
    Map<String, String> flags() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("--stage", stage);
        m.put("--content", content);
        if (vggLayer != null) {
            m.put("--vgg-layer", vggLayer);
        }
        if (adversarialWeight != null) {
            m.put("--adversarial-weight", adversarialWeight);
        }
        m.put("--scale", "4");
        m.put("--blocks", "16");
        m.put("--channels", "64");
        m.put("--batch", "16");
        m.put("--crop", "96");
        m.put("--lr", "1e-4");
        m.put("--steps", Long.toString(steps));
        if (lrDecayAt != null) {
            m.put("--lr-decay-at", Long.toString(lrDecayAt));
        }
        return m;
    }

    /** Parses a preset name (e.g. {@code srgan-vgg54}); the error lists the names. */
    static TrainPreset parse(String text) {
        for (TrainPreset p : values()) {
            if (p.label().equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("--preset must be one of " + names() + ", got '" + text + "'");
    }

    static String names() {
        return Arrays.stream(values()).map(TrainPreset::label).collect(Collectors.joining(", "));
    }
}
