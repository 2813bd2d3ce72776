package io.github.srgandl4j.rate.stats;

import java.util.List;

/**
 * One method's ratings summarised.
 *
 * @param method the method
 * @param n the number of ratings
 * @param mos the mean opinion score (NaN without ratings)
 * @param sd the sample standard deviation (divisor n - 1; NaN for fewer than 2 ratings)
 * @param ciLow lower end of the 95% confidence interval of the mean, Student's t with n - 1 degrees of freedom (NaN
 *     for fewer than 2 ratings)
 * @param ciHigh upper end of that interval
 * @param counts the number of ratings of each score: {@code counts.get(s - 1)} for score s = 1..5
 */
public record MethodSummary(String method, int n, double mos, double sd, double ciLow, double ciHigh,
        List<Integer> counts) {
    public MethodSummary {
        counts = List.copyOf(counts);
        if (counts.size() != 5) {
            throw new IllegalArgumentException("counts must have 5 entries (scores 1-5), got " + counts.size());
        }
    }
}
