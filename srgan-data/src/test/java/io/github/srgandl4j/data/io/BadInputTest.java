package io.github.srgandl4j.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.data.io.ImageReadException.Reason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of bad input is refused with an {@link ImageReadException} naming the file and the
 * problem, and without allocating anything big (measured with the JVM's per-thread allocation
 * counter: under 8 MB, where the pixel buffer of a refused 400-megapixel header would be 1.2 GB).
 */
class BadInputTest {
    private static final long SMALL = 8L << 20;

    @TempDir
    Path dir;

    private final ImageLoader loader = new ImageLoader();
    private Path good;

    @BeforeEach
    void warmUp() throws Exception {
        // a real image, read once so that plugin registration is not counted below
        good = dir.resolve("good.png");
        PngWriter.write(ImageFormatsTest.pattern(3, false, 8), good);
        loader.read(good);
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Asserts the read fails for {@code reason}, names the file, mentions {@code words}, allocates little. */
    private ImageReadException refused(ImageLoader l, Path f, Reason reason, String... words) {
        long before = allocated();
        ImageReadException e = assertThrows(ImageReadException.class, () -> l.read(f));
        long used = allocated() - before;
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(f.toString()), "message names the file: " + e.getMessage());
        for (String w : words) {
            assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains(w), "message mentions '" + w + "': " + e.getMessage());
        }
        assertTrue(used < SMALL, "allocated " + used + " bytes refusing " + f.getFileName());
        // probing the header fails the same way for everything detectable from the header
        if (reason != Reason.CORRUPT) {
            assertEquals(reason, assertThrows(ImageReadException.class, () -> l.probe(f)).reason());
        }
        return e;
    }

    @Test
    void missingAndEmptyFiles() throws Exception {
        refused(loader, dir.resolve("nope.png"), Reason.NOT_FOUND, "not found");
        Path empty = Files.createFile(dir.resolve("empty.png"));
        refused(loader, empty, Reason.EMPTY, "empty");
        refused(loader, dir, Reason.NOT_AN_IMAGE, "directory");
    }

    @Test
    void notAnImage() throws Exception {
        Path txt = dir.resolve("notes.png");
        Files.writeString(txt, "hello, I am text pretending to be a PNG", StandardCharsets.UTF_8);
        refused(loader, txt, Reason.NOT_AN_IMAGE, "not an image", "68 65 6c 6c 6f");
    }

    @Test
    void unsupportedFormat() throws Exception {
        Path gif = dir.resolve("anim.gif");
        assertTrue(ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_INDEXED), "gif", gif.toFile()));
        refused(loader, gif, Reason.UNSUPPORTED_FORMAT, "gif", "supported: png, jpeg, bmp, tiff");
        Path webp = dir.resolve("x.webp");
        Files.write(webp, "RIFF\u0000\u0000\u0000\u0000WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1));
        refused(loader, webp, Reason.UNSUPPORTED_FORMAT, "webp");
    }

    @Test
    void truncatedFilesOfEveryFormat() throws Exception {
        ImageData img = ImageFormatsTest.pattern(3, false, 8);
        BufferedImage bi = img.toBufferedImage();
        BufferedImage bgr = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(bi, 0, 0, null);
        for (String fmt : new String[] {"png", "jpeg", "bmp", "tiff"}) {
            Path full = dir.resolve("full." + fmt);
            assertTrue(ImageIO.write(fmt.equals("jpeg") ? bgr : bi, fmt, full.toFile()), fmt);
            byte[] bytes = Files.readAllBytes(full);
            assertTrue(loader.read(full).width() == img.width(), "the complete " + fmt + " file reads");
            // cut in the pixel data
            Path cut = dir.resolve("cut." + fmt);
            Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
            refused(loader, cut, Reason.CORRUPT, "truncated or corrupt");
            // cut in the header
            Path head = dir.resolve("head." + fmt);
            Files.write(head, Arrays.copyOf(bytes, 12));
            refused(loader, head, Reason.CORRUPT, "truncated or corrupt");
        }
    }

    @Test
    void headerClaimingTooManyPixelsIsRefusedBeforeDecoding() throws Exception {
        Path png = dir.resolve("bomb.png");
        Files.write(png, pngHeaderOnly(20000, 20000));
        ImageReadException e = refused(loader, png, Reason.TOO_LARGE, "20000x20000", "400.0 megapixels",
                "limit of 100.0 megapixels");
        assertTrue(e.getMessage().contains("PNG"), e.getMessage());

        Path bmp = dir.resolve("bomb.bmp");
        Files.write(bmp, bmpHeaderOnly(30000, 30000));
        refused(loader, bmp, Reason.TOO_LARGE, "30000x30000");

        Path jpg = dir.resolve("bomb.jpg");
        Files.write(jpg, jpegHeaderOnly(60000, 60000));
        refused(loader, jpg, Reason.TOO_LARGE, "60000x60000");

        // a real JPEG whose frame header was edited to claim 50000x40000 pixels
        Path real = dir.resolve("real.jpg");
        BufferedImage bgr = new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR);
        assertTrue(ImageIO.write(bgr, "jpeg", real.toFile()));
        byte[] bytes = Files.readAllBytes(real);
        int sof = -1;
        for (int i = 0; i + 1 < bytes.length && sof < 0; i++) {
            if ((bytes[i] & 0xff) == 0xFF && (bytes[i + 1] & 0xff) == 0xC0) {
                sof = i;
            }
        }
        assertTrue(sof > 0, "SOF0 found");
        ByteBuffer.wrap(bytes).putShort(sof + 5, (short) 40000).putShort(sof + 7, (short) 50000);
        Path lying = dir.resolve("lying.jpg");
        Files.write(lying, bytes);
        refused(loader, lying, Reason.TOO_LARGE, "50000x40000", "2000.0 megapixels");

        // the same for a real PNG whose IHDR (and its CRC) says 30000x30000
        byte[] pngBytes = Files.readAllBytes(good);
        ByteBuffer.wrap(pngBytes).putInt(16, 30000).putInt(20, 30000);
        CRC32 crc = new CRC32();
        crc.update(pngBytes, 12, 17);
        ByteBuffer.wrap(pngBytes).putInt(29, (int) crc.getValue());
        Path lyingPng = dir.resolve("lying.png");
        Files.write(lyingPng, pngBytes);
        refused(loader, lyingPng, Reason.TOO_LARGE, "30000x30000");
    }

    @Test
    void pixelLimitIsConfigurable() throws Exception {
        ImageLoader strict = new ImageLoader(500);
        refused(strict, good, Reason.TOO_LARGE, "37x23", "limit of 0.0 megapixels");
        assertEquals(851, new ImageLoader(851).read(good).width() * new ImageLoader(851).read(good).height());
        assertThrows(IllegalArgumentException.class, () -> new ImageLoader(0));
    }

    // ---------------------------------------------------------------- hand-made headers

    /** A valid PNG signature and IHDR for w x h RGB, then a tiny IDAT and IEND. */
    static byte[] pngHeaderOnly(int w, int h) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        Deflater d = new Deflater();
        d.setInput(new byte[1000]);
        d.finish();
        byte[] buf = new byte[100];
        int n = d.deflate(buf);
        chunk(out, "IDAT", Arrays.copyOf(buf, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws Exception {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }

    /** A BMP file and info header for a w x h 24-bit image, with 16 bytes of pixel data. */
    static byte[] bmpHeaderOnly(int w, int h) {
        ByteBuffer b = ByteBuffer.allocate(54 + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(54 + 16).putInt(0).putInt(54);
        b.putInt(40).putInt(w).putInt(h).putShort((short) 1).putShort((short) 24).putInt(0).putInt(0)
                .putInt(2835).putInt(2835).putInt(0).putInt(0);
        return b.array();
    }

    /** SOI, a baseline SOF0 for w x h with 3 components, then EOI. */
    static byte[] jpegHeaderOnly(int w, int h) {
        ByteBuffer b = ByteBuffer.allocate(2 + 2 + 17 + 2);
        b.put((byte) 0xFF).put((byte) 0xD8);
        b.put((byte) 0xFF).put((byte) 0xC0).putShort((short) 17).put((byte) 8).putShort((short) h).putShort((short) w)
                .put((byte) 3);
        for (int c = 1; c <= 3; c++) {
            b.put((byte) c).put((byte) 0x11).put((byte) 0);
        }
        b.put((byte) 0xFF).put((byte) 0xD9);
        return b.array();
    }
}
