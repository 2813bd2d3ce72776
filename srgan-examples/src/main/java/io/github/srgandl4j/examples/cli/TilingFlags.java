package io.github.srgandl4j.examples.cli;

import io.github.srgandl4j.core.image.BackProjection;
import io.github.srgandl4j.core.upscale.TilingOptions;
import picocli.CommandLine;

/**
 * {@code --tile}, {@code --tile-pad} and {@code --border}: how large images are cut for the network; and
 * {@code --back-projection}, applied to each tile.
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

    @CommandLine.Option(names = "--back-projection", paramLabel = "N",
            description = "Iterations of back-projection: correct each tile's output so that, downscaled with MATLAB's"
                    + " bicubic, it matches the input (removes brightness and colour offsets, keeps detail; 0 to "
                    + BackProjection.MAX_ITERATIONS + "; default: " + BackProjection.DEFAULT_ITERATIONS + " for a"
                    + " network, none for bicubic; 0 gives the network's own output; docs/upscaling.md).")
    Integer backProjectionFlag;

    /** Iterations for a network: {@code --back-projection}, or {@link BackProjection#DEFAULT_ITERATIONS}. */
    int backProjection() {
        return backProjectionFlag == null ? BackProjection.DEFAULT_ITERATIONS : backProjectionFlag;
    }

    /** Whether {@code --back-projection} asked for iterations (refused where no network upscales). */
    boolean backProjectionAsked() {
        return backProjectionFlag != null && backProjectionFlag > 0;
    }

    /** The tiling; also checks {@code --back-projection} (a usage error before any work). */
    TilingOptions options(CommandLine cl) {
        TilingOptions.Border b = switch (border) {
            case "reflect" -> TilingOptions.Border.REFLECT;
            case "zero" -> TilingOptions.Border.ZERO;
            default -> throw new CommandLine.ParameterException(cl, "--border must be reflect or zero, got " + border);
        };
        if (backProjectionFlag != null && (backProjectionFlag < 0 || backProjectionFlag > BackProjection.MAX_ITERATIONS)) {
            throw new CommandLine.ParameterException(cl, "--back-projection must be 0 to " + BackProjection.MAX_ITERATIONS
                    + ", got " + backProjectionFlag);
        }
        try {
            return new TilingOptions(tile, tilePad, b);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }
}
