package io.github.srgandl4j.core.nn;

/** Whether a graph is built for training (batch statistics) or inference (running statistics). */
public enum Phase {
    /** Batch normalisation uses the moments of the current batch and exposes them for the running averages. */
    TRAIN,
    /** Batch normalisation uses the stored running mean and variance. */
    INFERENCE
}
