package io.github.srgandl4j.spark;

import io.github.srgandl4j.data.benchmark.BenchmarkReport;
import java.util.List;

/**
 * The result of a distributed evaluation, on the driver.
 *
 * @param report the report of the images that were scored (the same record, and through
 *     {@code ReportFormats} the same JSON/CSV/Markdown, as {@code srgan evaluate}); null if none was
 * @param failures images that could not be scored, with their reasons
 * @param seconds wall time of the distributed part
 */
public record EvaluationOutcome(BenchmarkReport report, List<ImageFailure> failures, double seconds) {
    public EvaluationOutcome {
        failures = List.copyOf(failures);
    }
}
