package io.github.srgandl4j.data.io;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.upscale.ImageSource;
import io.github.srgandl4j.data.io.ImageReadException.Reason;
import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.apache.commons.imaging.Imaging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads PNG, JPEG, BMP and TIFF files into {@link ImageData}, refusing bad input with an
 * {@link ImageReadException} that names the file and the problem.
 *
 * <p>Decoders: javax.imageio for PNG (every colour type and bit depth), BMP, TIFF and YCbCr/grey
 * JPEG (baseline and progressive; it is also the more accurate of the two JPEG decoders); 4-channel
 * JPEG is read as raw samples and converted to RGB by {@link CmykJpeg} (CMYK, Adobe inverted CMYK,
 * Adobe YCCK). Decoder warnings (for instance a JPEG that ends early, which javax.imageio would
 * otherwise fill with grey) are errors.
 *
 * <p>Colour: a JPEG's embedded ICC profile is applied by javax.imageio (pixels converted to sRGB);
 * other formats' embedded profiles (PNG iCCP, TIFF) are not applied, and a CMYK JPEG's profile is
 * not applied either (see {@link CmykJpeg}). Output files carry no profile: they are sRGB.
 * A JPEG's EXIF orientation is applied (the image is turned upright as viewers show it).
 *
 * <p>Before any pixel buffer is allocated the header is read and an image claiming more than
 * {@link #maxPixels()} pixels is refused (default {@value #DEFAULT_MAX_PIXELS}), which protects
 * against decompression bombs and corrupt headers. Only the first image of a multi-image TIFF is
 * read. Instances are immutable and thread-safe.
 */
public final class ImageLoader {
    /** Default pixel limit: 100 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(ImageLoader.class);

    private final long maxPixels;

    /** A loader with the default pixel limit. */
    public ImageLoader() {
        this(DEFAULT_MAX_PIXELS);
    }

    /** A loader refusing images whose header claims more than {@code maxPixels} pixels. */
    public ImageLoader(long maxPixels) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    /** The pixel limit (width times height) above which images are refused. */
    public long maxPixels() {
        return maxPixels;
    }

    /** True if the file name ends with an extension of a supported format (case-insensitive). */
    public static boolean hasImageExtension(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".bmp")
                || n.endsWith(".tif") || n.endsWith(".tiff");
    }

    /**
     * Reads the header only: format and size. Checks everything {@link #read} checks before
     * decoding (existence, emptiness, signature, pixel limit).
     */
    public ImageHeader probe(Path file) throws ImageReadException {
        ImageFormat format = sniff(file);
        try (ImageInputStream in = open(file)) {
            ImageReader reader = readerFor(file, format, in);
            try {
                ImageHeader h = header(file, format, reader);
                if (format == ImageFormat.JPEG && jpegMarkers(file).orientation() >= 5) {
                    h = new ImageHeader(file, format, h.height(), h.width()); // shown turned by 90 degrees
                }
                return h;
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw asReadException(file, e);
        }
    }

    /** Decodes the file. */
    public ImageData read(Path file) throws ImageReadException {
        ImageData data = ImageData.fromBufferedImage(decodeImage(file));
        LOG.debug("read {}: {}", file, data);
        return data;
    }

    /**
     * Decodes the file and keeps it compact: the decoded image stays in its own form (for an
     * 8-bit RGB file 3 bytes per pixel) and is converted to float one band of rows at a time, as
     * {@link #read} would convert it. For streaming upscales of large images.
     */
    public ImageSource readSource(Path file) throws ImageReadException {
        return ImageSource.of(decodeImage(file));
    }

    private BufferedImage decodeImage(Path file) throws ImageReadException {
        ImageFormat format = sniff(file);
        BufferedImage img;
        try (ImageInputStream in = open(file)) {
            ImageReader reader = readerFor(file, format, in);
            try {
                header(file, format, reader);
                img = decode(file, format, reader);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw asReadException(file, e);
        }
        if (format == ImageFormat.JPEG) {
            int orientation = jpegMarkers(file).orientation();
            if (orientation != 1) {
                LOG.debug("{}: EXIF orientation {}, turned upright", file, orientation);
                img = Orientation.upright(img, orientation);
            }
        }
        return img;
    }

    // ---------------------------------------------------------------- steps

    private static ImageFormat sniff(Path file) throws ImageReadException {
        long size;
        try {
            if (Files.isDirectory(file)) {
                throw new ImageReadException(file, Reason.NOT_AN_IMAGE, "is a directory, not an image file");
            }
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new ImageReadException(file, Reason.NOT_FOUND, "file not found", e);
        } catch (ImageReadException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageReadException(file, Reason.IO_ERROR, "cannot read file: " + e, e);
        }
        if (size == 0) {
            throw new ImageReadException(file, Reason.EMPTY, "empty file (0 bytes), not an image");
        }
        byte[] head = new byte[ImageFormat.SNIFF_BYTES];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (AccessDeniedException e) {
            throw new ImageReadException(file, Reason.IO_ERROR, "permission denied", e);
        } catch (IOException e) {
            throw new ImageReadException(file, Reason.IO_ERROR, "cannot read file: " + e, e);
        }
        Optional<ImageFormat> format = ImageFormat.sniff(head, n);
        if (format.isPresent()) {
            return format.get();
        }
        Optional<String> other = ImageFormat.nameOfUnsupported(head, n);
        if (other.isPresent()) {
            throw new ImageReadException(file, Reason.UNSUPPORTED_FORMAT, "unsupported image format " + other.get()
                    + " (supported: PNG, JPEG, BMP, TIFF)");
        }
        throw new ImageReadException(file, Reason.NOT_AN_IMAGE, "not an image file: no PNG, JPEG, BMP or TIFF "
                + "signature (first bytes " + HexFormat.ofDelimiter(" ").formatHex(head, 0, n) + ")");
    }

    private static ImageInputStream open(Path file) throws ImageReadException {
        try {
            return new FileImageInputStream(file.toFile());
        } catch (IOException e) {
            throw new ImageReadException(file, Reason.IO_ERROR, "cannot open file: " + e, e);
        }
    }

    private static ImageReader readerFor(Path file, ImageFormat format, ImageInputStream in)
            throws ImageReadException {
        Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format.name().toLowerCase(Locale.ROOT));
        if (!it.hasNext()) {
            throw new ImageReadException(file, Reason.UNSUPPORTED_FORMAT, "no " + format + " decoder in this Java runtime");
        }
        ImageReader reader = it.next();
        reader.setInput(in, true, true);
        return reader;
    }

    private ImageHeader header(Path file, ImageFormat format, ImageReader reader) throws ImageReadException {
        if (format == ImageFormat.BMP) {
            // javax.imageio rejects some huge BMP headers with an arithmetic-overflow message; check first
            long[] wh = bmpSize(file);
            if (wh != null && wh[0] * wh[1] > maxPixels) {
                throw tooLarge(file, format, wh[0], wh[1]);
            }
        }
        if (format == ImageFormat.JPEG) {
            // javax.imageio reads on to the first scan before it reports the size; the frame header comes first
            JpegHeader jh = jpegHeader(file);
            if (jh != null && (long) jh.width() * jh.height() > maxPixels) {
                throw tooLarge(file, format, jh.width(), jh.height());
            }
        }
        int w;
        int h;
        try {
            w = reader.getWidth(0);
            h = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw new ImageReadException(file, Reason.CORRUPT, "truncated or corrupt " + format + " header: "
                    + describe(e), e);
        }
        if (w <= 0 || h <= 0) {
            throw new ImageReadException(file, Reason.CORRUPT, "corrupt " + format + " header: size " + w + "x" + h);
        }
        if ((long) w * h > maxPixels) {
            throw tooLarge(file, format, w, h);
        }
        return new ImageHeader(file, format, w, h);
    }

    private ImageReadException tooLarge(Path file, ImageFormat format, long w, long h) {
        return new ImageReadException(file, Reason.TOO_LARGE, String.format(Locale.ROOT,
                "%s header claims %dx%d = %.1f megapixels, more than the limit of %.1f megapixels "
                        + "(raise it with --max-megapixels, or ImageLoader(maxPixels), if the file is trusted)",
                format, w, h, w * h / 1e6, maxPixels / 1e6));
    }

    /** Width and height from a BMP info header (absolute values), or null if it is too short. */
    private static long[] bmpSize(Path file) throws ImageReadException {
        byte[] b = new byte[26];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(b, 0, b.length);
        } catch (IOException e) {
            throw new ImageReadException(file, Reason.IO_ERROR, "cannot read BMP header: " + describe(e), e);
        }
        if (n < 26) {
            return null;
        }
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int headerSize = bb.getInt(14);
        if (headerSize == 12) {
            return new long[] {bb.getShort(18) & 0xFFFF, bb.getShort(20) & 0xFFFF};
        }
        return new long[] {Math.abs((long) bb.getInt(18)), Math.abs((long) bb.getInt(22))};
    }

    private static BufferedImage decode(Path file, ImageFormat format, ImageReader reader) throws ImageReadException {
        if (format == ImageFormat.JPEG && jpegComponents(file) == 4) {
            // javax.imageio's CMYK colour conversion is wrong and Commons Imaging ignores the Adobe
            // marker (inverted CMYK, YCCK): read the raw samples and convert them here
            return decodeCmyk(file, format, reader);
        }
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        BufferedImage img;
        try {
            img = reader.read(0);
        } catch (IIOException e) {
            if (format == ImageFormat.JPEG && !isEndOfData(e) && isUnsupportedType(e)) {
                return decodeWithCommonsImaging(file, format, "javax.imageio: " + describe(e), e);
            }
            throw new ImageReadException(file, Reason.CORRUPT, "truncated or corrupt " + format + " data: "
                    + describe(e), e);
        } catch (IOException | RuntimeException e) {
            throw new ImageReadException(file, Reason.CORRUPT, "truncated or corrupt " + format + " data: "
                    + describe(e), e);
        }
        if (!warnings.isEmpty()) {
            throw new ImageReadException(file, Reason.CORRUPT, "truncated or corrupt " + format + " data: "
                    + String.join("; ", warnings));
        }
        if (img == null) {
            throw new ImageReadException(file, Reason.CORRUPT, "the " + format + " decoder returned no image");
        }
        return img;
    }

    private static BufferedImage decodeCmyk(Path file, ImageFormat format, ImageReader reader) throws ImageReadException {
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        java.awt.image.Raster raw;
        try {
            raw = reader.readRaster(0, null);
        } catch (IOException | RuntimeException e) {
            throw new ImageReadException(file, Reason.CORRUPT, "truncated or corrupt " + format + " data: "
                    + describe(e), e);
        }
        if (!warnings.isEmpty()) {
            throw new ImageReadException(file, Reason.CORRUPT, "truncated or corrupt " + format + " data: "
                    + String.join("; ", warnings));
        }
        if (raw.getNumBands() != 4) {
            throw new ImageReadException(file, Reason.CORRUPT, "4-channel JPEG decoded to " + raw.getNumBands() + " bands");
        }
        int transform = jpegMarkers(file).adobeTransform();
        LOG.debug("{}: {} JPEG, converted to RGB", file, transform < 0 ? "CMYK (no Adobe marker)"
                : transform == 2 ? "Adobe YCCK" : "Adobe (inverted) CMYK");
        return CmykJpeg.toRgb(raw, transform);
    }

    private static JpegMarkers jpegMarkers(Path file) throws ImageReadException {
        try {
            return JpegMarkers.read(file);
        } catch (IOException e) {
            throw new ImageReadException(file, Reason.IO_ERROR, "cannot read JPEG header: " + describe(e), e);
        }
    }

    /** JPEG colour types that javax.imageio refuses or mis-converts: Commons Imaging. */
    private static BufferedImage decodeWithCommonsImaging(Path file, ImageFormat format, String why, IOException first)
            throws ImageReadException {
        try {
            BufferedImage img = Imaging.getBufferedImage(file.toFile());
            if (img == null) {
                throw new IOException("no image returned");
            }
            LOG.debug("{}: decoded by Commons Imaging ({})", file, why);
            return img;
        } catch (IOException | RuntimeException e) {
            ImageReadException ex = new ImageReadException(file, Reason.UNSUPPORTED_FORMAT, "unsupported " + format
                    + " variant: " + why + "; Commons Imaging: " + describe(e) + " (Commons Imaging reads only "
                    + "baseline CMYK/YCCK JPEG); convert it to RGB, e.g. 'convert IN -colorspace sRGB OUT.png'", e);
            if (first != null) {
                ex.addSuppressed(first);
            }
            throw ex;
        }
    }

    private static int jpegComponents(Path file) throws ImageReadException {
        JpegHeader h = jpegHeader(file);
        return h == null ? -1 : h.components();
    }

    private static JpegHeader jpegHeader(Path file) throws ImageReadException {
        try {
            return JpegHeader.read(file);
        } catch (IOException e) {
            throw new ImageReadException(file, Reason.IO_ERROR, "cannot read JPEG header: " + describe(e), e);
        }
    }

    private static boolean isUnsupportedType(IIOException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("unsupported image type") || m.contains("unsupported color conversion")
                || m.contains("unsupported jpeg process") && !m.contains("progressive");
    }

    private static boolean isEndOfData(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            String m = t.getMessage();
            sb.append(t instanceof EOFException ? "unexpected end of file" : m == null ? t.getClass().getSimpleName() : m);
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }

    private static ImageReadException asReadException(Path file, IOException e) {
        if (e instanceof ImageReadException ire) {
            return ire;
        }
        return new ImageReadException(file, Reason.IO_ERROR, "I/O error: " + describe(e), e);
    }
}
