package io.github.srgandl4j.spark;

import io.github.srgandl4j.core.model.Models;
import io.github.srgandl4j.core.model.Models;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.core.onnx.OnnxImportOptions;
import io.github.srgandl4j.core.onnx.ValueRange;
import java.io.IOException;
import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Which model a job runs, as it travels to the executors: a built-in name ({@code default},
 * {@code srgan}, {@code srresnet}: read from the jar on every executor), a library model file or
 * an ONNX generator on any Hadoop file system (a remote file is copied to the executor's local
 * disk once, when the model is loaded), with the value ranges of an ONNX file (the same rules as
 * {@code srgan upscale --model}: range flags only for {@code .onnx}).
 *
 * @param model a built-in name or a file path/URI
 * @param inputRange {@code MIN,MAX} for an ONNX file, or null for the default [0, 1]
 * @param outputRange {@code MIN,MAX} for an ONNX file, or null for the default [0, 1]
 */
public record ModelSource(String model, String inputRange, String outputRange) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * @throws IllegalArgumentException for range flags on a built-in model or a library model file,
     *     or malformed ranges
     */
    public ModelSource {
        Objects.requireNonNull(model, "model");
        boolean rangesGiven = inputRange != null || outputRange != null;
        if (rangesGiven && Models.isBuiltIn(model)) {
            throw new IllegalArgumentException("--input-range/--output-range apply to .onnx files only; the"
                    + " built-in model '" + model + "' has its value ranges recorded");
        }
        if (rangesGiven && !isOnnx(model)) {
            throw new IllegalArgumentException("--input-range/--output-range apply to .onnx files only; "
                    + model + " is a library model file, whose value ranges are recorded in it");
        }
        if (inputRange != null) {
            parse("--input-range", inputRange);
        }
        if (outputRange != null) {
            parse("--output-range", outputRange);
        }
    }

    /** A built-in model or a library model file (no ranges). */
    public static ModelSource of(String model) {
        return new ModelSource(model, null, null);
    }

    private static boolean isOnnx(String spec) {
        return spec.toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    private static ValueRange parse(String flag, String text) {
        try {
            return ValueRange.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
        }
    }

    /** Loads the model (on whichever JVM calls it). */
    public SuperResolutionModel load(HadoopConf conf) throws IOException {
        if (Models.isBuiltIn(model)) {
            return Models.load(model);
        }
        Path file = UpscalePlan.qualify(conf.get(), model);
        FileSystem fs = file.getFileSystem(conf.get());
        try (LocalView local = LocalView.forReading(fs, file)) {
            if (!isOnnx(model)) {
                return Models.load(local.path());
            }
            OnnxImportOptions.Builder b = OnnxImportOptions.builder();
            if (inputRange != null) {
                b.inputRange(ValueRange.parse(inputRange));
            }
            if (outputRange != null) {
                b.outputRange(ValueRange.parse(outputRange));
            }
            return Models.load(local.path(), b.build());
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
