package io.github.srgandl4j.examples.cli;

import io.github.srgandl4j.core.image.BackProjection;
import picocli.CommandLine;

/**
 * {@code --back-projection N}, for the commands that upscale with a network (mixed into {@code TilingFlags}):
 * iterations of back-projection on each tile, by default
 * {@link BackProjection#DEFAULT_ITERATIONS} for a network and none for bicubic.
 */
final class BackProjectionFlag {
    @CommandLine.Option(names = "--back-projection", paramLabel = "N",
            description = "Iterations of back-projection: correct each tile's output so that, downscaled with MATLAB's"
                    + " bicubic, it matches the input (removes brightness and colour offsets, keeps detail; 0 to "
                    + BackProjection.MAX_ITERATIONS + "; default: " + BackProjection.DEFAULT_ITERATIONS + " for a"
                    + " network, none for bicubic; 0 gives the network's own output; docs/upscaling.md).")
    Integer given;

    /** Iterations for a network: the flag's value, or {@link BackProjection#DEFAULT_ITERATIONS}. */
    int iterations() {
        return BackProjection.orDefault(given);
    }

    /** Whether the flag asked for iterations (a usage error where no network upscales). */
    boolean asked() {
        return given != null && given > 0;
    }

    /** A usage error (exit 2) unless the given count is within 0 to {@value BackProjection#MAX_ITERATIONS}. */
    void check(CommandLine cl) {
        if (given != null && (given < 0 || given > BackProjection.MAX_ITERATIONS)) {
            throw new CommandLine.ParameterException(cl, "--back-projection must be 0 to " + BackProjection.MAX_ITERATIONS
                    + ", got " + given);
        }
    }
}
