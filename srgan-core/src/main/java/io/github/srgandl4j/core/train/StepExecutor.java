package io.github.srgandl4j.core.train;

import java.util.Locale;

/**
 * What runs a training graph's step.
 *
 * <ul>
 *   <li>{@link #COMPILED} (default): the graph's gradient ops from a fixed plan built at the first step, with
 *       arrays and native op contexts reused across steps (docs/performance.md, section 11). The same ops,
 *       optimizer and update order as {@code fit()}, except that a frozen convolution (the VGG19 of a content
 *       loss, the discriminator's copy in a generator step) computes its input gradient alone, as a forward
 *       convolution with the rotated kernel (section 12): equal within float rounding; tested against it.</li>
 *   <li>{@link #SAMEDIFF}: SameDiff's own {@code fit()}, which builds a new training session every step.</li>
 * </ul>
 * The choice changes speed and memory, not results beyond float rounding; a run may change it when it is resumed.
 */
public enum StepExecutor {
    COMPILED("compiled"),
    SAMEDIFF("samediff");

    private final String id;

    StepExecutor(String id) {
        this.id = id;
    }

    /** The command-line name: {@code compiled} or {@code samediff}. */
    public String id() {
        return id;
    }

    /** Parses {@code compiled} or {@code samediff} (case-insensitive). */
    public static StepExecutor parse(String s) {
        for (StepExecutor e : values()) {
            if (e.id.equals(s.trim().toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown step executor '" + s + "' (expected compiled or samediff)");
    }
}
