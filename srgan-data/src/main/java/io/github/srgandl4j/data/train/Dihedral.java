package io.github.srgandl4j.data.train;

/**
 * The 8 symmetries of a square: a rotation by {@code 90 * quarterTurns} degrees
 * counter-clockwise, optionally followed by a left-right flip. Applied identically to the LR and
 * HR crops of a sample, they keep the two aligned.
 */
public enum Dihedral {
    IDENTITY(0, false),
    ROT90(1, false),
    ROT180(2, false),
    ROT270(3, false),
    FLIP(0, true),
    ROT90_FLIP(1, true),
    ROT180_FLIP(2, true),
    ROT270_FLIP(3, true);

    private final int quarterTurns;
    private final boolean flip;

    Dihedral(int quarterTurns, boolean flip) {
        this.quarterTurns = quarterTurns;
        this.flip = flip;
    }

    public int quarterTurns() {
        return quarterTurns;
    }

    public boolean flip() {
        return flip;
    }

    /** The transform with the given rotation and flip. */
    public static Dihedral of(int quarterTurns, boolean flip) {
        return values()[(quarterTurns & 3) + (flip ? 4 : 0)];
    }

    /**
     * Writes the transformed {@code channels x n x n} planar square {@code src} into {@code dst}
     * at {@code dstOffset}, mapping each sample through {@code range}.
     */
    public void apply(float[] src, int channels, int n, float[] dst, int dstOffset, SampleRange range) {
        int plane = n * n;
        for (int c = 0; c < channels; c++) {
            int sBase = c * plane;
            int dBase = dstOffset + c * plane;
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    // output (y, x) after flip comes from rotated (y, xr)
                    int xr = flip ? n - 1 - x : x;
                    int sy;
                    int sx;
                    switch (quarterTurns) {
                        case 0 -> {
                            sy = y;
                            sx = xr;
                        }
                        case 1 -> { // counter-clockwise: rotated(y, x) = src(x, n-1-y)
                            sy = xr;
                            sx = n - 1 - y;
                        }
                        case 2 -> {
                            sy = n - 1 - y;
                            sx = n - 1 - xr;
                        }
                        default -> { // 270 ccw = 90 cw: rotated(y, x) = src(n-1-x, y)
                            sy = n - 1 - xr;
                            sx = y;
                        }
                    }
                    dst[dBase + y * n + x] = range.map(src[sBase + sy * n + sx]);
                }
            }
        }
    }
}
