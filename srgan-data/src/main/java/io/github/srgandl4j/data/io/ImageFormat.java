package io.github.srgandl4j.data.io;

import java.util.Locale;
import java.util.Optional;

/** The image file formats that {@link ImageLoader} reads, recognised by their leading bytes. */
public enum ImageFormat {
    PNG,
    JPEG,
    BMP,
    TIFF;

    /** Number of leading bytes {@link #sniff} and {@link #nameOfUnsupported} look at. */
    public static final int SNIFF_BYTES = 16;

    /** The supported format whose signature starts {@code head}, if any. */
    public static Optional<ImageFormat> sniff(byte[] head, int length) {
        if (startsWith(head, length, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, length, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, length, 'B', 'M')) {
            return Optional.of(BMP);
        }
        if (startsWith(head, length, 'I', 'I', 42, 0) || startsWith(head, length, 'M', 'M', 0, 42)) {
            return Optional.of(TIFF);
        }
        return Optional.empty();
    }

    /**
     * The name of a recognised image format that is not supported (GIF, WebP, ...), or empty when
     * the bytes are not a known image signature at all.
     */
    public static Optional<String> nameOfUnsupported(byte[] head, int length) {
        if (startsWith(head, length, 'G', 'I', 'F', '8')) {
            return Optional.of("GIF");
        }
        if (startsWith(head, length, 'R', 'I', 'F', 'F') && length >= 12 && head[8] == 'W' && head[9] == 'E'
                && head[10] == 'B' && head[11] == 'P') {
            return Optional.of("WebP");
        }
        if (length >= 12 && head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p') {
            String brand = new String(head, 8, 4, java.nio.charset.StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
            if (brand.startsWith("heic") || brand.startsWith("heix") || brand.startsWith("mif1")) {
                return Optional.of("HEIF/HEIC");
            }
            if (brand.startsWith("avif")) {
                return Optional.of("AVIF");
            }
        }
        if (startsWith(head, length, 0x00, 0x00, 0x00, 0x0C, 'j', 'P', ' ', ' ')) {
            return Optional.of("JPEG 2000");
        }
        if (startsWith(head, length, 0xFF, 0x0A)) {
            return Optional.of("JPEG XL");
        }
        if (startsWith(head, length, '8', 'B', 'P', 'S')) {
            return Optional.of("PSD");
        }
        if (startsWith(head, length, 'P', '1') || startsWith(head, length, 'P', '2') || startsWith(head, length, 'P', '3')
                || startsWith(head, length, 'P', '4') || startsWith(head, length, 'P', '5')
                || startsWith(head, length, 'P', '6')) {
            if (length >= 3 && Character.isWhitespace(head[2])) {
                return Optional.of("PNM (PBM/PGM/PPM)");
            }
        }
        if (startsWith(head, length, 0x00, 0x00, 0x01, 0x00)) {
            return Optional.of("ICO");
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] head, int length, int... sig) {
        if (length < sig.length) {
            return false;
        }
        for (int i = 0; i < sig.length; i++) {
            if ((head[i] & 0xFF) != sig[i]) {
                return false;
            }
        }
        return true;
    }
}
