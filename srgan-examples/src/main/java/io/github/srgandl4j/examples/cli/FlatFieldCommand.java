package io.github.srgandl4j.examples.cli;

import io.github.srgandl4j.core.image.BicubicUpscaler;
import io.github.srgandl4j.core.image.SuperResolver;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.core.upscale.Upscaler;
import io.github.srgandl4j.data.metrics.FlatField;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code srgan flatfield}: the flat-field test of a model (uniform grey in, how uniform out). */
@Command(
        name = "flatfield",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Flat-field test: upscale uniform SIZE x SIZE grey images (R = G = B = each --levels value) with the model, "
                    + "tile by tile exactly as 'srgan upscale' does, and report the largest deviation from the level in "
                    + "the outermost " + FlatField.BORDER + " output pixels and the standard deviation inside them "
                    + "(8-bit levels; an ideal model gives 0 and 0). See docs/metrics.md."
        })
final class FlatFieldCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "default|srgan|srresnet|FILE", defaultValue = "default",
            description = "A built-in model, a library model file or an ONNX generator (default: ${DEFAULT-VALUE}); "
                    + "'bicubic' for the reference interpolation.")
    String model;

    @Option(names = "--size", defaultValue = "64", paramLabel = "PX", description = "Input side in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--levels", split = ",", defaultValue = "128,32,224", paramLabel = "L",
            description = "Grey levels 0..255 (default: ${DEFAULT-VALUE}: mid grey, dark, light).")
    List<Integer> levels;

    @CommandLine.Mixin
    ModelChoice.RangeOptions ranges = new ModelChoice.RangeOptions();

    @CommandLine.Mixin
    TilingFlags tiling = new TilingFlags();

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (size < 1) {
            throw new CommandLine.ParameterException(cl, "--size must be >= 1, got " + size);
        }
        for (int l : levels) {
            if (l < 0 || l > 255) {
                throw new CommandLine.ParameterException(cl, "--levels must be 0..255, got " + l);
            }
        }
        var tilingOptions = tiling.options(cl);
        if (model.equalsIgnoreCase("bicubic")) {
            if (tiling.backProjection.asked()) {
                throw new CommandLine.ParameterException(cl, "--back-projection applies to models, not to bicubic");
            }
            if (tiling.selfEnsemble) {
                throw new CommandLine.ParameterException(cl, "--self-ensemble applies to models, not to bicubic");
            }
            return run(new BicubicUpscaler(4), "bicubic");
        }
        try (SuperResolutionModel m = ModelChoice.load(cl, model, ranges)) {
            return run(Upscaler.builder(m).optTiling(tilingOptions).optBackProjection(tiling.backProjection.iterations())
                    .optSelfEnsemble(tiling.selfEnsemble).build(),
                    Upscaler.label(model, tiling.selfEnsemble, tiling.backProjection.iterations()));
        }
    }

    private int run(SuperResolver resolver, String name) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "flat field of %s (x%d, %dx%d input; border = outermost %d output pixels)%n", name,
                resolver.scale(), size, size, FlatField.BORDER);
        for (int level : levels) {
            FlatField.Result r = FlatField.measure(resolver, size, level);
            out.printf(Locale.ROOT, "level %3d: border max deviation %5.1f, interior std %6.3f (max deviation %5.1f)%n",
                    level, r.borderMaxDeviation(), r.interiorStd(), r.interiorMaxDeviation());
            out.flush();
        }
        return 0;
    }
}
