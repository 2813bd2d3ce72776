package io.github.srgandl4j.core.upscale;

import io.github.srgandl4j.core.image.ImageData;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * An input image read in bands of rows, so that an upscaler can stream images whose float copy
 * would not fit in memory. {@link #of(BufferedImage)} keeps the decoded image as it is (for
 * an 8-bit RGB file 3 bytes per pixel instead of the 12 of {@link ImageData}) and converts only
 * the rows asked for.
 */
public interface ImageSource {
    int width();

    int height();

    /** 1 (grey) or 3 (RGB), as {@link ImageData#channels()}. */
    int channels();

    boolean hasAlpha();

    /** 8 or 16, as {@link ImageData#bitDepth()}. */
    int bitDepth();

    /** Rows {@code [y0, y1)}, full width, with alpha if the image has it. */
    ImageData rows(int y0, int y1);

    /** A source over an image already in memory. */
    static ImageSource of(ImageData image) {
        Objects.requireNonNull(image, "image");
        return new ImageSource() {
            @Override
            public int width() {
                return image.width();
            }

            @Override
            public int height() {
                return image.height();
            }

            @Override
            public int channels() {
                return image.channels();
            }

            @Override
            public boolean hasAlpha() {
                return image.hasAlpha();
            }

            @Override
            public int bitDepth() {
                return image.bitDepth();
            }

            @Override
            public ImageData rows(int y0, int y1) {
                return y0 == 0 && y1 == image.height() ? image : image.crop(0, y0, image.width(), y1 - y0);
            }
        };
    }

    /**
     * A source over a decoded image, converted band by band exactly as
     * {@link ImageData#fromBufferedImage} converts the whole image.
     */
    static ImageSource of(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        ImageData first = ImageData.fromBufferedImage(image.getSubimage(0, 0, image.getWidth(), 1));
        return new ImageSource() {
            @Override
            public int width() {
                return image.getWidth();
            }

            @Override
            public int height() {
                return image.getHeight();
            }

            @Override
            public int channels() {
                return first.channels();
            }

            @Override
            public boolean hasAlpha() {
                return first.hasAlpha();
            }

            @Override
            public int bitDepth() {
                return first.bitDepth();
            }

            @Override
            public ImageData rows(int y0, int y1) {
                return ImageData.fromBufferedImage(image.getSubimage(0, y0, image.getWidth(), y1 - y0));
            }
        };
    }
}
