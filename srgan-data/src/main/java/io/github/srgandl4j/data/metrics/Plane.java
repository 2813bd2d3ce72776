package io.github.srgandl4j.data.metrics;

/**
 * A single-channel image of doubles, row-major, used by the metrics.
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param values {@code height * width} samples
 */
public record Plane(int width, int height, double[] values) {
    public Plane {
        if (width <= 0 || height <= 0 || values.length != (long) width * height) {
            throw new IllegalArgumentException("plane " + width + "x" + height + " with " + values.length + " values");
        }
    }

    /** The plane without {@code border} pixels on every side. */
    public Plane shave(int border) {
        if (border < 0) {
            throw new IllegalArgumentException("border must be >= 0, got " + border);
        }
        if (border == 0) {
            return this;
        }
        int w = width - 2 * border;
        int h = height - 2 * border;
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("cannot shave " + border + " pixels from a " + width + "x" + height + " image");
        }
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(values, (y + border) * width + border, out, y * w, w);
        }
        return new Plane(w, h, out);
    }
}
