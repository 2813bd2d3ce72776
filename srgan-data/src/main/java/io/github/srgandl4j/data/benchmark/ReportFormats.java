package io.github.srgandl4j.data.benchmark;

import io.github.srgandl4j.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Renders a {@link BenchmarkReport} as CSV, JSON or a Markdown table, and writes those atomically.
 *
 * <p>JSON: {@code method, scale, dataset, hr_dir, lr_dir (null when LR was made by degradation),
 * luma, shave, count, mean_psnr, mean_ssim, seconds, images: [{file, width, height, psnr, ssim,
 * seconds}]}; an infinite PSNR (identical images) is written as {@code null}. CSV: one row per
 * image ({@code file,width,height,psnr_y_db,ssim_y,seconds}) then a row with file {@code MEAN}.
 */
public final class ReportFormats {
    private ReportFormats() {}

    public static String toCsv(BenchmarkReport r) {
        StringBuilder sb = new StringBuilder("file,width,height,psnr_y_db,ssim_y,seconds\n");
        for (ImageResult i : r.images()) {
            sb.append(csvField(i.file())).append(',').append(i.width()).append(',').append(i.height()).append(',')
                    .append(num(i.psnr(), 6)).append(',').append(num(i.ssim(), 6)).append(',')
                    .append(num(i.seconds(), 4)).append('\n');
        }
        sb.append("MEAN,,,").append(num(r.meanPsnr(), 6)).append(',').append(num(r.meanSsim(), 6)).append(',')
                .append(num(r.totalSeconds(), 4)).append('\n');
        return sb.toString();
    }

    public static String toJson(BenchmarkReport r) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"method\": ").append(jsonString(r.method())).append(",\n");
        sb.append("  \"scale\": ").append(r.scale()).append(",\n");
        sb.append("  \"dataset\": ").append(jsonString(r.dataset())).append(",\n");
        sb.append("  \"hr_dir\": ").append(jsonString(r.hrDir().toString())).append(",\n");
        sb.append("  \"lr_dir\": ").append(r.lrDir() == null ? "null" : jsonString(r.lrDir().toString())).append(",\n");
        sb.append("  \"luma\": ").append(jsonString(r.options().luma().name().toLowerCase(Locale.ROOT))).append(",\n");
        sb.append("  \"shave\": ").append(r.options().shave()).append(",\n");
        sb.append("  \"count\": ").append(r.images().size()).append(",\n");
        sb.append("  \"mean_psnr\": ").append(jsonNum(r.meanPsnr(), 6)).append(",\n");
        sb.append("  \"mean_ssim\": ").append(jsonNum(r.meanSsim(), 6)).append(",\n");
        sb.append("  \"seconds\": ").append(jsonNum(r.totalSeconds(), 4)).append(",\n");
        sb.append("  \"images\": [");
        for (int k = 0; k < r.images().size(); k++) {
            ImageResult i = r.images().get(k);
            sb.append(k == 0 ? "\n" : ",\n");
            sb.append("    {\"file\": ").append(jsonString(i.file()))
                    .append(", \"width\": ").append(i.width())
                    .append(", \"height\": ").append(i.height())
                    .append(", \"psnr\": ").append(jsonNum(i.psnr(), 6))
                    .append(", \"ssim\": ").append(jsonNum(i.ssim(), 6))
                    .append(", \"seconds\": ").append(jsonNum(i.seconds(), 4)).append('}');
        }
        sb.append("\n  ]\n}\n");
        return sb.toString();
    }

    public static String toMarkdown(BenchmarkReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "### %s x%d on %s%n%n", r.method(), r.scale(), r.dataset()));
        sb.append(String.format(Locale.ROOT, "PSNR/SSIM on Y (%s), shave %d; LR: %s.%n%n",
                r.options().luma() == io.github.srgandl4j.data.metrics.LumaMode.UINT8 ? "rounded to 8 bits" : "float",
                r.options().shave(), r.lrSource()));
        sb.append("| image | size | PSNR (dB) | SSIM |\n| --- | --- | ---: | ---: |\n");
        for (ImageResult i : r.images()) {
            sb.append("| ").append(i.file().replace("|", "\\|")).append(" | ").append(i.width()).append('x')
                    .append(i.height()).append(" | ").append(num(i.psnr(), 4)).append(" | ")
                    .append(num(i.ssim(), 4)).append(" |\n");
        }
        sb.append("| **mean** (").append(r.images().size()).append(" images) |  | **").append(num(r.meanPsnr(), 4))
                .append("** | **").append(num(r.meanSsim(), 4)).append("** |\n");
        return sb.toString();
    }

    public static void writeCsv(BenchmarkReport r, Path file) throws IOException {
        AtomicFiles.writeString(file, toCsv(r));
    }

    public static void writeJson(BenchmarkReport r, Path file) throws IOException {
        AtomicFiles.writeString(file, toJson(r));
    }

    public static void writeMarkdown(BenchmarkReport r, Path file) throws IOException {
        AtomicFiles.writeString(file, toMarkdown(r));
    }

    private static String num(double v, int decimals) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (Double.isNaN(v)) {
            return "nan";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String jsonNum(double v, int decimals) {
        return Double.isFinite(v) ? num(v, decimals) : "null";
    }

    private static String csvField(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
