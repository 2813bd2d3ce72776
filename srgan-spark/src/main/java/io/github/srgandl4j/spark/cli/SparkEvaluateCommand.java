package io.github.srgandl4j.spark.cli;

import io.github.srgandl4j.data.benchmark.BenchmarkReport;
import io.github.srgandl4j.data.benchmark.EvaluationLines;
import io.github.srgandl4j.data.benchmark.ImageResult;
import io.github.srgandl4j.data.benchmark.ReportFormats;
import io.github.srgandl4j.data.metrics.LumaMode;
import io.github.srgandl4j.data.metrics.Metric;
import io.github.srgandl4j.data.metrics.MetricOptions;
import io.github.srgandl4j.spark.EvaluationOutcome;
import io.github.srgandl4j.spark.ImageFailure;
import io.github.srgandl4j.spark.SparkEvaluator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code srgan spark-evaluate}: {@code srgan evaluate} on Spark. Same flags, same stdout and the
 * same JSON/CSV/Markdown reports (written by {@link ReportFormats} from the gathered
 * {@link BenchmarkReport}); images that cannot be scored are reported on stderr and left out.
 */
@Command(
        name = "spark-evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Score a super-resolution method (PSNR and SSIM on Y, NIQE, grid, texture) like 'srgan evaluate', with the images spread over"
                    + " Apache Spark executors and the scores gathered on the driver.",
            "HR_DIR and LR_DIR may be any Hadoop path. An image that cannot be scored is reported on stderr and left out"
                    + " of the means; exit code 1 then."
        })
final class SparkEvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--method", paramLabel = "bicubic", description = "Super-resolution method: bicubic (default unless --model).")
    String method;

    @Option(names = "--model", paramLabel = "default|srgan|srresnet|FILE",
            description = "Score a model instead: a built-in model, a library model file or an ONNX generator.")
    String model;

    @CommandLine.Mixin
    ModelFlags modelFlags = new ModelFlags();

    @CommandLine.Mixin
    SparkOptions spark = new SparkOptions();

    @Option(names = "--hr", required = true, paramLabel = "HR_DIR", description = "Folder of ground-truth HR images.")
    String hr;

    @Option(names = "--lr", paramLabel = "LR_DIR", description = "Folder of LR images (paired as 'srgan evaluate' does); default: made from HR.")
    String lr;

    @Option(names = "--scale", defaultValue = "4", description = "Upscaling factor (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--metrics", paramLabel = "LIST", defaultValue = "psnr,ssim,niqe,grid,texture",
            description = "Comma-separated: psnr, ssim, niqe, grid, texture (default: all five, as 'srgan evaluate').")
    String metrics;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON (the format of 'srgan evaluate').")
    Path json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write per-image results and the mean as CSV.")
    Path csv;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Write a Markdown table.")
    Path markdown;

    @Option(names = "--float-y", description = "Compute Y from unrounded samples (default: Y rounded to 8 bits, as MATLAB).")
    boolean floatY;

    @Option(names = "--shave", paramLabel = "N", description = "Border pixels left out (default: the scale).")
    Integer shave;

    @Option(names = "--max-megapixels", defaultValue = "100", paramLabel = "MP",
            description = "Refuse images larger than this (default: ${DEFAULT-VALUE}).")
    double maxMegapixels;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if (scale < 1) {
            throw new CommandLine.ParameterException(cl, "--scale must be >= 1, got " + scale);
        }
        if (shave != null && shave < 0) {
            throw new CommandLine.ParameterException(cl, "--shave must be >= 0, got " + shave);
        }
        if (!(maxMegapixels > 0)) {
            throw new CommandLine.ParameterException(cl, "--max-megapixels must be positive");
        }
        if (method != null && model != null) {
            throw new CommandLine.ParameterException(cl, "give either --method or --model, not both");
        }
        if (method != null && !method.equalsIgnoreCase("bicubic")) {
            throw new CommandLine.ParameterException(cl, "unknown --method '" + method + "'; available: bicubic");
        }
        if (model == null && modelFlags.rangesGiven()) {
            throw new CommandLine.ParameterException(cl, "--input-range/--output-range need --model with an .onnx file");
        }
        if (model == null && modelFlags.backProjection != null && modelFlags.backProjection > 0) {
            throw new CommandLine.ParameterException(cl, "--back-projection needs --model");
        }
        Set<Metric> chosen;
        try {
            chosen = Metric.parseList(metrics);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--metrics: " + e.getMessage());
        }
        MetricOptions options = new MetricOptions(shave == null ? scale : shave, floatY ? LumaMode.FLOAT : LumaMode.UINT8);
        SparkEvaluator.Builder b = model == null ? SparkEvaluator.bicubic(scale)
                : SparkEvaluator.builder(modelFlags.source(cl, model), scale);
        if (modelFlags.backProjection != null) { // else the builder's default: one iteration for a model, none for bicubic
            b.optBackProjection(modelFlags.backProjection);
        }
        SparkEvaluator evaluator = b.setHrDir(hr)
                .optLrDir(lr)
                .optMetricOptions(options)
                .optMetrics(chosen)
                .optTiling(modelFlags.tiling(cl))
                .optMaxPixels((long) (maxMegapixels * 1e6))
                .optPartitions(spark.partitions)
                .build();
        EvaluationOutcome o;
        try (JavaSparkContext sc = spark.start(cl, "srgan spark-evaluate")) {
            o = evaluator.run(sc);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        PrintWriter err = cl.getErr();
        for (ImageFailure f : o.failures()) {
            err.println("srgan spark-evaluate: error: " + f.error());
        }
        err.flush();
        BenchmarkReport r = o.report();
        if (r == null) {
            throw new IOException("no image could be scored (" + o.failures().size() + " failed)");
        }
        PrintWriter out = cl.getOut();
        for (ImageResult i : r.images()) {
            out.println(EvaluationLines.image(i, chosen));
        }
        if (json != null) {
            ReportFormats.writeJson(r, withParents(json));
        }
        if (csv != null) {
            ReportFormats.writeCsv(r, withParents(csv));
        }
        if (markdown != null) {
            ReportFormats.writeMarkdown(r, withParents(markdown));
        }
        out.println(EvaluationLines.summary(r, lr));
        for (Path p : new Path[] {json, csv, markdown}) {
            if (p != null) {
                out.println("wrote " + p);
            }
        }
        out.flush();
        return o.failures().isEmpty() ? 0 : 1;
    }

    private static Path withParents(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return file;
    }
}
