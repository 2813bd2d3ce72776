package io.github.srgandl4j.rate.web;

import static io.github.srgandl4j.rate.stats.DistributionFigure.escape;

import io.github.srgandl4j.rate.stats.DistributionFigure;
import io.github.srgandl4j.rate.stats.MethodSummary;
import io.github.srgandl4j.rate.stats.PairTest;
import io.github.srgandl4j.rate.stats.ReportFormats;
import io.github.srgandl4j.rate.stats.StudyReport;

/** The results page: the per-method table, the pairwise tests, the distribution figure and the export links. */
final class ResultsPage {
    private ResultsPage() {}

    static String html(StudyReport r) {
        StringBuilder b = new StringBuilder();
        b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Rating study results</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:1rem;color:#222}")
                .append("table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;")
                .append("text-align:right}th:first-child,td:first-child{text-align:left}")
                .append(".wrap{overflow-x:auto}</style></head><body>");
        long study = r.ratings().stream().filter(x -> "study".equals(x.part())).count();
        b.append("<h1>Rating study results</h1><p id=\"summary\">").append(r.raters()).append(" raters, ")
                .append(r.methods().size()).append(" methods, ").append(study)
                .append(" study ratings (calibration ratings not counted).</p>");
        b.append("<div class=\"wrap\"><table id=\"methods\"><tr><th>method</th><th>n</th><th>MOS</th><th>SD</th>")
                .append("<th>95% CI (t)</th><th>1</th><th>2</th><th>3</th><th>4</th><th>5</th></tr>");
        for (MethodSummary m : r.methods()) {
            b.append("<tr data-method=\"").append(escape(m.method())).append("\"><td>").append(escape(m.method()))
                    .append("</td><td>").append(m.n()).append("</td><td>").append(ReportFormats.f4(m.mos()))
                    .append("</td><td>").append(ReportFormats.f4(m.sd())).append("</td><td>")
                    .append(Double.isNaN(m.ciLow()) ? "-"
                            : "[" + ReportFormats.f4(m.ciLow()) + ", " + ReportFormats.f4(m.ciHigh()) + "]")
                    .append("</td>");
            for (int c : m.counts()) {
                b.append("<td>").append(c).append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</table></div>");
        b.append("<h2>Distribution of ratings</h2><div class=\"wrap\">")
                .append(DistributionFigure.svg(r.methods())).append("</div>");
        b.append("<h2>Pairwise tests</h2><p>").append(escape(StudyReport.TEST)).append(".</p>")
                .append("<div class=\"wrap\"><table id=\"pairs\"><tr><th>methods</th><th>U</th><th>p</th></tr>");
        for (PairTest p : r.pairs()) {
            b.append("<tr data-pair=\"").append(escape(p.a() + "|" + p.b())).append("\"><td>").append(escape(p.a()))
                    .append(" vs ").append(escape(p.b())).append("</td><td>")
                    .append(Double.isNaN(p.u()) ? "-" : io.github.srgandl4j.rate.Json.num(p.u())).append("</td><td>")
                    .append(ReportFormats.pValue(p.p())).append("</td></tr>");
        }
        b.append("</table></div><h2>Export</h2><p><a href=\"/results/ratings.csv\">every rating (CSV)</a> &middot; ")
                .append("<a href=\"/results/report.json\">report and every rating (JSON)</a> &middot; ")
                .append("<a href=\"/results/figure.svg\">figure (SVG)</a></p></body></html>\n");
        return b.toString();
    }
}
