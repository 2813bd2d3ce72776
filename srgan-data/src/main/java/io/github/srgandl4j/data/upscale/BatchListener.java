package io.github.srgandl4j.data.upscale;

import java.nio.file.Path;

/** Follows a batch, e.g. to draw a progress bar. All methods are called on the batch's thread. */
public interface BatchListener {
    /** Input {@code index} (0-based) of {@code total} is about to be read. */
    default void fileStarted(int index, int total, Path input) {}

    /** Input {@code index} was read ({@code width x height} pixels); upscaling starts. */
    default void imageRead(int index, Path input, int width, int height) {}

    /** Input {@code index} is finished, written or failed. */
    default void fileFinished(int index, int total, FileResult result) {}
}
