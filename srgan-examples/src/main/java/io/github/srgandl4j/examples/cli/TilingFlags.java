package io.github.srgandl4j.examples.cli;

import io.github.srgandl4j.core.upscale.TilingOptions;
import picocli.CommandLine;

/** {@code --tile} and {@code --tile-pad}: how large images are cut for the network. */
final class TilingFlags {
    @CommandLine.Option(names = "--tile", paramLabel = "N",
            description = "Tile side in LR pixels; memory grows with its square (default: " + TilingOptions.DEFAULT_TILE + ").")
    int tile = TilingOptions.DEFAULT_TILE;

    @CommandLine.Option(names = "--tile-pad", paramLabel = "N",
            description = "LR pixels of context around each tile; at least the model's receptive radius gives exactly the"
                    + " whole-image result (default: " + TilingOptions.DEFAULT_PAD + ").")
    int tilePad = TilingOptions.DEFAULT_PAD;

    TilingOptions options(CommandLine cl) {
        try {
            return new TilingOptions(tile, tilePad);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }
}
