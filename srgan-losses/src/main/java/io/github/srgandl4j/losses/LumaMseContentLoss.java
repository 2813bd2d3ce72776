package io.github.srgandl4j.losses;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pixel MSE of the luma channel only: {@code mean((Y(I_SR) - Y(I_HR))^2)} over all pixels, where {@code Y} is ITU-R
 * BT.601's luma as MATLAB's {@code rgb2ycbcr} computes it ({@code 16 + (65.481 R + 128.553 G + 24.966 B)} for RGB in
 * [0, 1]), the channel on which the paper and this library report PSNR. On images in [-1, 1] a difference of luma is
 * {@code (65.481 dR + 128.553 dG + 24.966 dB) / 255}, so the loss relates to the benchmark's PSNR on Y (before the
 * border shave) as {@code PSNR_Y = 10 log10(4 / loss)}. Colour differences that leave the luma unchanged cost nothing,
 * so colour drifts: measured on a fine-tune of the bundled {@code srresnet} (training/README.md, session 19), +0.015 to
 * +0.05 dB on Y, -0.3 to -0.4 dB on RGB and a chroma offset of up to 2.6 levels (docs/losses.md).
 */
public record LumaMseContentLoss() implements NamedContentLoss {
    /** MATLAB rgb2ycbcr's luma row over 255: the weights of dR, dG, dB for images in [-1, 1]. */
    static final float[] LUMA_WEIGHTS = {65.481f / 255f, 128.553f / 255f, 24.966f / 255f};

    @Override
    public SDVariable build(SameDiff sd, String name, SDVariable sr, SDVariable hr) {
        SDVariable weights = sd.constant(Losses.uniqueName(sd, name + "/luma_weights"),
                Nd4j.createFromArray(LUMA_WEIGHTS).reshape(1, 3, 1, 1));
        SDVariable diff = sr.sub(name + "/diff", hr);
        SDVariable luma = diff.mul(name + "/weighted", weights).sum(name + "/luma", true, 1);
        return sd.math().square(name + "/sq", luma).mean(name);
    }

    @Override
    public String describe() {
        return "mse-y";
    }
}
