package io.github.srgandl4j.rate.stats;

import io.github.srgandl4j.rate.store.RatingRecord;
import java.util.List;

/**
 * A study's results.
 *
 * @param raters the number of raters with at least one study rating
 * @param methods per-method summaries, in the study's method order
 * @param pairs a test for every pair of methods
 * @param ratings every stored rating (calibration and study) for export
 */
public record StudyReport(int raters, List<MethodSummary> methods, List<PairTest> pairs, List<RatingRecord> ratings) {
    /** How the p-values are computed (printed with every report). */
    public static final String TEST = "two-sided Mann-Whitney U test, normal approximation with tie correction and "
            + "continuity correction (Apache Commons Statistics MannWhitneyUTest, ASYMPTOTIC)";

    public StudyReport {
        methods = List.copyOf(methods);
        pairs = List.copyOf(pairs);
        ratings = List.copyOf(ratings);
    }
}
