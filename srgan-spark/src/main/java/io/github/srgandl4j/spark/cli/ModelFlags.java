package io.github.srgandl4j.spark.cli;

import io.github.srgandl4j.core.image.BackProjection;
import io.github.srgandl4j.core.upscale.TilingOptions;
import io.github.srgandl4j.spark.ModelSource;
import picocli.CommandLine;

/**
 * {@code --input-range}, {@code --output-range}, {@code --tile}, {@code --tile-pad}, {@code --back-projection}: as
 * {@code srgan upscale}.
 */
final class ModelFlags {
    @CommandLine.Option(names = "--input-range", paramLabel = "MIN,MAX",
            description = "Input value range of an imported .onnx model, e.g. 0,1 (default) or -1,1.")
    String inputRange;

    @CommandLine.Option(names = "--output-range", paramLabel = "MIN,MAX",
            description = "Output value range of an imported .onnx model, e.g. 0,1 (default) or -1,1 (tanh).")
    String outputRange;

    @CommandLine.Option(names = "--tile", paramLabel = "N",
            description = "Tile side in LR pixels; executor memory grows with its square (default: " + TilingOptions.DEFAULT_TILE + ").")
    int tile = TilingOptions.DEFAULT_TILE;

    @CommandLine.Option(names = "--tile-pad", paramLabel = "N",
            description = "LR pixels of context around each tile (default: " + TilingOptions.DEFAULT_PAD + ").")
    int tilePad = TilingOptions.DEFAULT_PAD;

    @CommandLine.Option(names = "--back-projection", paramLabel = "N",
            description = "Iterations of back-projection on each tile, as srgan upscale (0 to "
                    + BackProjection.MAX_ITERATIONS + "; default: " + BackProjection.DEFAULT_ITERATIONS + " for a network,"
                    + " none for bicubic; 0 gives the network's own output).")
    Integer backProjection;

    /** The model source; usage error (exit 2) for misplaced or malformed range flags. */
    ModelSource source(CommandLine cl, String model) {
        try {
            return new ModelSource(model, inputRange, outputRange);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }

    boolean rangesGiven() {
        return inputRange != null || outputRange != null;
    }

    TilingOptions tiling(CommandLine cl) {
        if (backProjection != null && (backProjection < 0 || backProjection > BackProjection.MAX_ITERATIONS)) {
            throw new CommandLine.ParameterException(cl, "--back-projection must be 0 to " + BackProjection.MAX_ITERATIONS
                    + ", got " + backProjection);
        }
        try {
            return new TilingOptions(tile, tilePad);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }
}
