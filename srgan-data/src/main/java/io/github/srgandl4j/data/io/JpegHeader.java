package io.github.srgandl4j.data.io;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a JPEG's first start-of-frame segment: size and number of colour components.
 *
 * @param width width in pixels
 * @param height height in pixels (0 if defined by a later DNL segment)
 * @param components 1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK
 */
record JpegHeader(int width, int height, int components) {

    /** The component count of the first frame, or -1 if no start-of-frame segment is found. */
    static int components(Path file) throws IOException {
        JpegHeader h = read(file);
        return h == null ? -1 : h.components();
    }

    /** The first frame header, or null if none is found before the first scan or the end. */
    static JpegHeader read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            if (in.readUnsignedByte() != 0xFF || in.readUnsignedByte() != 0xD8) {
                return null;
            }
            while (true) {
                int b = in.readUnsignedByte();
                if (b != 0xFF) {
                    return null;
                }
                int marker = in.readUnsignedByte();
                while (marker == 0xFF) {
                    marker = in.readUnsignedByte();
                }
                if (marker == 0xD8 || marker >= 0xD0 && marker <= 0xD7 || marker == 0x01) {
                    continue; // no length
                }
                if (marker == 0xD9 || marker == 0xDA) {
                    return null; // end of image or start of scan before any frame
                }
                int len = in.readUnsignedShort();
                if (len < 2) {
                    return null;
                }
                boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
                if (sof) {
                    in.readUnsignedByte(); // precision
                    int h = in.readUnsignedShort();
                    int w = in.readUnsignedShort();
                    return new JpegHeader(w, h, in.readUnsignedByte());
                }
                in.skipNBytes(len - 2L);
            }
        } catch (EOFException e) {
            return null;
        }
    }
}
