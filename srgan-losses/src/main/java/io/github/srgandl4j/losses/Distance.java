package io.github.srgandl4j.losses;

import java.util.Locale;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** How two tensors are compared in a content loss: mean squared error (the paper's) or mean absolute error (L1, ESRGAN's). */
public enum Distance {
    /** {@code mean((a - b)^2)}, {@link Losses#mse}. */
    MSE,
    /** {@code mean(|a - b|)}, {@link Losses#l1}. */
    L1;

    /** Adds the distance of {@code a} and {@code b} to {@code sd} as a scalar named {@code name}. */
    public SDVariable build(SameDiff sd, String name, SDVariable a, SDVariable b) {
        return this == MSE ? Losses.mse(sd, name, a, b) : Losses.l1(sd, name, a, b);
    }

    /** {@code mse} or {@code l1}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code mse} or {@code l1} (case-insensitive); the error names the text. */
    public static Distance parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "mse":
                return MSE;
            case "l1":
                return L1;
            default:
                throw new IllegalArgumentException("distance must be mse or l1, got '" + text + "'");
        }
    }
}
