package io.github.srgandl4j.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.data.testing.JpegFiles;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JPEG variants from cameras, Photoshop and PIL, built at test time: Adobe (inverted) CMYK, YCCK,
 * EXIF orientation, an embedded ICC profile. Expected pixels are computed here from the values the
 * files were made from.
 */
class JpegVariantsTest {
    static final int W = 24;
    static final int H = 16;

    @TempDir
    Path dir;

    private final ImageLoader loader = new ImageLoader();

    /** Ink amounts 0..255 of channel c (C, M, Y, K) at (x, y): smooth, so JPEG loss stays small. */
    static int ink(int c, int x, int y) {
        return switch (c) {
            case 0 -> 10 + 8 * x;
            case 1 -> 30 + 10 * y;
            case 2 -> 120;
            default -> 20 + 2 * x;
        };
    }

    /** The RGB a viewer shows for the inks (device CMYK: R = (1 - C)(1 - K)). */
    static int expectedRgb(int c, int x, int y) {
        return (int) Math.round((255 - ink(c, x, y)) * (255 - ink(3, x, y)) / 255.0);
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    private static int worstRgb(ImageData img) {
        assertEquals(3, img.channels());
        int worst = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                for (int c = 0; c < 3; c++) {
                    worst = Math.max(worst, Math.abs(expectedRgb(c, x, y) - ImageData.toUint8(img.get(c, y, x))));
                }
            }
        }
        return worst;
    }

    @Test
    void adobeCmykIsReadAsInvertedInk() throws Exception {
        int[] s = new int[4 * W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                for (int c = 0; c < 4; c++) {
                    s[4 * (y * W + x) + c] = 255 - ink(c, x, y); // Photoshop stores 255 - ink
                }
            }
        }
        Path f = write("adobe-cmyk.jpg", JpegFiles.withSegment(JpegFiles.encode4(s, W, H), 0xEE, JpegFiles.adobe(0)));
        ImageData img = loader.read(f);
        int worst = worstRgb(img);
        assertTrue(worst <= 6, "Adobe CMYK within JPEG loss, worst " + worst);
    }

    @Test
    void adobeYcckIsConvertedBackToCmyk() throws Exception {
        int[] s = new int[4 * W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                // libjpeg's cmyk_ycck_convert of the stored (inverted) values: r = 255 - stored = ink
                double r = ink(0, x, y);
                double g = ink(1, x, y);
                double b = ink(2, x, y);
                int i = 4 * (y * W + x);
                s[i] = (int) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
                s[i + 1] = (int) Math.round(-0.168736 * r - 0.331264 * g + 0.5 * b + 128);
                s[i + 2] = (int) Math.round(0.5 * r - 0.418688 * g - 0.081312 * b + 128);
                s[i + 3] = 255 - ink(3, x, y);
            }
        }
        Path f = write("ycck.jpg", JpegFiles.withSegment(JpegFiles.encode4(s, W, H), 0xEE, JpegFiles.adobe(2)));
        int worst = worstRgb(loader.read(f));
        assertTrue(worst <= 6, "YCCK within JPEG loss, worst " + worst);
    }

    @Test
    void cmykWithoutTheAdobeMarkerIsReadAsInk() throws Exception {
        int[] s = new int[4 * W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                for (int c = 0; c < 4; c++) {
                    s[4 * (y * W + x) + c] = ink(c, x, y);
                }
            }
        }
        Path f = write("plain-cmyk.jpg", JpegFiles.encode4(s, W, H));
        int worst = worstRgb(loader.read(f));
        assertTrue(worst <= 6, "CMYK within JPEG loss, worst " + worst);
    }

    /** A pattern whose every 90-degree turn and mirror image differs: red rises to the right, green downwards. */
    static BufferedImage upright() {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                img.setRGB(x, y, (10 * x) << 16 | (15 * y) << 8 | 60);
            }
        }
        return img;
    }

    /**
     * The image a camera stores for each EXIF orientation, given what the viewer must show
     * ({@code shown}); spelled out per case from the EXIF specification's table (0th row / 0th column).
     */
    static BufferedImage stored(BufferedImage shown, int orientation) {
        int w = shown.getWidth();
        int h = shown.getHeight();
        boolean swap = orientation >= 5;
        BufferedImage s = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < s.getHeight(); y++) {
            for (int x = 0; x < s.getWidth(); x++) {
                int[] p = switch (orientation) {
                    case 1 -> new int[] {x, y}; // 0th row top, 0th column left
                    case 2 -> new int[] {w - 1 - x, y}; // top, right
                    case 3 -> new int[] {w - 1 - x, h - 1 - y}; // bottom, right
                    case 4 -> new int[] {x, h - 1 - y}; // bottom, left
                    case 5 -> new int[] {y, x}; // left, top: stored row y is shown as column y
                    case 6 -> new int[] {w - 1 - y, x}; // right, top: stored row 0 is the shown right column
                    case 7 -> new int[] {w - 1 - y, h - 1 - x}; // right, bottom
                    default -> new int[] {y, h - 1 - x}; // 8: left, bottom: stored row 0 is the shown left column, bottom up
                };
                s.setRGB(x, y, shown.getRGB(p[0], p[1]));
            }
        }
        return s;
    }

    @Test
    void exifOrientationIsAppliedSoTheImageIsUpright() throws Exception {
        BufferedImage shown = upright();
        ImageData expected = ImageData.fromBufferedImage(shown);
        for (int o = 1; o <= 8; o++) {
            boolean little = o % 2 == 0;
            byte[] jpeg = JpegFiles.withSegment(JpegFiles.encode(stored(shown, o)), 0xE1,
                    JpegFiles.exifOrientation(o, little));
            Path f = write("orient" + o + ".jpg", jpeg);
            ImageData img = loader.read(f);
            assertEquals(W, img.width(), "orientation " + o);
            assertEquals(H, img.height(), "orientation " + o);
            assertEquals(W, loader.probe(f).width(), "probe, orientation " + o);
            int[] a = expected.toUint8();
            int[] b = img.toUint8();
            int worst = 0;
            for (int i = 0; i < a.length; i++) {
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
            }
            assertTrue(worst <= 12, "orientation " + o + ": worst " + worst); // a wrong turn is off by > 100
        }
    }

    @Test
    void anEmbeddedIccProfileIsAppliedToSrgb() throws Exception {
        BufferedImage grey = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                grey.setRGB(x, y, 0x404040); // 64: in linear RGB, 64/255 is sRGB 137
            }
        }
        byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
        Path f = write("linear.jpg", JpegFiles.withSegment(JpegFiles.encode(grey), 0xE2, JpegFiles.icc(profile)));
        ImageData img = loader.read(f);
        double lin = 64 / 255.0;
        int srgb = (int) Math.round(255 * (1.055 * Math.pow(lin, 1 / 2.4) - 0.055)); // 137
        for (int c = 0; c < 3; c++) {
            int v = ImageData.toUint8(img.get(c, 5, 5));
            assertTrue(Math.abs(v - srgb) <= 2, "channel " + c + ": " + v + ", sRGB of linear 64 is " + srgb);
        }
        // without the profile the same pixels stay 64
        ImageData plain = loader.read(write("plain.jpg", JpegFiles.encode(grey)));
        assertTrue(Math.abs(ImageData.toUint8(plain.get(0, 5, 5)) - 64) <= 1);
    }
}
