package io.github.srgandl4j.examples.cli;

import io.github.srgandl4j.core.model.Models;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.core.onnx.OnnxImportOptions;
import io.github.srgandl4j.core.onnx.ValueRange;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Turns a {@code --model} value into a loaded model: a built-in name ({@code default},
 * {@code srgan}, {@code srresnet}), an ONNX file (imported with the value ranges of
 * {@code --input-range}/{@code --output-range}, default [0, 1] both) or a library model file (whose
 * value ranges are recorded in it, so the range flags are refused). {@code --no-onnx-rewrites} imports an
 * ONNX file without the inference rewrites.
 */
final class ModelChoice {
    private ModelChoice() {}

    /** Value-range flags for imported ONNX files. */
    static final class RangeOptions {
        @CommandLine.Option(names = "--input-range", paramLabel = "MIN,MAX",
                description = "Input value range of an imported .onnx model, e.g. 0,1 (default) or -1,1.")
        String inputRange;

        @CommandLine.Option(names = "--output-range", paramLabel = "MIN,MAX",
                description = "Output value range of an imported .onnx model, e.g. 0,1 (default) or -1,1 (tanh).")
        String outputRange;

        @CommandLine.Option(names = "--no-onnx-rewrites",
                description = "Import an .onnx model op by op, without the inference rewrites (channels-last "
                        + "convolutions, native depth-to-space, polyphase tail; docs/architecture.md). They compute the "
                        + "same function; this is for ruling them out when looking for a problem.")
        boolean noRewrites;
    }

    static boolean isOnnx(String spec) {
        return spec.toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    /**
     * Loads {@code spec}.
     *
     * @throws CommandLine.ParameterException (exit 2) for malformed or misplaced range flags
     */
    static SuperResolutionModel load(CommandLine cl, String spec, RangeOptions ranges) {
        boolean rangesGiven = ranges != null && (ranges.inputRange != null || ranges.outputRange != null);
        if (ranges != null && ranges.noRewrites && !isOnnx(spec)) {
            throw new CommandLine.ParameterException(cl, "--no-onnx-rewrites applies to .onnx files only, not to '"
                    + spec + "'");
        }
        if (Models.isBuiltIn(spec)) {
            if (rangesGiven) {
                throw new CommandLine.ParameterException(cl, "--input-range/--output-range apply to .onnx files only; the"
                        + " built-in model '" + spec + "' has its value ranges recorded");
            }
            return Models.load(spec);
        }
        Path file = Path.of(spec);
        if (!isOnnx(spec)) {
            if (rangesGiven) {
                throw new CommandLine.ParameterException(cl, "--input-range/--output-range apply to .onnx files only; "
                        + spec + " is a library model file, whose value ranges are recorded in it");
            }
            return Models.load(file);
        }
        OnnxImportOptions.Builder b = OnnxImportOptions.builder();
        if (ranges != null && ranges.inputRange != null) {
            b.inputRange(parse(cl, "--input-range", ranges.inputRange));
        }
        if (ranges != null && ranges.outputRange != null) {
            b.outputRange(parse(cl, "--output-range", ranges.outputRange));
        }
        if (ranges != null && ranges.noRewrites) {
            b.inferenceRewrites(false);
        }
        return Models.load(file, b.build());
    }

    private static ValueRange parse(CommandLine cl, String flag, String text) {
        try {
            return ValueRange.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, flag + ": " + e.getMessage());
        }
    }
}
