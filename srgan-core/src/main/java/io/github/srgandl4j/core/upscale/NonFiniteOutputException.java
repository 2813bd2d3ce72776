package io.github.srgandl4j.core.upscale;

/**
 * A model produced NaN or an infinite value (for instance from NaN weights). Refused rather than
 * written, because such samples would be written as black.
 */
public final class NonFiniteOutputException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    NonFiniteOutputException(String message) {
        super(message);
    }
}
