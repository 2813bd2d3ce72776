package io.github.srgandl4j.examples.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes bench results as one JSON line (no dependency: the structure is flat and fixed). */
public final class BenchJson {
    private BenchJson() {}

    /**
     * The report: {@code {"tool": ..., "threads": n, "cases": {"infer": {"median_ms": ..., "runs_ms": [...],
     * "description": ..., "peak_rss_mib_after": ...}, ...}, "peak_rss_mib": ..., "environment": {...}}}.
     *
     * @param peakRssMibAfter peak RSS of the process after each case, same order as {@code results}
     */
    public static String report(int threads, List<CaseResult> results, List<Double> peakRssMibAfter, double peakRssMib,
            Map<String, String> environment) {
        StringBuilder s = new StringBuilder();
        s.append("{\"tool\": \"srgan-dl4j\", \"threads\": ").append(threads).append(", \"cases\": {");
        for (int i = 0; i < results.size(); i++) {
            CaseResult r = results.get(i);
            if (i > 0) {
                s.append(", ");
            }
            s.append(string(r.benchCase().id())).append(": {\"median_ms\": ").append(number(r.medianMs()))
                    .append(", \"runs_ms\": [");
            for (int k = 0; k < r.runsMs().size(); k++) {
                s.append(k > 0 ? ", " : "").append(number(r.runsMs().get(k)));
            }
            s.append(']');
            if (!r.variants().isEmpty()) {
                s.append(", \"variants\": {");
                int v = 0;
                for (Map.Entry<String, List<Double>> e : r.variants().entrySet()) {
                    s.append(v++ > 0 ? ", " : "").append(string(e.getKey())).append(": {\"median_ms\": ")
                            .append(number(CaseResult.median(e.getValue()))).append(", \"runs_ms\": [");
                    for (int k = 0; k < e.getValue().size(); k++) {
                        s.append(k > 0 ? ", " : "").append(number(e.getValue().get(k)));
                    }
                    s.append("]}");
                }
                s.append('}');
            }
            if (!r.ratios().isEmpty()) {
                s.append(", \"ratios\": {");
                int v = 0;
                for (Map.Entry<String, Double> e : r.ratios().entrySet()) {
                    s.append(v++ > 0 ? ", " : "").append(string(e.getKey())).append(": ")
                            .append(Double.isFinite(e.getValue()) ? String.format(Locale.ROOT, "%.3f", e.getValue()) : "null");
                }
                s.append('}');
            }
            s.append(", \"peak_rss_mib_after\": ").append(number(peakRssMibAfter.get(i)))
                    .append(", \"description\": ").append(string(r.description())).append('}');
        }
        s.append("}, \"peak_rss_mib\": ").append(number(peakRssMib)).append(", \"environment\": {");
        int k = 0;
        for (Map.Entry<String, String> e : environment.entrySet()) {
            s.append(k++ > 0 ? ", " : "").append(string(e.getKey())).append(": ").append(string(e.getValue()));
        }
        return s.append("}}").toString();
    }

    /** A number with one decimal (NaN and infinities as null). */
    static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "null";
    }

    /** A JSON string literal. */
    static String string(String v) {
        if (v == null) {
            return "null";
        }
        StringBuilder s = new StringBuilder("\"");
        for (char ch : v.toCharArray()) {
            switch (ch) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        s.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        s.append(ch);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
