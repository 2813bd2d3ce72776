package io.github.srgandl4j.examples.cli;

import io.github.srgandl4j.core.upscale.TilingOptions;
import picocli.CommandLine;

/**
 * {@code --tile}, {@code --tile-pad} and {@code --border}: how large images are cut for the network; and
 * {@code --back-projection} and {@code --self-ensemble}, applied to each tile.
 */
final class TilingFlags {
    @CommandLine.Option(names = "--tile", paramLabel = "N",
            description = "Tile side in LR pixels; memory grows with its square (default: " + TilingOptions.DEFAULT_TILE + ").")
    int tile = TilingOptions.DEFAULT_TILE;

    @CommandLine.Option(names = "--tile-pad", paramLabel = "N",
            description = "LR pixels of context around each tile; at least the model's receptive radius gives exactly the"
                    + " whole-image result (default: " + TilingOptions.DEFAULT_PAD + ").")
    int tilePad = TilingOptions.DEFAULT_PAD;

    @CommandLine.Option(names = "--border", paramLabel = "reflect|zero",
            description = "What tiles at the image border are padded with: reflect (the image mirrored, flat areas stay"
                    + " flat to the edge) or zero (the network's zero padding, as one whole-image pass in the model's"
                    + " own framework) (default: reflect).")
    String border = "reflect";

    @CommandLine.Mixin
    BackProjectionFlag backProjection = new BackProjectionFlag();

    @CommandLine.Option(names = "--self-ensemble",
            description = "Geometric self-ensemble: run the network on the 8 flips and transposes of each tile and average"
                    + " the outputs mapped back (EDSR's \"+\" results): usually a little more PSNR for 8 times the"
                    + " network's work (docs/upscaling.md).")
    boolean selfEnsemble;

    /** The tiling; also checks {@code --back-projection} (a usage error before any work). */
    TilingOptions options(CommandLine cl) {
        TilingOptions.Border b = switch (border) {
            case "reflect" -> TilingOptions.Border.REFLECT;
            case "zero" -> TilingOptions.Border.ZERO;
            default -> throw new CommandLine.ParameterException(cl, "--border must be reflect or zero, got " + border);
        };
        backProjection.check(cl);
        try {
            return new TilingOptions(tile, tilePad, b);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }
}
