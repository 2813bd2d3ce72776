package io.github.srgandl4j.spark.cli;

import io.github.srgandl4j.data.benchmark.BenchmarkReport;
import io.github.srgandl4j.data.benchmark.ImageResult;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The stdout lines of {@code srgan evaluate} (srgan-examples {@code EvaluateCommand}), which
 * {@code spark-evaluate} prints the same. A metric added to {@code evaluate}'s lines is added here
 * too (the scores themselves come from the shared {@code ImageResult}).
 */
final class EvaluateLines {
    private EvaluateLines() {}

    static void printImage(PrintWriter out, ImageResult i) {
        out.printf(Locale.ROOT, "%-32s %8.4f dB  %.4f%n", i.file(), i.psnr(), i.ssim());
    }

    static void printMean(PrintWriter out, BenchmarkReport r, String lr) {
        out.printf(Locale.ROOT, "%s x%d on %s (%d images, LR %s): mean PSNR %.4f dB, mean SSIM %.4f%n", r.method(),
                r.scale(), r.dataset(), r.images().size(), lr == null ? "made by degrade" : "from " + lr, r.meanPsnr(),
                r.meanSsim());
    }
}
