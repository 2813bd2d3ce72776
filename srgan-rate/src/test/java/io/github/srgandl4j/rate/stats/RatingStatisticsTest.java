package io.github.srgandl4j.rate.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.rate.store.RatingRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The study statistics against values computed by hand (the computation is in the comments;
 * scipy.stats 1.17 mannwhitneyu(method='asymptotic', use_continuity=True) and t.ppf agree to
 * every printed digit). Tolerances are far below the differences an error would make.
 */
class RatingStatisticsTest {
    @Test
    void meanSdAndTIntervalOfOneToFive() {
        // scores 1..5: mean 3; squared deviations 4+1+0+1+4 = 10; SD = sqrt(10/4) = 1.5811388
        // SE = 1.5811388 / sqrt(5) = 0.7071068; t(0.975, 4) = 2.7764451 (t table)
        // half width = 2.7764451 * 0.7071068 = 1.9632432 -> [1.0367568, 4.9632432]
        MethodSummary s = RatingStatistics.summarise("m", List.of(3, 1, 5, 2, 4));
        assertEquals(5, s.n());
        assertEquals(3.0, s.mos(), 1e-12);
        assertEquals(1.5811388, s.sd(), 1e-7);
        assertEquals(1.0367568, s.ciLow(), 1e-6);
        assertEquals(4.9632432, s.ciHigh(), 1e-6);
        assertEquals(List.of(1, 1, 1, 1, 1), s.counts());
    }

    @Test
    void tQuantilesMatchTheTable() {
        // two-sided 95% critical values of Student's t (any printed table)
        assertEquals(12.7062, RatingStatistics.tQuantile975(1), 1e-4);
        assertEquals(3.1824, RatingStatistics.tQuantile975(3), 1e-4);
        assertEquals(2.7764, RatingStatistics.tQuantile975(4), 1e-4);
        assertEquals(2.2622, RatingStatistics.tQuantile975(9), 1e-4);
        assertEquals(2.0452, RatingStatistics.tQuantile975(29), 1e-4);
    }

    @Test
    void fewRatingsHaveNoSpreadOrInterval() {
        MethodSummary one = RatingStatistics.summarise("m", List.of(4));
        assertEquals(4.0, one.mos());
        assertTrue(Double.isNaN(one.sd()) && Double.isNaN(one.ciLow()) && Double.isNaN(one.ciHigh()));
        MethodSummary none = RatingStatistics.summarise("m", List.of());
        assertEquals(0, none.n());
        assertTrue(Double.isNaN(none.mos()));
    }

    @Test
    void mannWhitneyWithOneTie() {
        // x = 1 2 3, y = 3 4 5. Pooled ranks: 1->1, 2->2, 3,3 -> 3.5 each, 4->5, 5->6.
        // R_x = 1 + 2 + 3.5 = 6.5; U_x = R_x - 3*4/2 = 0.5 (pairs: only the tie 3-3 counts, one half)
        // mean U = 3*3/2 = 4.5; ties: one group of 2 -> sum(t^3 - t) = 6; N = 6
        // var U = 3*3/12 * (N + 1 - 6/(N(N-1))) = 0.75 * (7 - 0.2) = 5.1; sd = 2.2583180
        // z = (|0.5 - 4.5| - 0.5) / 2.2583180 = 1.5498251; p = 2 (1 - Phi(1.5498251)) = 2 * 0.0605916 = 0.1211833
        PairTest t = RatingStatistics.test("x", List.of(1, 2, 3), "y", List.of(3, 4, 5));
        assertEquals(0.5, t.u(), 1e-12);
        assertEquals(0.1211833, t.p(), 1e-6);
    }

    @Test
    void mannWhitneyOnRatingScales() {
        // a = 4 4 5 5, b = 2 3 3 4. Pooled sorted: 2b 3b 3b 4a 4a 4b 5a 5a
        // ranks: 2 -> 1; 3,3 -> 2.5; 4,4,4 -> 5; 5,5 -> 7.5. R_a = 5 + 5 + 7.5 + 7.5 = 25; U_a = 25 - 4*5/2 = 15
        // ties: groups of 2, 3, 2 -> sum(t^3 - t) = 6 + 24 + 6 = 36; N = 8
        // var U = 16/12 * (9 - 36/56) = 1.3333333 * 8.3571429 = 11.1428571; sd = 3.3380918
        // z = (15 - 8 - 0.5) / 3.3380918 = 1.9472202; p = 2 (1 - Phi(1.9472202)) = 0.0515083
        PairTest t = RatingStatistics.test("a", List.of(4, 4, 5, 5), "b", List.of(2, 3, 3, 4));
        assertEquals(15.0, t.u(), 1e-12);
        assertEquals(0.0515083, t.p(), 1e-6);
        // symmetric: U_b = 16 - 15 = 1, same two-sided p
        PairTest back = RatingStatistics.test("b", List.of(2, 3, 3, 4), "a", List.of(4, 4, 5, 5));
        assertEquals(1.0, back.u(), 1e-12);
        assertEquals(0.0515083, back.p(), 1e-6);
    }

    @Test
    void identicalRatingsAreNoDifference() {
        PairTest t = RatingStatistics.test("a", List.of(3, 3), "b", List.of(3, 3, 3));
        assertEquals(3.0, t.u());
        assertEquals(1.0, t.p());
    }

    @Test
    void reportCountsStudyRatingsOnly() {
        // a: 4 4 5 5 (MOS 4.5, SD sqrt(1/3) = 0.5773503, t(3) = 3.1824463, half = 3.1824463 * 0.5773503 / 2
        //    = 0.9186932 -> [3.5813068, 5.4186932]); b: 2 3 3 4 (MOS 3, SD sqrt(2/3) = 0.8164966,
        //    half = 3.1824463 * 0.8164966 / 2 = 2.5984568 / 2 = 1.2992284 -> [1.7007716, 4.2992284])
        List<RatingRecord> rs = new ArrayList<>();
        int[] a = {4, 4, 5, 5};
        int[] b = {2, 3, 3, 4};
        for (int i = 0; i < 4; i++) {
            rs.add(new RatingRecord("r" + (i % 2), "n", "study", "a", "img" + i, "ia" + i, a[i], "t"));
            rs.add(new RatingRecord("r" + (i % 2), "n", "study", "b", "img" + i, "ib" + i, b[i], "t"));
        }
        rs.add(new RatingRecord("r0", "n", "calibration", "NN", "cal", "c1", 1, "t"));
        rs.add(new RatingRecord("r9", "n", "calibration", "HR", "cal", "c2", 5, "t"));
        StudyReport r = RatingStatistics.report(List.of("a", "b"), rs);
        assertEquals(2, r.raters());
        MethodSummary ma = r.methods().get(0);
        assertEquals(4, ma.n());
        assertEquals(4.5, ma.mos(), 1e-12);
        assertEquals(0.5773503, ma.sd(), 1e-7);
        assertEquals(3.5813068, ma.ciLow(), 1e-6);
        assertEquals(5.4186932, ma.ciHigh(), 1e-6);
        assertEquals(List.of(0, 0, 0, 2, 2), ma.counts());
        MethodSummary mb = r.methods().get(1);
        assertEquals(3.0, mb.mos(), 1e-12);
        assertEquals(1.7007716, mb.ciLow(), 1e-6);
        assertEquals(4.2992284, mb.ciHigh(), 1e-6);
        assertEquals(1, r.pairs().size());
        assertEquals(0.0515083, r.pairs().get(0).p(), 1e-6);
        String text = ReportFormats.text(r);
        assertTrue(text.contains("[3.5813, 5.4187]"), text);
        assertTrue(text.contains("p = 0.0515"), text);
        String csv = ReportFormats.csv(r.ratings());
        assertEquals(11, csv.split("\n").length, csv);
        assertTrue(csv.startsWith("rater_id,rater_name,part,method,image,item,score,rated_at\nr0,n,study,a,img0,ia0,4,t\n"),
                csv);
    }

    @Test
    void csvQuotesAndDefusesNames() {
        String csv = ReportFormats.csv(List.of(new RatingRecord("r1", "=cmd,\"x\"", "study", "a", "i", "it", 3, "t")));
        assertEquals("rater_id,rater_name,part,method,image,item,score,rated_at\nr1,\"'=cmd,\"\"x\"\"\",study,a,i,it,3,t\n",
                csv);
    }

    @Test
    void figureShadesByShareAndMarksTheMean() {
        MethodSummary s = RatingStatistics.summarise("m<1>", List.of(5, 5, 5, 4));
        String svg = DistributionFigure.svg(List.of(s));
        assertTrue(svg.startsWith("<svg"));
        assertTrue(svg.contains("m&lt;1&gt;: 3 of 4 rated 5"), svg);
        assertTrue(svg.contains(">75%<") && svg.contains(">25%<"), svg);
        assertTrue(svg.contains("mean 4.750"), svg);
        assertEquals("#ffffff", DistributionFigure.shade(0));
        assertEquals("#08306b", DistributionFigure.shade(1));
    }
}
