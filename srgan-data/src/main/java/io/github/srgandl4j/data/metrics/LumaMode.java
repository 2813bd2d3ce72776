package io.github.srgandl4j.data.metrics;

/** How the Y channel is taken for PSNR/SSIM. */
public enum LumaMode {
    /**
     * The field's MATLAB protocol: RGB taken as 8-bit values, Y of BT.601 ({@code rgb2ycbcr})
     * rounded to an 8-bit integer. The default; matches published tables.
     */
    UINT8,
    /** Y of BT.601 from the unquantised samples, not rounded (as some Python evaluations do). */
    FLOAT
}
