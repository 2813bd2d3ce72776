package io.github.srgandl4j.data.upscale;

import java.util.List;

/**
 * The outcome of a batch: one {@link FileResult} per input, in order.
 *
 * @param results per-input results
 * @param seconds total wall time
 */
public record BatchSummary(List<FileResult> results, double seconds) {
    public BatchSummary {
        results = List.copyOf(results);
    }

    /** Inputs written successfully. */
    public int succeeded() {
        return (int) results.stream().filter(FileResult::ok).count();
    }

    /** Inputs that failed (nothing written for them). */
    public int failed() {
        return results.size() - succeeded();
    }

    /** The failed results. */
    public List<FileResult> failures() {
        return results.stream().filter(r -> !r.ok()).toList();
    }

    /** The summary line {@code upscaled N, failed M}. */
    public String line() {
        return "upscaled " + succeeded() + ", failed " + failed();
    }
}
