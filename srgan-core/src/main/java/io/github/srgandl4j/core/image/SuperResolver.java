package io.github.srgandl4j.core.image;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Anything that turns a low-resolution image into a super-resolved one: bicubic interpolation,
 * an SRResNet or SRGAN generator, an imported model. The benchmark runner of srgan-data scores any
 * implementation against HR ground truth.
 *
 * <p>Contract: {@link #upscale} returns an image {@link #scale()} times larger in each dimension
 * than its input (the runner checks this), with the same number of colour channels or 3 for a
 * grey input, and samples in [0, 1] (values outside are clamped when scored or written).
 * Implementations need not be thread-safe unless they say so.
 *
 * <p>A lambda becomes a resolver through {@link #of(String, int, UnaryOperator)}.
 */
public interface SuperResolver {
    /** The super-resolved image for {@code lr}. */
    ImageData upscale(ImageData lr);

    /** The upscaling factor (4 for x4). */
    int scale();

    /** A short name for reports and file names, e.g. {@code bicubic} or {@code srgan}. */
    String name();

    /** A resolver from a function. */
    static SuperResolver of(String name, int scale, UnaryOperator<ImageData> fn) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fn, "fn");
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be >= 1, got " + scale);
        }
        return new SuperResolver() {
            @Override
            public ImageData upscale(ImageData lr) {
                return fn.apply(lr);
            }

            @Override
            public int scale() {
                return scale;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String toString() {
                return "SuperResolver[" + name + ", x" + scale + "]";
            }
        };
    }
}
