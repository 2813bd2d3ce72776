package io.github.srgandl4j.data.io;

import io.github.srgandl4j.core.io.AtomicFiles;
import io.github.srgandl4j.core.image.ImageData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes {@link ImageData} as PNG: grey or RGB, with alpha if the image has it, at the image's
 * bit depth (8 or 16) unless told otherwise. Samples are clamped to [0, 1] and rounded. The file
 * appears atomically: it is written to a temporary file in the same folder and then moved into
 * place, so a failure never leaves a half-written image.
 */
public final class PngWriter {
    private PngWriter() {}

    /** Writes {@code image} to {@code file} at the image's bit depth, replacing an existing file. */
    public static void write(ImageData image, Path file) throws IOException {
        write(image, file, image.bitDepth());
    }

    /** Writes {@code image} to {@code file} with {@code bitDepth} bits per sample (8 or 16). */
    public static void write(ImageData image, Path file, int bitDepth) throws IOException {
        BufferedImage bi = image.toBufferedImage(bitDepth);
        AtomicFiles.write(file, tmp -> {
            if (!ImageIO.write(bi, "png", tmp.toFile())) {
                throw new IOException(file + ": no PNG writer accepts " + image);
            }
        });
    }
}
