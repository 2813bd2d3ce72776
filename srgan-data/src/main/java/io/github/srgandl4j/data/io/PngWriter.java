package io.github.srgandl4j.data.io;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.io.AtomicFiles;
import io.github.srgandl4j.core.upscale.RowSink;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@link ImageData} as PNG: grey or RGB, with alpha if the image has it, at the image's
 * bit depth (8 or 16) unless told otherwise. Samples are clamped to [0, 1] and rounded; NaN or
 * infinite samples are refused ({@link PngEncoder.NonFiniteSampleException}). The file appears
 * atomically: it is written to a temporary file in the same folder and then moved into place, so
 * a failure never leaves a half-written image. {@link #stream} writes an image that arrives band
 * by band (for example from {@code Upscaler.upscale(ImageSource, RowSink)}) without holding it.
 *
 * <p>Failures of the file system name the file and the reason, e.g. {@code cannot write
 * out/x.png: permission denied} ({@link WriteFailures}).
 */
public final class PngWriter {
    private PngWriter() {}

    /** Produces the rows of an image streamed to a file. */
    @FunctionalInterface
    public interface RowProducer {
        /** Hands every row, top to bottom, to {@code sink}. */
        void writeTo(RowSink sink) throws IOException;
    }

    /** Writes {@code image} to {@code file} at the image's bit depth, replacing an existing file. */
    public static void write(ImageData image, Path file) throws IOException {
        write(image, file, image.bitDepth());
    }

    /** Writes {@code image} to {@code file} with {@code bitDepth} bits per sample (8 or 16). */
    public static void write(ImageData image, Path file, int bitDepth) throws IOException {
        stream(file, image.width(), image.height(), image.channels(), image.hasAlpha(), bitDepth,
                sink -> sink.accept(image));
    }

    /**
     * Writes a PNG of the given layout whose rows {@code rows} produces band by band. If the
     * producer throws, or hands on fewer rows than {@code height}, no file is left.
     *
     * @param channels 1 (grey) or 3 (RGB), alpha not counted
     */
    public static void stream(Path file, int width, int height, int channels, boolean alpha, int bitDepth,
            RowProducer rows) throws IOException {
        try {
            AtomicFiles.write(file, tmp -> {
                try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                    PngEncoder enc = new PngEncoder(os, width, height, channels, alpha, bitDepth);
                    rows.writeTo(enc);
                    enc.finish();
                }
            });
        } catch (IOException e) {
            throw WriteFailures.describe(file, e);
        }
    }
}
