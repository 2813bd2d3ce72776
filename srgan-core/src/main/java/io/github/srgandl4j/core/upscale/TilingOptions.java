package io.github.srgandl4j.core.upscale;

/**
 * How large images are cut into tiles for inference.
 *
 * @param tileSize side of a tile in LR pixels (before padding); memory per forward pass grows with
 *     its square
 * @param tilePad context added on each side of a tile, in LR pixels, cropped away after inference;
 *     at least the model's receptive radius gives output identical to a whole-image pass
 * @param border what a tile at the image border is padded with
 */
public record TilingOptions(int tileSize, int tilePad, Border border) {
    /** What the network sees beyond the image border. */
    public enum Border {
        /**
         * The image reflected at its border, {@code tilePad} LR pixels wide (default; Real-ESRGAN's
         * pre-padding): flat areas stay flat up to the edge.
         */
        REFLECT,
        /**
         * Nothing added: the network's own zero padding, exactly as one pass of the framework over
         * the whole image (to reproduce a reference output, e.g. PyTorch's).
         */
        ZERO
    }

    /** Default tile side (LR pixels), chosen by measurement of speed and memory (docs/upscaling.md). */
    public static final int DEFAULT_TILE = 192;
    /** Default padding (LR pixels), chosen by measurement to keep seams below 1/255 (docs/upscaling.md). */
    public static final int DEFAULT_PAD = 16;

    /** Tiling with reflection at the image border. */
    public TilingOptions(int tileSize, int tilePad) {
        this(tileSize, tilePad, Border.REFLECT);
    }

    public TilingOptions {
        java.util.Objects.requireNonNull(border, "border");
        if (tileSize < 8) {
            throw new IllegalArgumentException("tile size must be >= 8 LR pixels, got " + tileSize);
        }
        if (tilePad < 0) {
            throw new IllegalArgumentException("tile padding must be >= 0, got " + tilePad);
        }
    }

    public static TilingOptions defaults() {
        return new TilingOptions(DEFAULT_TILE, DEFAULT_PAD);
    }
}
