package io.github.srgandl4j.spark.cli;

import io.github.srgandl4j.spark.RemoteFileResult;
import io.github.srgandl4j.spark.SparkUpscaleSummary;
import io.github.srgandl4j.spark.UpscalePlan;
import java.util.Locale;

/** The per-file CSV of {@code spark-upscale --report}. */
final class UpscaleReport {
    private UpscaleReport() {}

    static String csv(SparkUpscaleSummary s) {
        StringBuilder sb = new StringBuilder("input,output,status,width,height,seconds,executor,error\n");
        for (RemoteFileResult r : s.results()) {
            sb.append(field(r.input())).append(',').append(field(r.output() == null ? "" : r.output())).append(',')
                    .append(r.ok() ? "written" : "failed").append(',').append(r.width()).append(',').append(r.height())
                    .append(',').append(String.format(Locale.ROOT, "%.3f", r.seconds())).append(',').append(field(r.executor()))
                    .append(',').append(field(r.error() == null ? "" : r.error())).append('\n');
        }
        for (UpscalePlan.Job j : s.skipped()) {
            sb.append(field(j.input())).append(',').append(field(j.output())).append(",skipped,0,0,0,,output exists\n");
        }
        return sb.toString();
    }

    private static String field(String v) {
        if (v.contains(",") || v.contains("\"") || v.contains("\n")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
