package io.github.srgandl4j.spark;

import io.github.srgandl4j.data.benchmark.ImageResult;
import java.io.Serializable;

/**
 * The executor's answer for one HR/LR pair: its scores, or why it failed.
 *
 * @param result the scores, or null on failure
 * @param failure the failure, or null on success
 */
record ScoredPair(ImageResult result, ImageFailure failure) implements Serializable {
    private static final long serialVersionUID = 1L;
}
