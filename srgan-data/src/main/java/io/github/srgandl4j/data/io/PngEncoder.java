package io.github.srgandl4j.data.io;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.upscale.RowSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Encodes a PNG image row band by row band onto a stream: the header first, then each band of
 * rows filtered (Paeth) and deflated into IDAT chunks as it arrives, then the end chunk. Only one
 * band and one compressed chunk are in memory, so images of any size can be written. Grey, grey +
 * alpha, RGB and RGB + alpha, 8 or 16 bits per sample; samples are clamped to [0, 1] and rounded
 * as {@link ImageData#toUint8(float)} / {@link ImageData#toUint16(float)} do.
 *
 * <p>A sample that is NaN or infinite is refused ({@link NonFiniteSampleException}): written, it
 * would silently become black.
 */
public final class PngEncoder implements RowSink {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int CHUNK = 1 << 16;

    /** A sample to be written is NaN or infinite. */
    public static final class NonFiniteSampleException extends IOException {
        private static final long serialVersionUID = 1L;

        NonFiniteSampleException(String message) {
            super(message);
        }
    }

    private final OutputStream out;
    private final int width;
    private final int height;
    private final int channels;
    private final boolean alpha;
    private final int bitDepth;
    private final int bpp;
    private final DeflaterOutputStream idat;
    private final Deflater deflater = new Deflater(6);
    private byte[] prev;
    private byte[] cur;
    private final byte[] filtered;
    private int rowsWritten;

    /**
     * Writes the signature and header.
     *
     * @param channels 1 (grey) or 3 (RGB), without alpha
     * @param bitDepth 8 or 16
     */
    public PngEncoder(OutputStream out, int width, int height, int channels, boolean alpha, int bitDepth)
            throws IOException {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (bitDepth != 8 && bitDepth != 16) {
            throw new IllegalArgumentException("bit depth must be 8 or 16, got " + bitDepth);
        }
        this.out = out;
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.alpha = alpha;
        this.bitDepth = bitDepth;
        int samples = channels + (alpha ? 1 : 0);
        this.bpp = samples * bitDepth / 8;
        long rowBytes = (long) width * bpp;
        if (rowBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a PNG row of " + width + " pixels is too long");
        }
        this.prev = new byte[(int) rowBytes];
        this.cur = new byte[(int) rowBytes];
        this.filtered = new byte[(int) rowBytes + 1];
        out.write(SIGNATURE);
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        writeInt(ihdr, width);
        writeInt(ihdr, height);
        ihdr.write(bitDepth);
        ihdr.write(channels == 1 ? (alpha ? 4 : 0) : (alpha ? 6 : 2));
        ihdr.write(0); // deflate
        ihdr.write(0); // adaptive filtering
        ihdr.write(0); // no interlace
        chunk("IHDR", ihdr.toByteArray(), ihdr.size());
        this.idat = new DeflaterOutputStream(new ChunkStream(), deflater, CHUNK);
    }

    /** Rows written so far. */
    public int rowsWritten() {
        return rowsWritten;
    }

    @Override
    public void accept(ImageData band) throws IOException {
        if (band.width() != width || band.channels() != channels || band.hasAlpha() != alpha) {
            throw new IllegalArgumentException("band " + band + " does not match the PNG's " + width + " pixels, "
                    + channels + " channel(s)" + (alpha ? " + alpha" : ""));
        }
        if (rowsWritten + band.height() > height) {
            throw new IllegalArgumentException("more rows than the PNG's height " + height);
        }
        float[] px = band.pixels();
        float[] a = alpha ? band.alpha() : null;
        int n = band.width() * band.height();
        for (int y = 0; y < band.height(); y++) {
            int at = 0;
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                for (int c = 0; c < channels; c++) {
                    at = put(px[c * n + p], at, x, c);
                }
                if (a != null) {
                    at = put(a[p], at, x, channels);
                }
            }
            filterPaeth();
            idat.write(filtered);
            byte[] t = prev;
            prev = cur;
            cur = t;
            rowsWritten++;
        }
    }

    /** Ends the image data and writes the end chunk; the stream is left open. */
    public void finish() throws IOException {
        if (rowsWritten != height) {
            throw new IllegalStateException("PNG has " + rowsWritten + " of " + height + " rows");
        }
        idat.finish();
        idat.flush();
        deflater.end();
        chunk("IEND", new byte[0], 0);
        out.flush();
    }

    /** Stores sample v of pixel x, channel c, of the current row (row {@code rowsWritten} of the image). */
    private int put(float v, int at, int x, int c) throws NonFiniteSampleException {
        if (!Float.isFinite(v)) {
            throw new NonFiniteSampleException(String.format(Locale.ROOT, "refusing to write a non-finite sample (%s) at"
                    + " pixel (%d, %d), channel %d: the image holds no valid value there", v, x, rowsWritten, c));
        }
        if (bitDepth == 8) {
            cur[at] = (byte) ImageData.toUint8(v);
            return at + 1;
        }
        int s = ImageData.toUint16(v);
        cur[at] = (byte) (s >>> 8);
        cur[at + 1] = (byte) s;
        return at + 2;
    }

    private void filterPaeth() {
        filtered[0] = 4;
        for (int i = 0; i < cur.length; i++) {
            int a = i >= bpp ? cur[i - bpp] & 0xFF : 0;
            int b = rowsWritten > 0 ? prev[i] & 0xFF : 0;
            int c = i >= bpp && rowsWritten > 0 ? prev[i - bpp] & 0xFF : 0;
            int p = a + b - c;
            int pa = Math.abs(p - a);
            int pb = Math.abs(p - b);
            int pc = Math.abs(p - c);
            int pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
            filtered[i + 1] = (byte) (cur[i] - pred);
        }
    }

    private void chunk(String type, byte[] data, int len) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data, 0, len);
        writeInt(out, len);
        out.write(t);
        out.write(data, 0, len);
        writeInt(out, (int) crc.getValue());
    }

    private static void writeInt(OutputStream o, int v) throws IOException {
        o.write(v >>> 24);
        o.write(v >>> 16);
        o.write(v >>> 8);
        o.write(v);
    }

    /** Turns the deflated stream into IDAT chunks. */
    private final class ChunkStream extends OutputStream {
        private final byte[] buf = new byte[CHUNK];
        private int n;

        @Override
        public void write(int b) throws IOException {
            if (n == buf.length) {
                flush();
            }
            buf[n++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (n == buf.length) {
                    flush();
                }
                int k = Math.min(len, buf.length - n);
                System.arraycopy(b, off, buf, n, k);
                n += k;
                off += k;
                len -= k;
            }
        }

        @Override
        public void flush() throws IOException {
            if (n > 0) {
                chunk("IDAT", buf, n);
                n = 0;
            }
        }
    }
}
