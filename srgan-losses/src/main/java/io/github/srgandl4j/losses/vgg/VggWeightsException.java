package io.github.srgandl4j.losses.vgg;

import java.io.IOException;

/**
 * A VGG19 weights file exists but cannot be used: it is not HDF5, lacks a needed layer, or holds a layer with
 * the wrong shape. The message always names the file and, where it applies, the layer.
 */
public class VggWeightsException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An exception with the given message. */
    public VggWeightsException(String message) {
        super(message);
    }

    /** An exception with the given message and cause. */
    public VggWeightsException(String message, Throwable cause) {
        super(message, cause);
    }
}
