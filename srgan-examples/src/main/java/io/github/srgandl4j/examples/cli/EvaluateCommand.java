package io.github.srgandl4j.examples.cli;

import io.github.srgandl4j.core.image.SuperResolver;
import io.github.srgandl4j.data.benchmark.BenchmarkReport;
import io.github.srgandl4j.data.benchmark.BenchmarkRunner;
import io.github.srgandl4j.data.benchmark.EvaluationLines;
import io.github.srgandl4j.data.benchmark.ImageResult;
import io.github.srgandl4j.data.benchmark.NoReferenceScorer;
import io.github.srgandl4j.data.benchmark.ReportFormats;
import io.github.srgandl4j.data.io.ImageLoader;
import io.github.srgandl4j.data.metrics.LumaMode;
import io.github.srgandl4j.data.metrics.Metric;
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
import java.util.Set;
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
                    + "ONNX generator, run tile by tile like 'srgan upscale'.",
            "--metrics adds NIQE (no-reference naturalness, lower is better), grid (x-SCALE periodic pattern, lower is "
                    + "better) and texture (fine detail relative to HR, 1 = as much as HR); all five by default. "
                    + "--images DIR scores a folder as it is, without HR (NIQE and grid). See docs/metrics.md."
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

    @Option(names = "--hr", paramLabel = "HR_DIR", description = "Folder of ground-truth HR images (or --images).")
    Path hr;

    @Option(names = "--images", paramLabel = "DIR",
            description = "No-reference mode: score the images of DIR as they are (e.g. outputs of 'srgan upscale'), "
                    + "without HR, upscaling or --method/--model; metrics niqe and grid (period --scale).")
    Path images;

    @Option(names = "--metrics", paramLabel = "LIST",
            description = "Comma-separated: psnr, ssim, niqe, grid, texture (default: all five; with --images: niqe,grid). "
                    + "NIQE needs images of at least 96x96 pixels after the border crop.")
    String metrics;

    @Option(names = "--lr", paramLabel = "LR_DIR", description = "Folder of LR images (same name, HR->LR in the name, or NAMEx<scale>); default: made from HR.")
    Path lr;

    @Option(names = "--scale", defaultValue = "4", description = "Upscaling factor (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON (mean_psnr, mean_ssim, mean_niqe, mean_grid, "
            + "mean_texture, images[{file, psnr, ssim, niqe, grid, texture}], ...; only the measures computed).")
    Path json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write per-image results and the mean as CSV.")
    Path csv;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Write a Markdown table.")
    Path markdown;

    @Option(names = "--save-sr", paramLabel = "DIR", description = "Also write the super-resolved images as PNG to DIR.")
    Path saveSr;

    @Option(names = "--float-y", description = "Compute Y for PSNR/SSIM from unrounded samples (default: Y rounded to 8 bits, as MATLAB; NIQE always uses rounded Y).")
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
        if ((hr == null) == (images == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give --hr HR_DIR (score a method against ground truth) or --images DIR (no-reference), not both");
        }
        Set<Metric> chosen;
        try {
            chosen = Metric.parseList(metrics != null ? metrics : images != null ? "niqe,grid" : "psnr,ssim,niqe,grid,texture");
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--metrics: " + e.getMessage());
        }
        if (images != null) {
            return scoreImages(chosen);
        }
        var tilingOptions = tiling.options(spec.commandLine());
        if (model == null) {
            if (ranges.inputRange != null || ranges.outputRange != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--input-range/--output-range need --model with an .onnx file");
            }
            if (ranges.noRewrites) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--no-onnx-rewrites needs --model with an .onnx file");
            }
            if (tiling.backProjection.asked()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--back-projection needs --model");
            }
            if (tiling.selfEnsemble) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--self-ensemble needs --model");
            }
            return evaluate(resolver(method == null ? "bicubic" : method, scale), chosen);
        }
        try (SuperResolutionModel m = ModelChoice.load(spec.commandLine(), model, ranges)) {
            if (m.scale() != scale) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--scale is " + scale + " but model " + model
                        + " upscales x" + m.scale());
            }
            return evaluate(Upscaler.builder(m).optTiling(tilingOptions).optBackProjection(tiling.backProjection.iterations())
                    .optSelfEnsemble(tiling.selfEnsemble).build(), chosen);
        }
    }

    /** No-reference mode: the images of --images as they are. */
    private int scoreImages(Set<Metric> chosen) throws IOException {
        CommandLine cl = spec.commandLine();
        for (String given : new String[] {lr == null ? null : "--lr", method == null ? null : "--method",
            model == null ? null : "--model", saveSr == null ? null : "--save-sr",
            !tiling.backProjection.asked() ? null : "--back-projection", tiling.selfEnsemble ? "--self-ensemble" : null}) {
            if (given != null) {
                throw new CommandLine.ParameterException(cl, given + " does not apply to --images (no-reference scoring)");
            }
        }
        for (Metric m : chosen) {
            if (m.needsReference()) {
                throw new CommandLine.ParameterException(cl, "--metrics " + m.key() + " needs ground truth (--hr); with --images "
                        + "only niqe and grid");
            }
        }
        PrintWriter out = cl.getOut();
        MetricOptions options = new MetricOptions(shave == null ? scale : shave, floatY ? LumaMode.FLOAT : LumaMode.UINT8);
        BenchmarkReport r = new NoReferenceScorer(new ImageLoader((long) (maxMegapixels * 1e6)), options, scale, chosen)
                .score(images, i -> printImage(out, i, chosen));
        return report(r, out);
    }

    private int evaluate(SuperResolver resolver, Set<Metric> chosen) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        MetricOptions options = new MetricOptions(shave == null ? scale : shave, floatY ? LumaMode.FLOAT : LumaMode.UINT8);
        BenchmarkReport r = BenchmarkRunner.builder(resolver)
                .hrDir(hr)
                .lrDir(lr)
                .metricOptions(options)
                .loader(new ImageLoader((long) (maxMegapixels * 1e6)))
                .srOutputDir(saveSr)
                .optMetrics(chosen)
                .optListener(i -> printImage(out, i, chosen))
                .build()
                .run();
        return report(r, out);
    }

    private int report(BenchmarkReport r, PrintWriter out) throws IOException {
        if (json != null) {
            ReportFormats.writeJson(r, withParents(json));
        }
        if (csv != null) {
            ReportFormats.writeCsv(r, withParents(csv));
        }
        if (markdown != null) {
            ReportFormats.writeMarkdown(r, withParents(markdown));
        }
        if (images != null) {
            out.printf(Locale.ROOT, "%s (%d images, no reference, border %d)%s%n", r.dataset(), r.images().size(),
                    r.options().shave(), EvaluationLines.means(r));
        } else {
            out.println(EvaluationLines.summary(r, lr == null ? null : lr.toString()));
        }
        for (Path p : new Path[] {json, csv, markdown}) {
            if (p != null) {
                out.println("wrote " + p);
            }
        }
        out.flush();
        return 0;
    }

    private static void printImage(PrintWriter out, ImageResult i, Set<Metric> chosen) {
        out.println(EvaluationLines.image(i, chosen));
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
