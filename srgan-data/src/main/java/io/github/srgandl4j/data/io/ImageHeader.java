package io.github.srgandl4j.data.io;

import java.nio.file.Path;

/**
 * What an image file's header says, read without decoding pixels.
 *
 * @param file the file
 * @param format its format
 * @param width width in pixels
 * @param height height in pixels
 */
public record ImageHeader(Path file, ImageFormat format, int width, int height) {
    /** Number of pixels the header claims. */
    public long pixels() {
        return (long) width * height;
    }
}
