package io.github.srgandl4j.losses;

import io.github.srgandl4j.losses.vgg.Vgg19Weights;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The generator's perceptual loss, Ledig et al. (2017) eq. 3: {@code contentWeight * l_X + adversarialWeight *
 * l_Gen (+ tvWeight * l_TV)}, built into the generator's SameDiff graph.
 *
 * <p>Graph names for {@code build(sd, prefix, ...)}: {@code prefix/content}, {@code prefix/adversarial},
 * {@code prefix/tv} (only when tvWeight > 0) and the total {@code prefix}.
 */
public final class PerceptualLoss {
    private final PerceptualLossConfig config;
    private final NamedContentLoss contentLoss;

    /**
     * A perceptual loss from a configuration and the content loss it selects.
     *
     * @throws IllegalArgumentException if the content loss is not of the configured kind
     */
    public PerceptualLoss(PerceptualLossConfig config, NamedContentLoss contentLoss) {
        this.config = Objects.requireNonNull(config, "config");
        this.contentLoss = Objects.requireNonNull(contentLoss, "contentLoss");
        boolean vggWanted = config.content() instanceof ContentLossSpec.Vgg;
        boolean matches = vggWanted
                ? contentLoss instanceof VggContentLoss v
                        && v.extractor().layer().equals(((ContentLossSpec.Vgg) config.content()).layer())
                : contentLoss instanceof PixelMseContentLoss;
        if (!matches) {
            throw new IllegalArgumentException("content loss " + contentLoss.describe()
                    + " does not match the configured " + config.content());
        }
    }

    /**
     * Creates the perceptual loss, loading VGG19 weights from {@code vggWeightsFile} when the content loss is VGG.
     *
     * @param vggWeightsFile Keras VGG19 HDF5 file, may be null for pixel MSE
     */
    public static PerceptualLoss create(PerceptualLossConfig config, Path vggWeightsFile) throws IOException {
        return new PerceptualLoss(config, NamedContentLoss.create(config.content(), config.vggScale(), vggWeightsFile));
    }

    /** Creates the perceptual loss with already loaded VGG19 weights (may be null for pixel MSE). */
    public static PerceptualLoss create(PerceptualLossConfig config, Vgg19Weights vggWeights) {
        return new PerceptualLoss(config, NamedContentLoss.create(config.content(), config.vggScale(), vggWeights));
    }

    /** The configuration. */
    public PerceptualLossConfig config() {
        return config;
    }

    /** The content loss (also usable alone, e.g. for SRResNet pre-training). */
    public NamedContentLoss contentLoss() {
        return contentLoss;
    }

    /**
     * Adds the loss to the generator's graph.
     *
     * @param sd         the generator's graph
     * @param prefix     name of the total; the terms are {@code prefix/content}, {@code prefix/adversarial}, {@code prefix/tv}
     * @param sr         generated images, NCHW RGB in [-1, 1]
     * @param hr         HR targets, same shape
     * @param fakeLogits the discriminator's logits (before the sigmoid) on {@code sr}, shape [N, 1] or [N]
     * @return the terms and their weighted total
     */
    public Terms build(SameDiff sd, String prefix, SDVariable sr, SDVariable hr, SDVariable fakeLogits) {
        SDVariable content = contentLoss.build(sd, prefix + "/content", sr, hr);
        SDVariable adversarial = Losses.generatorAdversarial(sd, prefix + "/adversarial", fakeLogits);
        SDVariable total = content.mul(prefix + "/content_weighted", config.contentWeight())
                .add(adversarial.mul(prefix + "/adversarial_weighted", config.adversarialWeight()));
        SDVariable tv = null;
        if (config.tvWeight() > 0) {
            tv = Losses.totalVariation(sd, prefix + "/tv", sr);
            total = total.add(tv.mul(prefix + "/tv_weighted", config.tvWeight()));
        }
        return new Terms(content, adversarial, tv, total.rename(prefix));
    }

    /**
     * The variables of one built perceptual loss.
     *
     * @param content     the content loss (unweighted)
     * @param adversarial the adversarial loss (unweighted)
     * @param tv          the total variation (unweighted), null when tvWeight is 0
     * @param total       the weighted sum, the generator's training loss
     */
    public record Terms(SDVariable content, SDVariable adversarial, SDVariable tv, SDVariable total) {}

    @Override
    public String toString() {
        return "PerceptualLoss[" + config.contentWeight() + " x " + contentLoss.describe() + " + "
                + config.adversarialWeight() + " x adversarial"
                + (config.tvWeight() > 0 ? " + " + config.tvWeight() + " x TV" : "") + "]";
    }
}
