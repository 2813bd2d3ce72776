package io.github.srgandl4j.losses;

import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A content loss plus a weighted pixel term: {@code main + pixelWeight * mse(sr, hr)} (images in [-1, 1]), or
 * with {@link Distance#L1} {@code main + pixelWeight * mean(|sr - hr|)} (ESRGAN's pixel term).
 *
 * <p>Not in the paper's SRGAN (its content loss is VGG alone); common in public SRGAN reproductions, including the
 * PyTorch model this project imports as its reference (image MSE + perceptual + adversarial), where the pixel term
 * anchors colours and suppresses the periodic artifacts a VGG loss and a confident discriminator push the
 * generator towards. Graph names for {@code build(sd, name, ...)}: {@code name/main}, {@code name/pixel} and the
 * total {@code name}.
 *
 * @param main        the content loss anchored (usually a {@link VggContentLoss})
 * @param pixelWeight weight of the pixel term (finite, > 0)
 * @param distance    the pixel term: MSE (the default) or L1
 */
public record PixelAnchoredContentLoss(NamedContentLoss main, double pixelWeight, Distance distance) implements NamedContentLoss {
    /** Validates the arguments. */
    public PixelAnchoredContentLoss {
        Objects.requireNonNull(main, "main");
        Objects.requireNonNull(distance, "distance");
        Losses.requirePositive(distance == Distance.MSE ? "pixel MSE weight" : "pixel L1 weight", pixelWeight);
    }

    /** With the pixel MSE. */
    public PixelAnchoredContentLoss(NamedContentLoss main, double pixelWeight) {
        this(main, pixelWeight, Distance.MSE);
    }

    @Override
    public SDVariable build(SameDiff sd, String name, SDVariable sr, SDVariable hr) {
        SDVariable m = main.build(sd, name + "/main", sr, hr);
        SDVariable pixel = distance.build(sd, name + "/pixel", sr, hr);
        return m.add(name, pixel.mul(pixelWeight));
    }

    @Override
    public String describe() {
        return main.describe() + " + " + pixelWeight + " x " + distance.label();
    }
}
