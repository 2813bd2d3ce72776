package io.github.srgandl4j.core.train;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The generator's content loss, built into the generator's training graph: pixel MSE, or the MSE
 * of VGG19 features (srgan-losses provides both). Anything it adds besides the generator output
 * must be a constant, so that training never changes it.
 */
public interface ContentLoss {
    /**
     * Adds the loss to {@code sd} and returns it as a scalar.
     *
     * @param sr generator output [N, 3, H, W] in [-1, 1]
     * @param hr target [N, 3, H, W] in [-1, 1]
     */
    SDVariable define(SameDiff sd, SDVariable sr, SDVariable hr);

    /** A short description for logs and provenance, e.g. {@code "mse"} or {@code "vgg19 phi_2,2 / 12.75"}. */
    String describe();
}
