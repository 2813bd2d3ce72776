package io.github.srgandl4j.data.testing;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Builds JPEG files at test time: javax.imageio writes the pixels, application segments (Adobe
 * APP14, EXIF APP1, ICC APP2) are spliced in by hand right after the start-of-image marker, as
 * Photoshop, cameras and PIL place them.
 */
public final class JpegFiles {
    private JpegFiles() {}

    /** An RGB/grey image as a quality-1.0 JPEG. */
    public static byte[] encode(BufferedImage img) throws IOException {
        return encode(new IIOImage(img, null, null));
    }

    /** Four bands of raw samples (interleaved, 0..255) written without any colour conversion. */
    public static byte[] encode4(int[] samples, int w, int h) throws IOException {
        WritableRaster r = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        r.setPixels(0, 0, w, h, samples);
        return encode(new IIOImage(r, null, null));
    }

    private static byte[] encode(IIOImage img) throws IOException {
        ImageWriter wr = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (ImageOutputStream os = ImageIO.createImageOutputStream(bo)) {
            wr.setOutput(os);
            ImageWriteParam p = wr.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(1f);
            wr.write(null, img, p);
        } finally {
            wr.dispose();
        }
        return bo.toByteArray();
    }

    /** {@code jpeg} with a segment (marker, payload) inserted after SOI. */
    public static byte[] withSegment(byte[] jpeg, int marker, byte[] payload) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(jpeg, 0, 2);
        int len = payload.length + 2;
        o.write(0xFF);
        o.write(marker);
        o.write(len >> 8);
        o.write(len);
        o.writeBytes(payload);
        o.write(jpeg, 2, jpeg.length - 2);
        return o.toByteArray();
    }

    /** The Adobe APP14 payload with the given transform (0 CMYK, 1 YCbCr, 2 YCCK). */
    public static byte[] adobe(int transform) {
        return new byte[] {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) transform};
    }

    /** An EXIF APP1 payload holding only IFD0 with the orientation tag, big- or little-endian. */
    public static byte[] exifOrientation(int orientation, boolean littleEndian) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        byte[] tiff = new byte[8 + 2 + 12 + 4];
        tiff[0] = tiff[1] = (byte) (littleEndian ? 'I' : 'M');
        put16(tiff, 2, 42, littleEndian);
        put32(tiff, 4, 8, littleEndian);
        put16(tiff, 8, 1, littleEndian); // one entry
        put16(tiff, 10, 0x0112, littleEndian); // orientation
        put16(tiff, 12, 3, littleEndian); // SHORT
        put32(tiff, 14, 1, littleEndian); // count
        put16(tiff, 18, orientation, littleEndian);
        o.writeBytes(tiff);
        return o.toByteArray();
    }

    /** An ICC APP2 payload holding the whole profile in one chunk. */
    public static byte[] icc(byte[] profile) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes("ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1));
        o.write(1);
        o.write(1);
        o.writeBytes(profile);
        return o.toByteArray();
    }

    private static void put16(byte[] b, int i, int v, boolean le) {
        b[i] = (byte) (le ? v : v >> 8);
        b[i + 1] = (byte) (le ? v >> 8 : v);
    }

    private static void put32(byte[] b, int i, int v, boolean le) {
        if (le) {
            put16(b, i, v & 0xFFFF, true);
            put16(b, i + 2, v >>> 16, true);
        } else {
            put16(b, i, v >>> 16, false);
            put16(b, i + 2, v & 0xFFFF, false);
        }
    }
}
