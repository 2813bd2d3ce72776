package io.github.srgandl4j.spark;

import java.util.List;

/**
 * The outcome of a distributed batch, on the driver.
 *
 * @param results one per upscaled input, in plan order
 * @param skipped inputs left out because their output existed ({@link ExistingOutputs#SKIP})
 * @param seconds wall time of the distributed part (from submitting the tasks to having every result)
 * @param modelLoads models loaded by the tasks' JVMs (in local mode: this JVM's count, else -1: not known)
 */
public record SparkUpscaleSummary(List<RemoteFileResult> results, List<UpscalePlan.Job> skipped, double seconds,
        int modelLoads) {
    public SparkUpscaleSummary {
        results = List.copyOf(results);
        skipped = List.copyOf(skipped);
    }

    /** Inputs written. */
    public int succeeded() {
        return (int) results.stream().filter(RemoteFileResult::ok).count();
    }

    /** Inputs that failed (nothing written for them). */
    public int failed() {
        return results.size() - succeeded();
    }

    /** The failed results, each with its one-line reason. */
    public List<RemoteFileResult> failures() {
        return results.stream().filter(r -> !r.ok()).toList();
    }

    /** {@code upscaled N, failed M} (as {@code srgan upscale}), then {@code , skipped K} if any output existed. */
    public String line() {
        return "upscaled " + succeeded() + ", failed " + failed() + (skipped.isEmpty() ? "" : ", skipped " + skipped.size());
    }
}
