package io.github.srgandl4j.examples.bench;

import io.github.srgandl4j.core.train.StepOrder;
import io.github.srgandl4j.core.model.DiscriminatorConfig;
import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.train.OptimizerConfig;
import io.github.srgandl4j.losses.Distance;
import io.github.srgandl4j.losses.vgg.VggLayer;

/**
 * The training recipe of the {@code train-campaign} bench case: what {@code training/srgan-x4-b8c64-rb.sh} runs
 * (the campaign's SRGAN fine-tuning, ../shared/notes/gan-recipe-probe.md run B), as far as it decides the cost of a
 * step. Validation, checkpoints and the pretrained start do not: the bench starts from random weights.
 *
 * @param blocks residual blocks of the generator (the script's SRResNet: 8)
 * @param channels channels of the generator (64)
 * @param batch batch size (the script's --batch: 8)
 * @param crop HR crop side (--crop: 64); the discriminator's input size
 * @param vggLayer VGG19 layer of the content loss (--vgg-layer 3,4)
 * @param vggBeforeActivation features before the layer's ReLU (--vgg-before-activation)
 * @param vggScale factor on the VGG features (--vgg-scale 0.0172)
 * @param vggDistance distance of the scaled features (--vgg-distance l1)
 * @param pixelWeight weight of the pixel term (--pixel-weight 5e-3)
 * @param pixelDistance distance of the pixel term (--pixel-loss l1)
 * @param adversarialWeight weight of the relativistic average GAN loss (--adversarial-weight 5e-3)
 * @param discriminatorChannels first-layer channels of the discriminator (--discriminator-channels 32)
 * @param emaDecay decay of the generator's moving average (--ema 0.999)
 * @param learningRate Adam's learning rate for both networks (--lr 1e-4)
 * @param beta2 Adam's beta2 for both networks (--adam-beta2 0.99; beta1 0.9)
 * @param stepOrder order of the discriminator and generator steps (--step-order g-first)
 */
public record CampaignRecipe(int blocks, int channels, int batch, int crop, VggLayer vggLayer, boolean vggBeforeActivation,
        double vggScale, Distance vggDistance, double pixelWeight, Distance pixelDistance, double adversarialWeight,
        int discriminatorChannels, double emaDecay, double learningRate, double beta2, StepOrder stepOrder) {
    /** Validates the sizes (the rest is validated by the configurations and losses built from it). */
    public CampaignRecipe {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        if (crop < 16 || crop % 16 != 0) {
            throw new IllegalArgumentException("crop must be a positive multiple of 16 (x4 generator, 4 stride-2 "
                    + "discriminator convolutions), got " + crop);
        }
        java.util.Objects.requireNonNull(vggLayer, "vggLayer");
        java.util.Objects.requireNonNull(vggDistance, "vggDistance");
        java.util.Objects.requireNonNull(pixelDistance, "pixelDistance");
        java.util.Objects.requireNonNull(stepOrder, "stepOrder");
    }

    /** The defaults of {@code training/srgan-x4-b8c64-rb.sh} with the bundled 8-block SRResNet's size. */
    public static CampaignRecipe srganX4B8c64Rb() {
        return new CampaignRecipe(8, 64, 8, 64, VggLayer.parse("3,4"), true, 0.0172, Distance.L1, 5e-3, Distance.L1, 5e-3,
                32, 0.999, 1e-4, 0.99, StepOrder.GENERATOR_FIRST);
    }

    /** This recipe with another batch size and crop (for quick runs). */
    public CampaignRecipe withShape(int newBatch, int newCrop) {
        return new CampaignRecipe(blocks, channels, newBatch, newCrop, vggLayer, vggBeforeActivation, vggScale, vggDistance,
                pixelWeight, pixelDistance, adversarialWeight, discriminatorChannels, emaDecay, learningRate, beta2, stepOrder);
    }

    /** This recipe with another step order. */
    public CampaignRecipe withStepOrder(StepOrder order) {
        return new CampaignRecipe(blocks, channels, batch, crop, vggLayer, vggBeforeActivation, vggScale, vggDistance,
                pixelWeight, pixelDistance, adversarialWeight, discriminatorChannels, emaDecay, learningRate, beta2, order);
    }

    /** The generator: x4 SRResNet with {@link #blocks} blocks of {@link #channels} channels. */
    public SrResNetConfig generator() {
        return SrResNetConfig.of(4, blocks, channels);
    }

    /** The script's discriminator: no batch norm, spectral norm, global-average head, sized for the crop. */
    public DiscriminatorConfig discriminator() {
        return DiscriminatorConfig.of(crop, discriminatorChannels)
                .withVariant(false, true, DiscriminatorConfig.Head.GLOBAL_AVERAGE);
    }

    /** Adam at {@link #learningRate} with beta1 0.9 and {@link #beta2}, for both networks. */
    public OptimizerConfig optimizer() {
        OptimizerConfig a = OptimizerConfig.adam(learningRate);
        return a.withBeta2(beta2);
    }
}
