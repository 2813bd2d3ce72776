package io.github.srgandl4j.core.image;

/**
 * What {@link BicubicResize} does with the samples between and after its two 1-D passes.
 *
 * <p>{@link #UINT8} is MATLAB's {@code imresize} on a {@code uint8} image: after each pass the
 * values are rounded half away from zero and saturated to 0..255. It reproduces the standard
 * bicubic LR benchmark files bit-exactly. {@link #UINT16} is the same on 16-bit samples.
 * {@link #NONE} keeps doubles between the passes and returns unclamped floats (MATLAB on a
 * {@code double} image), for alpha planes and non-rounded use.
 */
public enum Rounding {
    /** Round to 8-bit levels after each pass (MATLAB on uint8). */
    UINT8(255),
    /** Round to 16-bit levels after each pass (MATLAB on uint16). */
    UINT16(65535),
    /** No rounding or clamping (MATLAB on double). */
    NONE(0);

    private final int maxLevel;

    Rounding(int maxLevel) {
        this.maxLevel = maxLevel;
    }

    /** The largest integer level (255 or 65535), 0 for {@link #NONE}. */
    public int maxLevel() {
        return maxLevel;
    }

    /** The integer rounding matching a source bit depth (8 or 16). */
    public static Rounding forBitDepth(int bitDepth) {
        return switch (bitDepth) {
            case 8 -> UINT8;
            case 16 -> UINT16;
            default -> throw new IllegalArgumentException("bit depth must be 8 or 16, got " + bitDepth);
        };
    }
}
