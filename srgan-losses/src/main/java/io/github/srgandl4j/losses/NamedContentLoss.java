package io.github.srgandl4j.losses;

import io.github.srgandl4j.losses.vgg.Vgg19FeatureExtractor;
import io.github.srgandl4j.losses.vgg.Vgg19Weights;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The content part of the generator's loss, comparing super-resolved images with the HR targets (both NCHW RGB in
 * [-1, 1]). The two kinds of Ledig et al. (2017), section 2.2.1: {@link PixelMseContentLoss} (eq. 4) and
 * {@link VggContentLoss} (eq. 5), and {@link LumaMseContentLoss} (not in the paper). A trainer picks one by
 * configuration with {@link #create}.
 *
 * <p>Every content loss here is also a {@link io.github.srgandl4j.core.train.ContentLoss}, so it plugs straight
 * into {@code SrganTrainer.builder().setContentLoss(...)}; {@link #define} names the loss {@code content_loss}
 * (or {@code content_loss_1}, ... if taken). Anything added besides the generator output is a constant.
 */
public interface NamedContentLoss extends io.github.srgandl4j.core.train.ContentLoss {
    /** Name {@link #define} gives the loss (made unique in the graph). */
    String DEFAULT_NAME = "content_loss";

    /**
     * Adds the loss to {@code sd}.
     *
     * @param sd   the generator's graph
     * @param name name of the returned scalar; intermediates are named {@code name + "/..."}
     * @param sr   generated images, NCHW RGB in [-1, 1]
     * @param hr   target images, same shape
     * @return the scalar loss
     */
    SDVariable build(SameDiff sd, String name, SDVariable sr, SDVariable hr);

    /** {@link #build} with the name {@link #DEFAULT_NAME}, made unique in {@code sd} (the trainer's entry point). */
    @Override
    default SDVariable define(SameDiff sd, SDVariable sr, SDVariable hr) {
        return build(sd, Losses.uniqueName(sd, DEFAULT_NAME), sr, hr);
    }

    /**
     * The content loss a {@link ContentLossSpec} selects.
     *
     * @param spec           pixel MSE (RGB or luma) or VGG at a layer
     * @param vggScale       factor applied to VGG features before the MSE (the paper's 1/12.75); unused for pixel MSE
     * @param vggWeightsFile Keras VGG19 HDF5 file; unused (may be null) for pixel MSE
     * @throws IOException as {@link Vgg19Weights#load(Path, io.github.srgandl4j.losses.vgg.VggLayer)}, naming the file and layer
     * @throws IllegalArgumentException if a VGG loss is asked without a weights file
     */
    static NamedContentLoss create(ContentLossSpec spec, double vggScale, Path vggWeightsFile) throws IOException {
        Objects.requireNonNull(spec, "spec");
        if (spec instanceof ContentLossSpec.Vgg vgg) {
            if (vggWeightsFile == null) {
                throw new IllegalArgumentException("content loss " + spec + " needs a Keras VGG19 weights file "
                        + "(e.g. vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5); see docs/losses.md");
            }
            return new VggContentLoss(Vgg19FeatureExtractor.load(vggWeightsFile, vgg.layer()), vggScale);
        }
        return pixelLoss(spec);
    }

    /**
     * The content loss a {@link ContentLossSpec} selects, with VGG weights already loaded (to share one copy of the
     * weights between several graphs).
     *
     * @throws IllegalArgumentException if {@code weights} lacks a layer needed by a VGG spec (naming file and layer)
     */
    static NamedContentLoss create(ContentLossSpec spec, double vggScale, Vgg19Weights weights) {
        Objects.requireNonNull(spec, "spec");
        if (spec instanceof ContentLossSpec.Vgg vgg) {
            Objects.requireNonNull(weights, "weights (needed for content loss " + spec + ")");
            return new VggContentLoss(new Vgg19FeatureExtractor(weights, vgg.layer()), vggScale);
        }
        return pixelLoss(spec);
    }

    /** The pixel loss a non-VGG spec selects: the luma MSE or the RGB MSE. */
    private static NamedContentLoss pixelLoss(ContentLossSpec spec) {
        return spec instanceof ContentLossSpec.LumaMse ? new LumaMseContentLoss() : new PixelMseContentLoss();
    }
}
