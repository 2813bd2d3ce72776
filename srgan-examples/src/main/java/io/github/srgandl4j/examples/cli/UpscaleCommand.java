package io.github.srgandl4j.examples.cli;

import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.core.upscale.Upscaler;
import io.github.srgandl4j.data.io.ImageLoader;
import io.github.srgandl4j.data.upscale.BatchPlan;
import io.github.srgandl4j.data.upscale.BatchSummary;
import io.github.srgandl4j.data.upscale.BatchUpscaler;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code srgan upscale}: super-resolves image files or folders into PNG files, tile by tile, with
 * a progress bar; bad files are reported and skipped (exit code 1 if any failed).
 */
@Command(
        name = "upscale",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Upscale images with a super-resolution model (x4 for the SRGAN models), tile by tile, so any image size fits"
                    + " in bounded memory.",
            "INPUT is an image file or a folder (its PNG, JPEG, BMP and TIFF files, not recursive). With one input file"
                    + " and OUT ending in .png, OUT is the output file; otherwise OUT is a folder (created) and"
                    + " NAME.ext becomes OUT/NAME.png.",
            "Grey stays grey, alpha is upscaled bicubically, 16-bit input gives 16-bit output unless --bit-depth."
                    + " A file that fails is reported and skipped; nothing partial is written. Exit code 1 if any file"
                    + " failed."
        })
final class UpscaleCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Image files or folders.")
    List<Path> inputs;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "OUT", description = "Output PNG file (one input file) or folder.")
    Path out;

    @Option(names = "--model", defaultValue = "default", paramLabel = "default|srgan|srresnet|FILE",
            description = "A built-in model, a library model file or an ONNX generator (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--runtime", defaultValue = RuntimeChoice.SAMEDIFF, paramLabel = "samediff|onnxruntime",
            description = "Inference runtime: SameDiff (default) or ONNX Runtime; same tiling, outputs within 1e-4.")
    String runtime;

    @CommandLine.Mixin
    ModelChoice.RangeOptions ranges = new ModelChoice.RangeOptions();

    @CommandLine.Mixin
    TilingFlags tiling = new TilingFlags();

    @Option(names = "--bit-depth", paramLabel = "8|16", description = "Output bits per sample (default: as the input).")
    Integer bitDepth;

    @Option(names = "--force", description = "Overwrite existing output files.")
    boolean force;

    @Option(names = "--save-model", paramLabel = "FILE",
            description = "Also write the model as a library model file (e.g. an imported .onnx with its value ranges).")
    Path saveModel;

    @Option(names = "--max-megapixels", defaultValue = "100", paramLabel = "MP",
            description = "Refuse input images larger than this (default: ${DEFAULT-VALUE}).")
    double maxMegapixels;

    /** Forces the non-interactive progress output (tests); null: interactive when a console is attached. */
    Boolean interactive;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if (bitDepth != null && bitDepth != 8 && bitDepth != 16) {
            throw new CommandLine.ParameterException(cl, "--bit-depth must be 8 or 16, got " + bitDepth);
        }
        if (!(maxMegapixels > 0)) {
            throw new CommandLine.ParameterException(cl, "--max-megapixels must be positive");
        }
        var tilingOptions = tiling.options(cl);
        BatchPlan plan;
        try {
            plan = BatchPlan.of(inputs, out, force);
        } catch (BatchPlan.OutputsExistException e) {
            throw new IOException(e.getMessage() + "; use --force to overwrite", e);
        }
        PrintWriter stdout = cl.getOut();
        try (SuperResolutionModel m = RuntimeChoice.wrap(cl, runtime, ModelChoice.load(cl, model, ranges))) {
            if (saveModel != null) {
                m.save(saveModel);
                stdout.println("saved model " + m.name() + " to " + saveModel);
            }
            boolean tty = interactive != null ? interactive : System.console() != null;
            ProgressBar[] bar = new ProgressBar[1];
            Upscaler up = Upscaler.builder(m).optTiling(tilingOptions).optBackProjection(tiling.backProjection.iterations())
                    .optSelfEnsemble(tiling.selfEnsemble)
                    .optProgress(t -> bar[0].accept(t)).build();
            bar[0] = new ProgressBar(cl.getErr(), tty, up::tileCount, "upscale");
            BatchSummary s = BatchUpscaler.builder(up)
                    .optLoader(new ImageLoader((long) (maxMegapixels * 1e6)))
                    .optBitDepth(bitDepth)
                    .optListener(bar[0])
                    .build()
                    .run(plan);
            stdout.printf(Locale.ROOT, "%s (x%d, %s, tile %d pad %d, %.1f s) -> %s%n", s.line(), m.scale(), up.name(),
                    tilingOptions.tileSize(), tilingOptions.tilePad(), s.seconds(), plan.singleFile()
                            ? plan.jobs().get(0).output() : plan.outputDir());
            stdout.flush();
            return s.failed() > 0 ? FailureHandler.EXIT_FAILURE : 0;
        }
    }
}
