package io.github.srgandl4j.losses;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Pixel-wise MSE content loss, Ledig et al. (2017) eq. 4: {@code mean((I_HR - G(I_LR))^2)} over all pixels and
 * channels, on images in [-1, 1] (so it is 4x the MSE of the same images in [0, 1]).
 */
public record PixelMseContentLoss() implements NamedContentLoss {
    @Override
    public SDVariable build(SameDiff sd, String name, SDVariable sr, SDVariable hr) {
        return Losses.mse(sd, name, sr, hr);
    }

    @Override
    public String describe() {
        return "mse";
    }
}
