package io.github.srgandl4j.data.train;

/** The range that [0, 1] image samples are mapped to in a batch. */
public enum SampleRange {
    /** Samples as they are, in [0, 1] (the SRGAN LR input). */
    ZERO_ONE,
    /** {@code 2 v - 1}, in [-1, 1] (the SRGAN HR target, matching a tanh output). */
    MINUS_ONE_ONE;

    /** Maps a [0, 1] sample into this range. */
    public float map(float v) {
        return this == ZERO_ONE ? v : 2f * v - 1f;
    }
}
