package io.github.srgandl4j.data.io;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The application segments of a JPEG that change how its pixels are to be shown, read up to the
 * first scan: the Adobe APP14 marker (inverted CMYK, YCCK), the EXIF orientation (APP1) and an
 * embedded ICC profile (APP2, possibly in several chunks).
 *
 * @param adobeTransform -1 without an Adobe marker; else its transform (0 none/CMYK, 1 YCbCr, 2 YCCK)
 * @param orientation the EXIF orientation 1..8 (1 = upright, also when absent or invalid)
 * @param iccProfile the embedded ICC profile, or null
 */
record JpegMarkers(int adobeTransform, int orientation, byte[] iccProfile) {
    private static final byte[] EXIF = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] ICC = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] ADOBE = "Adobe".getBytes(StandardCharsets.ISO_8859_1);

    static JpegMarkers read(Path file) throws IOException {
        int adobe = -1;
        int orientation = 1;
        Map<Integer, byte[]> icc = new TreeMap<>();
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            if (in.readUnsignedByte() != 0xFF || in.readUnsignedByte() != 0xD8) {
                return new JpegMarkers(-1, 1, null);
            }
            while (true) {
                if (in.readUnsignedByte() != 0xFF) {
                    break;
                }
                int marker = in.readUnsignedByte();
                while (marker == 0xFF) {
                    marker = in.readUnsignedByte();
                }
                if (marker == 0xD8 || marker >= 0xD0 && marker <= 0xD7 || marker == 0x01) {
                    continue;
                }
                if (marker == 0xD9 || marker == 0xDA) {
                    break;
                }
                int len = in.readUnsignedShort();
                if (len < 2) {
                    break;
                }
                if (marker == 0xEE || marker == 0xE1 || marker == 0xE2) {
                    byte[] seg = in.readNBytes(len - 2);
                    if (marker == 0xEE && startsWith(seg, ADOBE) && seg.length >= 12) {
                        adobe = seg[11] & 0xFF;
                    } else if (marker == 0xE1 && startsWith(seg, EXIF)) {
                        orientation = exifOrientation(seg, EXIF.length);
                    } else if (marker == 0xE2 && startsWith(seg, ICC) && seg.length > ICC.length + 2) {
                        int seq = seg[ICC.length] & 0xFF;
                        icc.put(seq, java.util.Arrays.copyOfRange(seg, ICC.length + 2, seg.length));
                    }
                } else {
                    in.skipNBytes(len - 2L);
                }
            }
        } catch (EOFException e) {
            // a truncated header: what was found so far (the decoder reports the truncation)
        }
        byte[] profile = null;
        if (!icc.isEmpty()) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            icc.values().forEach(all::writeBytes);
            profile = all.toByteArray();
        }
        return new JpegMarkers(adobe, orientation, profile);
    }

    /** Tag 0x0112 of IFD0 of the TIFF structure at {@code off}; 1 if absent or invalid. */
    static int exifOrientation(byte[] b, int off) {
        if (b.length < off + 8) {
            return 1;
        }
        boolean little = b[off] == 'I' && b[off + 1] == 'I';
        if (!little && !(b[off] == 'M' && b[off + 1] == 'M')) {
            return 1;
        }
        long ifd = u32(b, off + 4, little);
        long n = off + ifd;
        if (n + 2 > b.length) {
            return 1;
        }
        int entries = u16(b, (int) n, little);
        for (int i = 0; i < entries; i++) {
            int e = (int) n + 2 + 12 * i;
            if (e + 12 > b.length) {
                return 1;
            }
            if (u16(b, e, little) == 0x0112) {
                int v = u16(b, e + 8, little);
                return v >= 1 && v <= 8 ? v : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int i, boolean little) {
        int x = b[i] & 0xFF;
        int y = b[i + 1] & 0xFF;
        return little ? x | y << 8 : x << 8 | y;
    }

    private static long u32(byte[] b, int i, boolean little) {
        long x = u16(b, i, little);
        long y = u16(b, i + 2, little);
        return little ? x | y << 16 : x << 16 | y;
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        if (a.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (a[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
