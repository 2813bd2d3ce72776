package io.github.srgandl4j.spark;

import java.io.Serializable;

/**
 * What happened to one input of a distributed batch ({@link io.github.srgandl4j.data.upscale.FileResult}
 * with Hadoop paths, so that it can travel from the executors to the driver).
 *
 * @param input the input file, fully qualified
 * @param output the written file, or null if the input failed (nothing was written)
 * @param error one line naming the input and the problem, or null on success
 * @param width width of the written image (0 on failure)
 * @param height height of the written image (0 on failure)
 * @param seconds time spent on this input (reading, upscaling, writing)
 * @param executor the executor that did it ({@code driver} in local mode)
 */
public record RemoteFileResult(String input, String output, String error, int width, int height, double seconds,
        String executor) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** True if the output was written. */
    public boolean ok() {
        return error == null;
    }
}
