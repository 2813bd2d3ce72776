package io.github.srgandl4j.data.upscale;

import java.nio.file.Path;

/**
 * What happened to one input of a batch.
 *
 * @param input the input file
 * @param output the written file, or null if the input failed (nothing was written)
 * @param error a one-line message naming the input and the problem, or null on success
 * @param width width of the written image (0 on failure)
 * @param height height of the written image (0 on failure)
 * @param seconds time spent on this input (reading, upscaling, writing)
 */
public record FileResult(Path input, Path output, String error, int width, int height, double seconds) {
    /** True if the output was written. */
    public boolean ok() {
        return error == null;
    }
}
