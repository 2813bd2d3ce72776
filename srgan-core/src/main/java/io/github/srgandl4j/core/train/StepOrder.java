package io.github.srgandl4j.core.train;

import java.util.Locale;

/**
 * The order of the two updates of an adversarial iteration.
 *
 * <ul>
 *   <li>{@link #DISCRIMINATOR_FIRST} (the paper's, and PyTorch SRGAN ports'): the generator's forward pass
 *       makes the fakes, the discriminator takes its step on them, then the generator takes its step against
 *       the updated discriminator. The generator's forward pass runs twice per iteration here (once for the
 *       fakes, once inside its training step), because a SameDiff training step cannot reuse activations of
 *       an earlier call.</li>
 *   <li>{@link #GENERATOR_FIRST} (BasicSR's ESRGAN and Real-ESRGAN): the generator takes its step against the
 *       discriminator of the previous iteration, and the discriminator then takes its step on the fakes that
 *       same step computed (before the generator's update, as BasicSR's detached output). One generator
 *       forward pass per iteration fewer; the generator sees a discriminator half an iteration older.</li>
 * </ul>
 * Both use the same batch in both steps. A run may change the order when it is resumed.
 */
public enum StepOrder {
    DISCRIMINATOR_FIRST("d-first"),
    GENERATOR_FIRST("g-first");

    private final String id;

    StepOrder(String id) {
        this.id = id;
    }

    /** The command-line name: {@code d-first} or {@code g-first}. */
    public String id() {
        return id;
    }

    /** Parses {@code d-first} or {@code g-first} (case-insensitive). */
    public static StepOrder parse(String s) {
        for (StepOrder o : values()) {
            if (o.id.equals(s.trim().toLowerCase(Locale.ROOT))) {
                return o;
            }
        }
        throw new IllegalArgumentException("step order must be d-first or g-first, got '" + s + "'");
    }
}
