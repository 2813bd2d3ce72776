package io.github.srgandl4j.rate.stats;

import io.github.srgandl4j.rate.Json;
import io.github.srgandl4j.rate.store.RatingRecord;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/** A {@link StudyReport} as text (for the terminal), CSV (every rating) and JSON (summary, tests and every rating). */
public final class ReportFormats {
    private ReportFormats() {}

    /** The report as a plain-text table. */
    public static String text(StudyReport r) {
        StringBuilder b = new StringBuilder();
        long studyRatings = r.ratings().stream().filter(x -> "study".equals(x.part())).count();
        b.append(String.format(Locale.ROOT, "%d raters, %d methods, %d study ratings (calibration ratings not counted)%n",
                r.raters(), r.methods().size(), studyRatings));
        int w = Math.max(6, r.methods().stream().mapToInt(m -> m.method().length()).max().orElse(6));
        b.append(String.format(Locale.ROOT, "%-" + w + "s %6s %7s %7s  %-18s  %s%n", "method", "n", "MOS", "SD",
                "95% CI (t)", "ratings 1/2/3/4/5"));
        for (MethodSummary m : r.methods()) {
            b.append(String.format(Locale.ROOT, "%-" + w + "s %6d %7s %7s  %-18s  %s%n", m.method(), m.n(), f4(m.mos()),
                    f4(m.sd()), Double.isNaN(m.ciLow()) ? "-" : "[" + f4(m.ciLow()) + ", " + f4(m.ciHigh()) + "]",
                    join(m.counts(), "/")));
        }
        if (!r.pairs().isEmpty()) {
            b.append(String.format(Locale.ROOT, "%nPairwise tests: %s%n", StudyReport.TEST));
            for (PairTest p : r.pairs()) {
                b.append(String.format(Locale.ROOT, "%-" + w + "s vs %-" + w + "s  U = %-9s p = %s%n", p.a(), p.b(),
                        Double.isNaN(p.u()) ? "-" : Json.num(p.u()), pValue(p.p())));
            }
        }
        return b.toString();
    }

    /** Every rating as CSV with a header line. */
    public static String csv(List<RatingRecord> ratings) {
        StringBuilder b = new StringBuilder("rater_id,rater_name,part,method,image,item,score,rated_at\n");
        for (RatingRecord r : ratings) {
            StringJoiner j = new StringJoiner(",");
            for (String s : new String[] {r.raterId(), r.raterName(), r.part(), r.method(), r.image(), r.item(),
                Integer.toString(r.score()), r.ratedAt()}) {
                j.add(csvField(s));
            }
            b.append(j).append('\n');
        }
        return b.toString();
    }

    /** The summary, the tests and every rating as JSON. */
    public static String json(StudyReport r) {
        StringBuilder b = new StringBuilder("{\n");
        b.append("  \"raters\": ").append(r.raters()).append(",\n");
        b.append("  \"test\": ").append(Json.str(StudyReport.TEST)).append(",\n");
        b.append("  \"methods\": [");
        String sep = "\n";
        for (MethodSummary m : r.methods()) {
            b.append(sep).append("    {\"method\": ").append(Json.str(m.method())).append(", \"n\": ").append(m.n())
                    .append(", \"mos\": ").append(Json.num(m.mos())).append(", \"sd\": ").append(Json.num(m.sd()))
                    .append(", \"ci95_low\": ").append(Json.num(m.ciLow())).append(", \"ci95_high\": ")
                    .append(Json.num(m.ciHigh())).append(", \"counts\": [").append(join(m.counts(), ", ")).append("]}");
            sep = ",\n";
        }
        b.append("\n  ],\n  \"pairs\": [");
        sep = "\n";
        for (PairTest p : r.pairs()) {
            b.append(sep).append("    {\"a\": ").append(Json.str(p.a())).append(", \"b\": ").append(Json.str(p.b()))
                    .append(", \"u\": ").append(Json.num(p.u())).append(", \"p\": ").append(Json.num(p.p())).append('}');
            sep = ",\n";
        }
        b.append("\n  ],\n  \"ratings\": [");
        sep = "\n";
        for (RatingRecord x : r.ratings()) {
            b.append(sep).append("    {\"rater_id\": ").append(Json.str(x.raterId())).append(", \"rater_name\": ")
                    .append(Json.str(x.raterName())).append(", \"part\": ").append(Json.str(x.part()))
                    .append(", \"method\": ").append(Json.str(x.method())).append(", \"image\": ")
                    .append(Json.str(x.image())).append(", \"item\": ").append(Json.str(x.item()))
                    .append(", \"score\": ").append(x.score()).append(", \"rated_at\": ").append(Json.str(x.ratedAt()))
                    .append('}');
            sep = ",\n";
        }
        return b.append("\n  ]\n}\n").toString();
    }

    /** A number with 4 decimals, or "-" for NaN. */
    public static String f4(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** A p-value: 4 significant digits, scientific below 0.0001. */
    public static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "-";
        }
        return p < 1e-4 ? String.format(Locale.ROOT, "%.3e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    private static String join(List<Integer> xs, String sep) {
        StringJoiner j = new StringJoiner(sep);
        xs.forEach(x -> j.add(Integer.toString(x)));
        return j.toString();
    }

    private static String csvField(String s) {
        if (s == null) {
            return "";
        }
        String safe = s;
        if (!safe.isEmpty() && "=+-@".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe; // no spreadsheet formulas from rater names
        }
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
