package io.github.srgandl4j.losses;

import io.github.srgandl4j.losses.vgg.Vgg19FeatureExtractor;
import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * VGG content loss l_VGG/i,j, Ledig et al. (2017) eq. 5: the MSE between the VGG19 feature maps phi_i,j of the HR
 * target and of the generated image, each multiplied by {@code featureScale} first (the paper rescales the
 * features by 1/12.75, section 3.2, so that the loss is comparable to the pixel MSE). The VGG19 is frozen: its
 * weights are graph constants.
 *
 * <p>Graph names for {@code build(sd, name, ...)}: features {@code name/vgg_sr/<layer>} and
 * {@code name/vgg_hr/<layer>}, scaled features {@code name/sr_scaled} and {@code name/hr_scaled}, loss {@code name}.
 *
 * <p>Options beyond the paper (ESRGAN's perceptual loss): {@code beforeActivation} compares the convolution's
 * output before its ReLU ({@code block<i>_conv<j>_preact}), which keeps the negative responses the ReLU zeroes, and
 * {@code distance} {@link Distance#L1} takes the mean absolute difference of the scaled features instead of the MSE.
 *
 * @param extractor        the frozen VGG19 up to phi_i,j
 * @param featureScale     factor applied to the features before the distance (> 0; 1/12.75 in the paper)
 * @param beforeActivation compare the features before the ReLU of phi_i,j (false: after it, the paper's)
 * @param distance         MSE (the paper's) or L1
 */
public record VggContentLoss(Vgg19FeatureExtractor extractor, double featureScale, boolean beforeActivation,
        Distance distance) implements NamedContentLoss {
    /** The paper's feature scale, 1/12.75. */
    public static final double PAPER_FEATURE_SCALE = 1.0 / 12.75;

    /** Validates the arguments. */
    public VggContentLoss {
        Objects.requireNonNull(extractor, "extractor");
        Objects.requireNonNull(distance, "distance");
        Losses.requirePositive("VGG feature scale", featureScale);
    }

    /** The paper's loss (after the ReLU, MSE) with the given feature scale. */
    public VggContentLoss(Vgg19FeatureExtractor extractor, double featureScale) {
        this(extractor, featureScale, false, Distance.MSE);
    }

    /** With the paper's scale 1/12.75. */
    public VggContentLoss(Vgg19FeatureExtractor extractor) {
        this(extractor, PAPER_FEATURE_SCALE);
    }

    @Override
    public SDVariable build(SameDiff sd, String name, SDVariable sr, SDVariable hr) {
        SDVariable fSr = extractor.features(sd, sr, name + "/vgg_sr", beforeActivation).mul(name + "/sr_scaled", featureScale);
        SDVariable fHr = extractor.features(sd, hr, name + "/vgg_hr", beforeActivation).mul(name + "/hr_scaled", featureScale);
        return distance.build(sd, name, fSr, fHr);
    }

    @Override
    public String describe() {
        return "vgg19 " + extractor.layer() + (beforeActivation ? " before activation " : " ") + distance.label()
                + ", features x " + featureScale + " (" + extractor.weights().source() + "; run " + extractor.layout() + ")";
    }
}
