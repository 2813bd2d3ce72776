package io.github.srgandl4j.losses;

import java.util.Objects;

/**
 * Configuration of the generator's perceptual loss (Ledig et al. 2017, eq. 3):
 * {@code total = contentWeight * content + adversarialWeight * adversarial + tvWeight * tv}.
 *
 * @param content           which content loss (pixel MSE or VGG at phi_i,j)
 * @param contentWeight     weight of the content loss (1 in the paper)
 * @param adversarialWeight weight of the adversarial loss (1e-3 in the paper)
 * @param vggScale          factor on the VGG features before their MSE (1/12.75 in the paper); ignored for pixel MSE
 * @param tvWeight          weight of the total-variation term (0 = none, the paper's CVPR version)
 */
public record PerceptualLossConfig(ContentLossSpec content, double contentWeight, double adversarialWeight,
                                   double vggScale, double tvWeight) {
    /** The paper's adversarial weight, 1e-3. */
    public static final double PAPER_ADVERSARIAL_WEIGHT = 1e-3;

    /** Validates: weights finite and >= 0, scale finite and > 0. */
    public PerceptualLossConfig {
        Objects.requireNonNull(content, "content");
        requireWeight("contentWeight", contentWeight);
        requireWeight("adversarialWeight", adversarialWeight);
        requireWeight("tvWeight", tvWeight);
        Losses.requirePositive("vggScale", vggScale);
    }

    private static void requireWeight(String what, double w) {
        if (!(w >= 0) || Double.isInfinite(w)) {
            throw new IllegalArgumentException(what + " must be finite and >= 0, got " + w);
        }
    }

    /** The paper's settings with the given content loss: weights 1 and 1e-3, VGG scale 1/12.75, no TV. */
    public static PerceptualLossConfig paper(ContentLossSpec content) {
        return new PerceptualLossConfig(content, 1.0, PAPER_ADVERSARIAL_WEIGHT, VggContentLoss.PAPER_FEATURE_SCALE, 0.0);
    }

    /** The paper's main SRGAN (SRGAN-VGG54): VGG phi_5,4 content loss with {@link #paper} settings. */
    public static PerceptualLossConfig srganVgg54() {
        return paper(ContentLossSpec.vgg(io.github.srgandl4j.losses.vgg.VggLayer.PHI_5_4));
    }

    /** A copy with another content loss. */
    public PerceptualLossConfig withContent(ContentLossSpec c) {
        return new PerceptualLossConfig(c, contentWeight, adversarialWeight, vggScale, tvWeight);
    }

    /** A copy with another content weight. */
    public PerceptualLossConfig withContentWeight(double w) {
        return new PerceptualLossConfig(content, w, adversarialWeight, vggScale, tvWeight);
    }

    /** A copy with another adversarial weight. */
    public PerceptualLossConfig withAdversarialWeight(double w) {
        return new PerceptualLossConfig(content, contentWeight, w, vggScale, tvWeight);
    }

    /** A copy with another VGG feature scale. */
    public PerceptualLossConfig withVggScale(double s) {
        return new PerceptualLossConfig(content, contentWeight, adversarialWeight, s, tvWeight);
    }

    /** A copy with another total-variation weight. */
    public PerceptualLossConfig withTvWeight(double w) {
        return new PerceptualLossConfig(content, contentWeight, adversarialWeight, vggScale, w);
    }
}
