package io.github.srgandl4j.losses;

import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A content loss plus a weighted pixel MSE: {@code main + pixelWeight * mse(sr, hr)} (images in [-1, 1]).
 *
 * <p>Not in the paper's SRGAN (its content loss is VGG alone); common in public SRGAN reproductions, including the
 * PyTorch model this project imports as its reference (image MSE + perceptual + adversarial), where the pixel term
 * anchors colours and suppresses the periodic artifacts a VGG loss and a confident discriminator push the
 * generator towards. Graph names for {@code build(sd, name, ...)}: {@code name/main}, {@code name/pixel} and the
 * total {@code name}.
 *
 * @param main        the content loss anchored (usually a {@link VggContentLoss})
 * @param pixelWeight weight of the pixel MSE (finite, > 0)
 */
public record PixelAnchoredContentLoss(NamedContentLoss main, double pixelWeight) implements NamedContentLoss {
    /** Validates the arguments. */
    public PixelAnchoredContentLoss {
        Objects.requireNonNull(main, "main");
        Losses.requirePositive("pixel MSE weight", pixelWeight);
    }

    @Override
    public SDVariable build(SameDiff sd, String name, SDVariable sr, SDVariable hr) {
        SDVariable m = main.build(sd, name + "/main", sr, hr);
        SDVariable pixel = Losses.mse(sd, name + "/pixel", sr, hr);
        return m.add(name, pixel.mul(pixelWeight));
    }

    @Override
    public String describe() {
        return main.describe() + " + " + pixelWeight + " x mse";
    }
}
