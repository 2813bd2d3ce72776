package io.github.srgandl4j.losses;

import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A content loss plus a penalty on the periodic grid of a pixel-shuffle generator:
 * {@code main + gridWeight * phaseBias(sr, hr, period)} ({@link Losses#phaseBias}: the variance over the
 * {@code period x period} pixel phases of the mean error at each phase; with {@code centred} false their mean
 * square, the definition the bundled {@code srgan} was trained with).
 *
 * <p>Not in the paper. Measured here (docs/results.md): SRGAN training with a VGG22 content loss and a strong
 * adversarial term grows a fixed pattern repeating every 4 output pixels (up to about +-3 grey levels by phase
 * on Set14), which the VGG loss and the discriminator did not remove and a pixel MSE weighs too little (by its
 * square, ~2e-4 in [-1, 1] units against an error of ~1e-2). This term sees only that pattern: the phase means of an
 * error without it are zero in expectation, so real texture is not pulled towards the mean. Graph names for
 * {@code build(sd, name, ...)}: {@code name/main}, {@code name/grid} and the total {@code name}.
 *
 * @param main       the content loss (a VGG loss, usually pixel-anchored)
 * @param period     the pattern's period in pixels: the generator's scale factor
 * @param gridWeight weight of the penalty (finite, > 0)
 * @param centred    phase means centred on their mean (true: an overall offset is not a grid)
 */
public record GridPenaltyContentLoss(NamedContentLoss main, int period, double gridWeight, boolean centred)
        implements NamedContentLoss {
    /** The centred penalty. */
    public GridPenaltyContentLoss(NamedContentLoss main, int period, double gridWeight) {
        this(main, period, gridWeight, true);
    }

    /** Validates the arguments. */
    public GridPenaltyContentLoss {
        Objects.requireNonNull(main, "main");
        if (period < 2) {
            throw new IllegalArgumentException("grid period must be >= 2 pixels, got " + period);
        }
        Losses.requirePositive("grid penalty weight", gridWeight);
    }

    @Override
    public SDVariable build(SameDiff sd, String name, SDVariable sr, SDVariable hr) {
        SDVariable m = main.build(sd, name + "/main", sr, hr);
        SDVariable grid = Losses.phaseBias(sd, name + "/grid", sr, hr, 3, period, centred);
        return m.add(name, grid.mul(gridWeight));
    }

    @Override
    public String describe() {
        return main.describe() + " + " + gridWeight + " x phase bias (period " + period + (centred ? "" : ", uncentred") + ")";
    }
}
