package io.github.srgandl4j.data.benchmark;

import io.github.srgandl4j.core.io.AtomicFiles;
import io.github.srgandl4j.data.metrics.Metric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Renders a {@link BenchmarkReport} as CSV, JSON or a Markdown table, and writes those atomically.
 * Each measure appears only if it was computed ({@link BenchmarkReport#metrics()}).
 *
 * <p>JSON: {@code method, scale, dataset, hr_dir, lr_dir (null when LR was made by degradation),
 * luma, shave, count, mean_psnr, mean_ssim, mean_niqe, mean_grid, mean_texture, seconds, images:
 * [{file, width, height, psnr, ssim, niqe, grid, texture, seconds}]}; an infinite PSNR (identical
 * images) is written as {@code null}. CSV: one row per image ({@code file,width,height,psnr_y_db,
 * ssim_y,niqe,grid,texture,seconds}) then a row with file {@code MEAN}.
 */
public final class ReportFormats {
    private ReportFormats() {}

    /** A measure as reported: its keys and how to read it from an image and from the report. */
    private record Column(Metric metric, String jsonKey, String csvName, String title, int decimals,
            ToDoubleFunction<ImageResult> perImage, ToDoubleFunction<BenchmarkReport> mean) {}

    private static final List<Column> COLUMNS = List.of(
            new Column(Metric.PSNR, "psnr", "psnr_y_db", "PSNR (dB)", 6, ImageResult::psnr, BenchmarkReport::meanPsnr),
            new Column(Metric.SSIM, "ssim", "ssim_y", "SSIM", 6, ImageResult::ssim, BenchmarkReport::meanSsim),
            new Column(Metric.NIQE, "niqe", "niqe", "NIQE", 6, ImageResult::niqe, BenchmarkReport::meanNiqe),
            new Column(Metric.GRID, "grid", "grid", "grid", 6, ImageResult::grid, BenchmarkReport::meanGrid),
            new Column(Metric.TEXTURE, "texture", "texture", "texture", 6, ImageResult::texture,
                    BenchmarkReport::meanTexture));

    private static List<Column> columns(BenchmarkReport r) {
        return COLUMNS.stream().filter(c -> r.has(c.metric())).toList();
    }

    public static String toCsv(BenchmarkReport r) {
        List<Column> cols = columns(r);
        StringBuilder sb = new StringBuilder("file,width,height");
        cols.forEach(c -> sb.append(',').append(c.csvName()));
        sb.append(",seconds\n");
        for (ImageResult i : r.images()) {
            sb.append(csvField(i.file())).append(',').append(i.width()).append(',').append(i.height());
            cols.forEach(c -> sb.append(',').append(num(c.perImage().applyAsDouble(i), c.decimals())));
            sb.append(',').append(num(i.seconds(), 4)).append('\n');
        }
        sb.append("MEAN,,");
        cols.forEach(c -> sb.append(',').append(num(c.mean().applyAsDouble(r), c.decimals())));
        sb.append(',').append(num(r.totalSeconds(), 4)).append('\n');
        return sb.toString();
    }

    public static String toJson(BenchmarkReport r) {
        List<Column> cols = columns(r);
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"method\": ").append(jsonString(r.method())).append(",\n");
        sb.append("  \"scale\": ").append(r.scale()).append(",\n");
        sb.append("  \"dataset\": ").append(jsonString(r.dataset())).append(",\n");
        sb.append("  \"hr_dir\": ").append(jsonString(r.hrDir().toString())).append(",\n");
        sb.append("  \"lr_dir\": ").append(r.lrDir() == null ? "null" : jsonString(r.lrDir().toString())).append(",\n");
        sb.append("  \"luma\": ").append(jsonString(r.options().luma().name().toLowerCase(Locale.ROOT))).append(",\n");
        sb.append("  \"shave\": ").append(r.options().shave()).append(",\n");
        sb.append("  \"count\": ").append(r.images().size()).append(",\n");
        for (Column c : cols) {
            sb.append("  \"mean_").append(c.jsonKey()).append("\": ").append(jsonNum(c.mean().applyAsDouble(r), c.decimals()))
                    .append(",\n");
        }
        sb.append("  \"seconds\": ").append(jsonNum(r.totalSeconds(), 4)).append(",\n");
        sb.append("  \"images\": [");
        for (int k = 0; k < r.images().size(); k++) {
            ImageResult i = r.images().get(k);
            sb.append(k == 0 ? "\n" : ",\n");
            sb.append("    {\"file\": ").append(jsonString(i.file()))
                    .append(", \"width\": ").append(i.width())
                    .append(", \"height\": ").append(i.height());
            for (Column c : cols) {
                sb.append(", \"").append(c.jsonKey()).append("\": ").append(jsonNum(c.perImage().applyAsDouble(i), c.decimals()));
            }
            sb.append(", \"seconds\": ").append(jsonNum(i.seconds(), 4)).append('}');
        }
        sb.append("\n  ]\n}\n");
        return sb.toString();
    }

    public static String toMarkdown(BenchmarkReport r) {
        List<Column> cols = columns(r);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "### %s x%d on %s%n%n", r.method(), r.scale(), r.dataset()));
        if (r.has(Metric.PSNR) || r.has(Metric.SSIM)) {
            sb.append(String.format(Locale.ROOT, "PSNR/SSIM on Y (%s), shave %d; LR: %s.%n%n",
                    r.options().luma() == io.github.srgandl4j.data.metrics.LumaMode.UINT8 ? "rounded to 8 bits" : "float",
                    r.options().shave(), r.lrSource()));
        } else {
            sb.append(String.format(Locale.ROOT, "No-reference scores of the images as they are, border %d.%n%n",
                    r.options().shave()));
        }
        sb.append("| image | size |");
        cols.forEach(c -> sb.append(' ').append(c.title()).append(" |"));
        sb.append("\n| --- | --- |");
        cols.forEach(c -> sb.append(" ---: |"));
        sb.append('\n');
        for (ImageResult i : r.images()) {
            sb.append("| ").append(i.file().replace("|", "\\|")).append(" | ").append(i.width()).append('x')
                    .append(i.height()).append(" |");
            cols.forEach(c -> sb.append(' ').append(num(c.perImage().applyAsDouble(i), 4)).append(" |"));
            sb.append('\n');
        }
        sb.append("| **mean** (").append(r.images().size()).append(" images) |  |");
        cols.forEach(c -> sb.append(" **").append(num(c.mean().applyAsDouble(r), 4)).append("** |"));
        sb.append('\n');
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
