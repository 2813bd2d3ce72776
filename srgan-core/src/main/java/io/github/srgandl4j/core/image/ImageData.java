package io.github.srgandl4j.core.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An immutable in-memory image: 1 (grey) or 3 (RGB) colour channels as planar float pixels in
 * [0, 1], an optional separate alpha plane, and the bit depth of its source (8 or 16).
 *
 * <p>Planar layout: sample {@code (c, y, x)} is at {@code pixels[(c * height + y) * width + x]},
 * the same order as one image of an NCHW array. 8-bit samples {@code v} are stored as
 * {@code v / 255f}, 16-bit samples as {@code v / 65535f}; {@link #toUint8(float)} recovers the
 * 8-bit value exactly. Values produced by models may lie outside [0, 1]; they are kept as they are
 * and clamped only when converted to integer samples.
 *
 * <p>Arrays passed in are copied and arrays handed out are copies, so instances are safe to share
 * between threads.
 */
public final class ImageData {
    private final int width;
    private final int height;
    private final int channels;
    private final float[] pixels;
    private final float[] alpha;
    private final int bitDepth;

    private ImageData(int width, int height, int channels, float[] pixels, float[] alpha, int bitDepth) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 (grey) or 3 (RGB), got " + channels);
        }
        if (bitDepth != 8 && bitDepth != 16) {
            throw new IllegalArgumentException("bit depth must be 8 or 16, got " + bitDepth);
        }
        long plane = (long) width * height;
        if (plane * channels > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image too large for one array: " + width + "x" + height + "x" + channels);
        }
        Objects.requireNonNull(pixels, "pixels");
        if (pixels.length != plane * channels) {
            throw new IllegalArgumentException("expected " + plane * channels + " samples for " + width + "x" + height
                    + "x" + channels + ", got " + pixels.length);
        }
        if (alpha != null && alpha.length != plane) {
            throw new IllegalArgumentException("expected " + plane + " alpha samples, got " + alpha.length);
        }
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.pixels = pixels;
        this.alpha = alpha;
        this.bitDepth = bitDepth;
    }

    /**
     * An image from planar samples (copied).
     *
     * @param pixels {@code channels * height * width} samples, planar
     * @param alpha {@code height * width} alpha samples, or null for an opaque image
     * @param bitDepth 8 or 16: the precision of the source, used when the image is written
     */
    public static ImageData of(int width, int height, int channels, float[] pixels, float[] alpha, int bitDepth) {
        return new ImageData(width, height, channels, pixels.clone(), alpha == null ? null : alpha.clone(), bitDepth);
    }

    /** An opaque 8-bit image from planar samples (copied). */
    public static ImageData of(int width, int height, int channels, float[] pixels) {
        return of(width, height, channels, pixels, null, 8);
    }

    /**
     * An opaque 8-bit image from planar integer samples in 0..255 (stored as {@code v / 255f}).
     *
     * @throws IllegalArgumentException if a sample is outside 0..255
     */
    public static ImageData ofUint8(int width, int height, int channels, int[] samples) {
        float[] px = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            int v = samples[i];
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("8-bit sample out of range at " + i + ": " + v);
            }
            px[i] = v / 255f;
        }
        return new ImageData(width, height, channels, px, null, 8);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** 1 for grey, 3 for RGB (alpha is not counted). */
    public int channels() {
        return channels;
    }

    /** 8 or 16: the bit depth of the source; {@link #toBufferedImage()} writes at this depth. */
    public int bitDepth() {
        return bitDepth;
    }

    public boolean hasAlpha() {
        return alpha != null;
    }

    public boolean isGray() {
        return channels == 1;
    }

    /** The sample of channel {@code c} at row {@code y}, column {@code x}. */
    public float get(int c, int y, int x) {
        Objects.checkIndex(c, channels);
        Objects.checkIndex(y, height);
        Objects.checkIndex(x, width);
        return pixels[(c * height + y) * width + x];
    }

    /** The alpha sample at row {@code y}, column {@code x} (1 for an opaque image). */
    public float alphaAt(int y, int x) {
        Objects.checkIndex(y, height);
        Objects.checkIndex(x, width);
        return alpha == null ? 1f : alpha[y * width + x];
    }

    /** A copy of all colour samples, planar. */
    public float[] pixels() {
        return pixels.clone();
    }

    /** A copy of one colour plane ({@code height * width} samples). */
    public float[] plane(int c) {
        Objects.checkIndex(c, channels);
        int n = width * height;
        return Arrays.copyOfRange(pixels, c * n, (c + 1) * n);
    }

    /** A copy of the alpha plane, or null for an opaque image. */
    public float[] alpha() {
        return alpha == null ? null : alpha.clone();
    }

    /** This image without its alpha plane. */
    public ImageData withoutAlpha() {
        return alpha == null ? this : new ImageData(width, height, channels, pixels, null, bitDepth);
    }

    /** This image with the given alpha plane (copied; null removes it). */
    public ImageData withAlpha(float[] newAlpha) {
        return new ImageData(width, height, channels, pixels, newAlpha == null ? null : newAlpha.clone(), bitDepth);
    }

    /** A 3-channel image: grey replicated to R, G and B; an RGB image is returned as is. */
    public ImageData toRgb() {
        if (channels == 3) {
            return this;
        }
        int n = width * height;
        float[] rgb = new float[3 * n];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(pixels, 0, rgb, c * n, n);
        }
        return new ImageData(width, height, 3, rgb, alpha, bitDepth);
    }

    /**
     * The rectangle {@code [x, x + w) x [y, y + h)} of this image (alpha included).
     *
     * @throws IllegalArgumentException if the rectangle is not inside the image
     */
    public ImageData crop(int x, int y, int w, int h) {
        if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > width || y + h > height) {
            throw new IllegalArgumentException("crop " + w + "x" + h + " at (" + x + ", " + y
                    + ") is outside the " + width + "x" + height + " image");
        }
        float[] out = new float[channels * w * h];
        for (int c = 0; c < channels; c++) {
            for (int r = 0; r < h; r++) {
                System.arraycopy(pixels, (c * height + y + r) * width + x, out, (c * h + r) * w, w);
            }
        }
        float[] a = null;
        if (alpha != null) {
            a = new float[w * h];
            for (int r = 0; r < h; r++) {
                System.arraycopy(alpha, (y + r) * width + x, a, r * w, w);
            }
        }
        return new ImageData(w, h, channels, out, a, bitDepth);
    }

    // ---------------------------------------------------------------- integer samples

    /** A float sample in [0, 1] as an 8-bit value: clamped, times 255, rounded half up. */
    public static int toUint8(float v) {
        if (!(v > 0f)) {
            return 0; // also NaN
        }
        if (v >= 1f) {
            return 255;
        }
        return (int) Math.floor(v * 255.0 + 0.5);
    }

    /** A float sample in [0, 1] as a 16-bit value: clamped, times 65535, rounded half up. */
    public static int toUint16(float v) {
        if (!(v > 0f)) {
            return 0;
        }
        if (v >= 1f) {
            return 65535;
        }
        return (int) Math.floor(v * 65535.0 + 0.5);
    }

    /** All colour samples as 8-bit values (planar, rounded and clamped). */
    public int[] toUint8() {
        int[] out = new int[pixels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = toUint8(pixels[i]);
        }
        return out;
    }

    // ---------------------------------------------------------------- BufferedImage

    /**
     * Converts a decoded image. Grey and RGB images with 8- or 16-bit component samples are read
     * from the raster without any colour conversion (Java's {@code getRGB} would apply a gamma
     * curve to linear-grey images); palette images keep their palette colours (grey when every
     * entry is grey); anything else (packed RGB, other colour spaces) goes through the colour
     * model to 8-bit sRGB. Alpha, if present, becomes the separate alpha plane, un-premultiplied.
     */
    public static ImageData fromBufferedImage(BufferedImage img) {
        Objects.requireNonNull(img, "img");
        ColorModel cm = img.getColorModel();
        Raster raster = img.getRaster();
        int w = img.getWidth();
        int h = img.getHeight();
        if (cm instanceof IndexColorModel icm) {
            return fromIndexed(raster, icm, w, h);
        }
        if (cm instanceof ComponentColorModel && !cm.isAlphaPremultiplied()) {
            int csType = cm.getColorSpace().getType();
            int colorComps = cm.getNumColorComponents();
            int bits = cm.getComponentSize(0);
            boolean sameBits = true;
            for (int i = 1; i < cm.getNumComponents(); i++) {
                sameBits &= cm.getComponentSize(i) == bits;
            }
            boolean integral = raster.getTransferType() == DataBuffer.TYPE_BYTE
                    || raster.getTransferType() == DataBuffer.TYPE_USHORT;
            boolean gray = csType == ColorSpace.TYPE_GRAY && colorComps == 1;
            boolean rgb = cm.getColorSpace().isCS_sRGB() && colorComps == 3;
            if (integral && sameBits && (bits == 8 || bits == 16) && (gray || rgb)) {
                return fromComponents(raster, colorComps, cm.hasAlpha(), bits, w, h);
            }
        }
        return fromArgb(img, cm.hasAlpha());
    }

    private static ImageData fromComponents(Raster raster, int colorComps, boolean hasAlpha, int bits, int w, int h) {
        int n = w * h;
        float scale = bits == 8 ? 255f : 65535f;
        float[] px = new float[colorComps * n];
        float[] a = hasAlpha ? new float[n] : null;
        int bands = raster.getNumBands();
        int[] row = new int[w * bands];
        int minX = raster.getMinX();
        int minY = raster.getMinY();
        for (int y = 0; y < h; y++) {
            raster.getPixels(minX, minY + y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int base = x * bands;
                for (int c = 0; c < colorComps; c++) {
                    px[c * n + y * w + x] = row[base + c] / scale;
                }
                if (a != null) {
                    a[y * w + x] = row[base + colorComps] / scale;
                }
            }
        }
        return new ImageData(w, h, colorComps, px, a, bits);
    }

    private static ImageData fromIndexed(Raster raster, IndexColorModel icm, int w, int h) {
        int size = icm.getMapSize();
        int[] rgb = new int[size];
        icm.getRGBs(rgb);
        boolean allGray = true;
        boolean anyAlpha = false;
        for (int v : rgb) {
            int r = (v >> 16) & 0xff;
            int g = (v >> 8) & 0xff;
            int b = v & 0xff;
            allGray &= r == g && g == b;
            anyAlpha |= ((v >>> 24) & 0xff) != 255;
        }
        int channels = allGray ? 1 : 3;
        int n = w * h;
        float[] px = new float[channels * n];
        float[] a = anyAlpha ? new float[n] : null;
        int[] idx = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, idx);
            for (int x = 0; x < w; x++) {
                int v = rgb[Math.min(idx[x], size - 1)];
                int p = y * w + x;
                if (allGray) {
                    px[p] = (v & 0xff) / 255f;
                } else {
                    px[p] = ((v >> 16) & 0xff) / 255f;
                    px[n + p] = ((v >> 8) & 0xff) / 255f;
                    px[2 * n + p] = (v & 0xff) / 255f;
                }
                if (a != null) {
                    a[p] = ((v >>> 24) & 0xff) / 255f;
                }
            }
        }
        return new ImageData(w, h, channels, px, a, 8);
    }

    private static ImageData fromArgb(BufferedImage img, boolean hasAlpha) {
        int w = img.getWidth();
        int h = img.getHeight();
        int n = w * h;
        float[] px = new float[3 * n];
        float[] a = hasAlpha ? new float[n] : null;
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int v = row[x];
                int p = y * w + x;
                px[p] = ((v >> 16) & 0xff) / 255f;
                px[n + p] = ((v >> 8) & 0xff) / 255f;
                px[2 * n + p] = (v & 0xff) / 255f;
                if (a != null) {
                    a[p] = ((v >>> 24) & 0xff) / 255f;
                }
            }
        }
        return new ImageData(w, h, 3, px, a, 8);
    }

    /**
     * A BufferedImage of one of Java's standard types, for code that expects them (drawing, Swing,
     * {@code ImageIO} writers): {@code TYPE_INT_ARGB} (not premultiplied) if this image has alpha, else
     * {@code TYPE_BYTE_GRAY} for grey ({@code TYPE_USHORT_GRAY} at 16 bits), else {@code TYPE_INT_RGB}.
     * RGB and alpha are 8-bit (Java has no standard 16-bit colour type); a grey image with alpha
     * becomes ARGB with equal R, G and B. Samples are clamped to [0, 1] and rounded. Grey samples are
     * stored in the raster as they are (no gamma conversion), as {@link #fromBufferedImage} reads them.
     */
    public BufferedImage toStandardBufferedImage() {
        int n = width * height;
        if (alpha == null && channels == 1) {
            boolean deep = bitDepth == 16;
            BufferedImage bi = new BufferedImage(width, height, deep ? BufferedImage.TYPE_USHORT_GRAY : BufferedImage.TYPE_BYTE_GRAY);
            int[] row = new int[width];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float v = pixels[y * width + x];
                    row[x] = deep ? toUint16(v) : toUint8(v);
                }
                bi.getRaster().setSamples(0, y, width, 1, 0, row);
            }
            return bi;
        }
        BufferedImage bi = new BufferedImage(width, height, alpha == null ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB);
        int g = channels == 1 ? 0 : n;
        int b = channels == 1 ? 0 : 2 * n;
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                int a = alpha == null ? 255 : toUint8(alpha[p]);
                row[x] = a << 24 | toUint8(pixels[p]) << 16 | toUint8(pixels[g + p]) << 8 | toUint8(pixels[b + p]);
            }
            bi.setRGB(0, y, width, 1, row, 0, width);
        }
        return bi;
    }

    /** A BufferedImage at this image's bit depth (see {@link #toBufferedImage(int)}). */
    public BufferedImage toBufferedImage() {
        return toBufferedImage(bitDepth);
    }

    /**
     * A BufferedImage with component samples of {@code depth} bits (8 or 16), grey or sRGB, with an
     * alpha band if this image has alpha. Samples are clamped to [0, 1] and rounded.
     */
    public BufferedImage toBufferedImage(int depth) {
        if (depth != 8 && depth != 16) {
            throw new IllegalArgumentException("bit depth must be 8 or 16, got " + depth);
        }
        boolean hasAlpha = alpha != null;
        int bands = channels + (hasAlpha ? 1 : 0);
        int transfer = depth == 8 ? DataBuffer.TYPE_BYTE : DataBuffer.TYPE_USHORT;
        ColorSpace cs = ColorSpace.getInstance(channels == 1 ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
        int[] bits = new int[bands];
        Arrays.fill(bits, depth);
        ComponentColorModel cm = new ComponentColorModel(cs, bits, hasAlpha, false,
                hasAlpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, transfer);
        WritableRaster raster = cm.createCompatibleWritableRaster(width, height);
        int n = width * height;
        int[] row = new int[width * bands];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                for (int c = 0; c < channels; c++) {
                    float v = pixels[c * n + p];
                    row[x * bands + c] = depth == 8 ? toUint8(v) : toUint16(v);
                }
                if (hasAlpha) {
                    row[x * bands + channels] = depth == 8 ? toUint8(alpha[p]) : toUint16(alpha[p]);
                }
            }
            raster.setPixels(0, y, width, 1, row);
        }
        return new BufferedImage(cm, raster, false, null);
    }

    // ---------------------------------------------------------------- INDArray

    /** The colour planes as a float32 NCHW array of shape [1, C, H, W] (values as stored). */
    public INDArray toNchw() {
        return Nd4j.create(pixels.clone(), new long[] {1, channels, height, width}, DataType.FLOAT);
    }

    /**
     * An 8-bit opaque image from one image of an NCHW array (rank 4 with N = 1, or rank 3 CHW);
     * values are taken as they are (no range mapping).
     */
    public static ImageData fromNchw(INDArray arr) {
        return fromNchw(arr, 8);
    }

    /** As {@link #fromNchw(INDArray)} with the given recorded bit depth. */
    public static ImageData fromNchw(INDArray arr, int bitDepth) {
        Objects.requireNonNull(arr, "arr");
        long[] s = arr.shape();
        if (!(arr.rank() == 4 && s[0] == 1) && arr.rank() != 3) {
            throw new IllegalArgumentException("expected [1, C, H, W] or [C, H, W], got " + Arrays.toString(s));
        }
        int off = arr.rank() - 3;
        int c = (int) s[off];
        int h = (int) s[off + 1];
        int w = (int) s[off + 2];
        float[] px = Nd4j.toFlattened('c', arr.castTo(DataType.FLOAT)).toFloatVector();
        return new ImageData(w, h, c, px, null, bitDepth);
    }

    @Override
    public String toString() {
        return "ImageData[" + width + "x" + height + ", " + (channels == 1 ? "grey" : "RGB")
                + (alpha != null ? "+alpha" : "") + ", " + bitDepth + "-bit source]";
    }
}
