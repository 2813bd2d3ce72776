package io.github.srgandl4j.examples.cli;

import io.github.srgandl4j.core.image.SuperResolver;
import io.github.srgandl4j.data.benchmark.BenchmarkReport;
import io.github.srgandl4j.data.benchmark.BenchmarkRunner;
import io.github.srgandl4j.data.benchmark.ImageResult;
import io.github.srgandl4j.data.benchmark.ReportFormats;
import io.github.srgandl4j.data.io.ImageLoader;
import io.github.srgandl4j.data.metrics.LumaMode;
import io.github.srgandl4j.data.metrics.MetricOptions;
import io.github.srgandl4j.core.image.BicubicUpscaler;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.core.upscale.Upscaler;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code srgan evaluate}: PSNR/SSIM of a super-resolution method on a folder of HR images, with
 * the field's MATLAB protocol (Y channel, shave = scale).
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Score a super-resolution method with PSNR and SSIM on Y (BT.601, rounded to 8 bits; grey images on "
                    + "their grey values), shaving SCALE border pixels.",
            "Without --lr, LR images are made from HR as 'srgan degrade' does. Per-image lines and the mean go "
                    + "to stdout; --json/--csv/--markdown write reports.",
            "The method is --method (bicubic, the default) or --model: a built-in model, a library model file or an "
                    + "ONNX generator, run tile by tile like 'srgan upscale'."
        })
final class EvaluateCommand implements Callable<Integer> {
    /** Method names this command knows. */
    static final List<String> METHODS = List.of("bicubic");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--method", description = "Super-resolution method: ${COMPLETION-CANDIDATES} (default: bicubic unless --model).",
            completionCandidates = Methods.class)
    String method;

    @Option(names = "--model", paramLabel = "default|srgan|srresnet|FILE",
            description = "Score a model instead: a built-in model, a library model file or an ONNX generator.")
    String model;

    @CommandLine.Mixin
    ModelChoice.RangeOptions ranges = new ModelChoice.RangeOptions();

    @CommandLine.Mixin
    TilingFlags tiling = new TilingFlags();

    @Option(names = "--hr", required = true, paramLabel = "HR_DIR", description = "Folder of ground-truth HR images.")
    Path hr;

    @Option(names = "--lr", paramLabel = "LR_DIR", description = "Folder of LR images (same name, HR->LR in the name, or NAMEx<scale>); default: made from HR.")
    Path lr;

    @Option(names = "--scale", defaultValue = "4", description = "Upscaling factor (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON (mean_psnr, mean_ssim, images[{file, psnr, ssim}], ...).")
    Path json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write per-image results and the mean as CSV.")
    Path csv;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Write a Markdown table.")
    Path markdown;

    @Option(names = "--save-sr", paramLabel = "DIR", description = "Also write the super-resolved images as PNG to DIR.")
    Path saveSr;

    @Option(names = "--float-y", description = "Compute Y from unrounded samples (default: Y rounded to 8 bits, as MATLAB).")
    boolean floatY;

    @Option(names = "--shave", paramLabel = "N", description = "Border pixels left out (default: the scale).")
    Integer shave;

    @Option(names = "--max-megapixels", defaultValue = "100", paramLabel = "MP",
            description = "Refuse images larger than this (default: ${DEFAULT-VALUE}).")
    double maxMegapixels;

    /** Completion candidates for --method. */
    static final class Methods implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return METHODS.iterator();
        }
    }

    @Override
    public Integer call() throws IOException {
        if (scale < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scale must be >= 1, got " + scale);
        }
        if (shave != null && shave < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--shave must be >= 0, got " + shave);
        }
        if (!(maxMegapixels > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-megapixels must be positive");
        }
        if (method != null && model != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give either --method or --model, not both");
        }
        var tilingOptions = tiling.options(spec.commandLine());
        if (model == null) {
            if (ranges.inputRange != null || ranges.outputRange != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--input-range/--output-range need --model with an .onnx file");
            }
            return evaluate(resolver(method == null ? "bicubic" : method, scale));
        }
        try (SuperResolutionModel m = ModelChoice.load(spec.commandLine(), model, ranges)) {
            if (m.scale() != scale) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--scale is " + scale + " but model " + model
                        + " upscales x" + m.scale());
            }
            return evaluate(Upscaler.builder(m).optTiling(tilingOptions).build());
        }
    }

    private int evaluate(SuperResolver resolver) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        MetricOptions options = new MetricOptions(shave == null ? scale : shave, floatY ? LumaMode.FLOAT : LumaMode.UINT8);
        BenchmarkReport r = BenchmarkRunner.builder(resolver)
                .hrDir(hr)
                .lrDir(lr)
                .metricOptions(options)
                .loader(new ImageLoader((long) (maxMegapixels * 1e6)))
                .srOutputDir(saveSr)
                .optListener(i -> printImage(out, i))
                .build()
                .run();
        if (json != null) {
            ReportFormats.writeJson(r, withParents(json));
        }
        if (csv != null) {
            ReportFormats.writeCsv(r, withParents(csv));
        }
        if (markdown != null) {
            ReportFormats.writeMarkdown(r, withParents(markdown));
        }
        out.printf(Locale.ROOT, "%s x%d on %s (%d images, LR %s): mean PSNR %.4f dB, mean SSIM %.4f%n", r.method(),
                r.scale(), r.dataset(), r.images().size(), lr == null ? "made by degrade" : "from " + lr, r.meanPsnr(),
                r.meanSsim());
        for (Path p : new Path[] {json, csv, markdown}) {
            if (p != null) {
                out.println("wrote " + p);
            }
        }
        out.flush();
        return 0;
    }

    private static void printImage(PrintWriter out, ImageResult i) {
        out.printf(Locale.ROOT, "%-32s %8.4f dB  %.4f%n", i.file(), i.psnr(), i.ssim());
        out.flush();
    }

    private SuperResolver resolver(String name, int s) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "bicubic" -> new BicubicUpscaler(s);
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown --method '" + name + "'; available: " + String.join(", ", METHODS));
        };
    }

    private static Path withParents(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return file;
    }
}
