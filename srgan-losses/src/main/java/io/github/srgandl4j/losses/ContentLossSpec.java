package io.github.srgandl4j.losses;

import io.github.srgandl4j.losses.vgg.VggLayer;
import java.util.Locale;
import java.util.Objects;

/**
 * Which content loss to use, as configuration: pixel MSE (of RGB, or of the luma channel alone) or the VGG loss at a
 * layer phi_i,j. Text forms (for command lines and files, case-insensitive): {@code mse}, {@code mse-y}, {@code vgg22},
 * {@code vgg54}, {@code vgg5,4} or {@code vgg:block5_conv4}; {@code toString()} gives {@code mse} / {@code mse-y} /
 * {@code vgg54}.
 */
public sealed interface ContentLossSpec permits ContentLossSpec.PixelMse, ContentLossSpec.LumaMse, ContentLossSpec.Vgg {

    /** Pixel MSE (the paper's SRResNet-MSE / SRGAN-MSE). */
    record PixelMse() implements ContentLossSpec {
        @Override
        public String toString() {
            return "mse";
        }
    }

    /** Pixel MSE of BT.601 luma, the channel PSNR is reported on ({@link LumaMseContentLoss}). */
    record LumaMse() implements ContentLossSpec {
        @Override
        public String toString() {
            return "mse-y";
        }
    }

    /**
     * VGG content loss at {@code layer} (the paper's SRGAN-VGG22 / SRGAN-VGG54).
     *
     * @param layer the feature map phi_i,j
     */
    record Vgg(VggLayer layer) implements ContentLossSpec {
        /** Requires a layer. */
        public Vgg {
            Objects.requireNonNull(layer, "layer");
        }

        @Override
        public String toString() {
            return "vgg" + layer.block() + layer.conv();
        }
    }

    /** Pixel MSE. */
    static ContentLossSpec mse() {
        return new PixelMse();
    }

    /** Pixel MSE of the luma channel. */
    static ContentLossSpec lumaMse() {
        return new LumaMse();
    }

    /** VGG content loss at {@code layer}. */
    static ContentLossSpec vgg(VggLayer layer) {
        return new Vgg(layer);
    }

    /**
     * Parses {@code mse}, {@code mse-y} (or {@code mse-luma}), {@code vgg22}, {@code vgg54}, {@code vgg5,4},
     * {@code vgg:5,4} or {@code vgg:block5_conv4}.
     *
     * @throws IllegalArgumentException naming the text if it is none of these
     */
    static ContentLossSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("content loss is empty; expected mse, mse-y, vgg22 or vgg54");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("mse") || t.equals("pixel") || t.equals("pixel-mse")) {
            return mse();
        }
        if (t.equals("mse-y") || t.equals("mse-luma")) {
            return lumaMse();
        }
        if (t.startsWith("vgg")) {
            String rest = t.substring(3);
            if (rest.startsWith(":") || rest.startsWith("_") || rest.startsWith("-")) {
                rest = rest.substring(1);
            }
            try {
                return vgg(VggLayer.parse(rest));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot parse content loss '" + text + "': " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException("cannot parse content loss '" + text
                + "'; expected mse, mse-y, vgg22, vgg54 or vgg<i>,<j>");
    }
}
