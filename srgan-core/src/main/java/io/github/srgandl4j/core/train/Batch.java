package io.github.srgandl4j.core.train;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One training batch: LR inputs and HR targets, NCHW float32.
 *
 * @param lr LR images, shape [N, 3, crop/scale, crop/scale], by default in [0, 1]
 * @param hr HR targets, shape [N, 3, crop, crop], by default in [-1, 1]
 */
public record Batch(INDArray lr, INDArray hr) implements AutoCloseable {
    public Batch {
        Objects.requireNonNull(lr, "lr");
        Objects.requireNonNull(hr, "hr");
        if (lr.rank() != 4 || hr.rank() != 4 || lr.size(0) != hr.size(0)) {
            throw new IllegalArgumentException("expected NCHW lr and hr with the same batch size, got lr "
                    + java.util.Arrays.toString(lr.shape()) + " and hr " + java.util.Arrays.toString(hr.shape()));
        }
    }

    /** Number of samples. */
    public int size() {
        return (int) lr.size(0);
    }

    /** Releases the native memory of both arrays. */
    @Override
    public void close() {
        if (!lr.wasClosed()) {
            lr.close();
        }
        if (!hr.wasClosed()) {
            hr.close();
        }
    }
}
