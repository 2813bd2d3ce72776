package io.github.srgandl4j.rate.stats;

import io.github.srgandl4j.rate.store.RatingRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.ContinuityCorrection;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.PValueMethod;

/**
 * The statistics of a rating study: per method the MOS, standard deviation, count and a 95%
 * confidence interval of the mean (Student's t), and for every pair of methods a two-sided
 * Mann-Whitney U test ({@link StudyReport#TEST}). Only study ratings count; calibration ratings
 * are exported but not summarised.
 */
public final class RatingStatistics {
    private static final MannWhitneyUTest MWU = MannWhitneyUTest.withDefaults()
            .with(AlternativeHypothesis.TWO_SIDED)
            .with(PValueMethod.ASYMPTOTIC)
            .with(ContinuityCorrection.ENABLED);

    private RatingStatistics() {}

    /** The report of {@code ratings} for {@code methods} (in that order; methods without ratings get n = 0). */
    public static StudyReport report(List<String> methods, List<RatingRecord> ratings) {
        Map<String, List<Integer>> byMethod = new LinkedHashMap<>();
        methods.forEach(m -> byMethod.put(m, new ArrayList<>()));
        Set<String> raters = new HashSet<>();
        for (RatingRecord r : ratings) {
            if (!"study".equals(r.part())) {
                continue;
            }
            List<Integer> list = byMethod.get(r.method());
            if (list == null) {
                throw new IllegalArgumentException("rating of unknown method '" + r.method() + "'");
            }
            list.add(r.score());
            raters.add(r.raterId());
        }
        List<MethodSummary> summaries = new ArrayList<>();
        byMethod.forEach((m, scores) -> summaries.add(summarise(m, scores)));
        List<PairTest> pairs = new ArrayList<>();
        for (int i = 0; i < methods.size(); i++) {
            for (int j = i + 1; j < methods.size(); j++) {
                pairs.add(test(methods.get(i), byMethod.get(methods.get(i)), methods.get(j), byMethod.get(methods.get(j))));
            }
        }
        return new StudyReport(raters.size(), summaries, pairs, ratings);
    }

    /** Summary of one method's scores. */
    public static MethodSummary summarise(String method, List<Integer> scores) {
        int n = scores.size();
        List<Integer> counts = new ArrayList<>(List.of(0, 0, 0, 0, 0));
        double sum = 0;
        for (int s : scores) {
            if (s < 1 || s > 5) {
                throw new IllegalArgumentException("score outside 1-5: " + s);
            }
            counts.set(s - 1, counts.get(s - 1) + 1);
            sum += s;
        }
        double mean = n == 0 ? Double.NaN : sum / n;
        double sd = Double.NaN;
        double lo = Double.NaN;
        double hi = Double.NaN;
        if (n >= 2) {
            double ss = 0;
            for (int s : scores) {
                ss += (s - mean) * (s - mean);
            }
            sd = Math.sqrt(ss / (n - 1));
            double half = tQuantile975(n - 1) * sd / Math.sqrt(n);
            lo = mean - half;
            hi = mean + half;
        }
        return new MethodSummary(method, n, mean, sd, lo, hi, counts);
    }

    /** The 97.5% quantile of Student's t distribution with {@code df} degrees of freedom. */
    public static double tQuantile975(int df) {
        return TDistribution.of(df).inverseSurvivalProbability(0.025);
    }

    /** Two-sided Mann-Whitney U test of {@code a}'s scores against {@code b}'s. */
    public static PairTest test(String a, List<Integer> x, String b, List<Integer> y) {
        if (x.isEmpty() || y.isEmpty()) {
            return new PairTest(a, b, Double.NaN, Double.NaN);
        }
        double[] xs = x.stream().mapToDouble(Integer::doubleValue).toArray();
        double[] ys = y.stream().mapToDouble(Integer::doubleValue).toArray();
        if (allEqual(xs, ys)) {
            // every rating the same: no difference at all, and the normal approximation's variance is zero
            return new PairTest(a, b, xs.length * (double) ys.length / 2, 1.0);
        }
        MannWhitneyUTest.Result r = MWU.test(xs, ys);
        return new PairTest(a, b, r.getStatistic(), r.getPValue());
    }

    private static boolean allEqual(double[] xs, double[] ys) {
        double v = xs[0];
        for (double d : xs) {
            if (d != v) {
                return false;
            }
        }
        for (double d : ys) {
            if (d != v) {
                return false;
            }
        }
        return true;
    }
}
