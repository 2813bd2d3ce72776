package io.github.srgandl4j.data.benchmark;

import io.github.srgandl4j.data.metrics.Metric;
import java.util.Locale;
import java.util.Set;

/**
 * The text lines {@code srgan evaluate} prints: one per image and one of means. Shared by every
 * front end that prints an evaluation (the CLI, srgan-spark's {@code spark-evaluate}), so that they
 * print the same digits for the same measures.
 */
public final class EvaluationLines {
    private EvaluationLines() {}

    /** {@code file  PSNR dB  SSIM  NIQE n  grid g  texture t}, only the measures in {@code chosen}. */
    public static String image(ImageResult i, Set<Metric> chosen) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-32s", i.file()));
        if (chosen.contains(Metric.PSNR)) {
            sb.append(String.format(Locale.ROOT, " %8.4f dB", i.psnr()));
        }
        if (chosen.contains(Metric.SSIM)) {
            sb.append(String.format(Locale.ROOT, "  %.4f", i.ssim()));
        }
        if (chosen.contains(Metric.NIQE)) {
            sb.append(String.format(Locale.ROOT, "  NIQE %.4f", i.niqe()));
        }
        if (chosen.contains(Metric.GRID)) {
            sb.append(String.format(Locale.ROOT, "  grid %.4f", i.grid()));
        }
        if (chosen.contains(Metric.TEXTURE)) {
            sb.append(String.format(Locale.ROOT, "  texture %.4f", i.texture()));
        }
        return sb.toString();
    }

    /** {@code , mean PSNR p dB, mean SSIM s, ...} for the measures the report has (empty if none). */
    public static String means(BenchmarkReport r) {
        StringBuilder means = new StringBuilder();
        if (r.has(Metric.PSNR)) {
            means.append(String.format(Locale.ROOT, ", mean PSNR %.4f dB", r.meanPsnr()));
        }
        if (r.has(Metric.SSIM)) {
            means.append(String.format(Locale.ROOT, ", mean SSIM %.4f", r.meanSsim()));
        }
        if (r.has(Metric.NIQE)) {
            means.append(String.format(Locale.ROOT, ", mean NIQE %.4f", r.meanNiqe()));
        }
        if (r.has(Metric.GRID)) {
            means.append(String.format(Locale.ROOT, ", mean grid %.4f", r.meanGrid()));
        }
        if (r.has(Metric.TEXTURE)) {
            means.append(String.format(Locale.ROOT, ", texture %.4f of HR", r.meanTexture()));
        }
        return means.toString();
    }

    /** The summary line of a scored method: {@code method xS on DATASET (N images, LR ...): mean PSNR ...}. */
    public static String summary(BenchmarkReport r, String lrDescription) {
        return String.format(Locale.ROOT, "%s x%d on %s (%d images, LR %s)%s", r.method(), r.scale(), r.dataset(),
                r.images().size(), lrDescription == null ? "made by degrade" : "from " + lrDescription,
                means(r).replaceFirst("^, ", ": "));
    }
}
