package io.github.srgandl4j.core.model;

import io.github.srgandl4j.core.onnx.OnnxImportOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one way to load a super-resolution model: a built-in name, a library model file of any
 * generator kind, or an ONNX file.
 *
 * <pre>{@code
 * try (SuperResolutionModel m = Models.load("default")) { ... }               // bundled default model (srgan)
 * try (SuperResolutionModel m = Models.load(Path.of("my.srgan"))) { ... }     // a library model file
 * try (SuperResolutionModel m = Models.load(Path.of("x4.onnx"),              // an ONNX generator
 *         OnnxImportOptions.builder().outputRange(ValueRange.MINUS_ONE_ONE).build())) { ... }
 * }</pre>
 *
 * <p>The caller owns the returned model and closes it.
 */
public final class Models {
    private Models() {}

    /** The built-in names {@link #load(String)} accepts: {@code default} (= {@code srgan}), {@code srgan}, {@code srresnet}. */
    public static List<String> builtInNames() {
        return BuiltInModels.NAMES;
    }

    /** True if {@code name} is one of {@link #builtInNames()} (case-insensitive). */
    public static boolean isBuiltIn(String name) {
        return BuiltInModels.isName(name);
    }

    /**
     * Loads a built-in model by name ({@link #builtInNames()}, case-insensitive) or else the file
     * {@code nameOrFile} names, as {@link #load(Path)}. To load a file that is called like a built-in
     * name, pass a {@link Path}.
     *
     * @throws IllegalStateException if a built-in model is not bundled in this build
     * @throws ModelFileException if the file is missing, unreadable or no generator
     */
    public static SuperResolutionModel load(String nameOrFile) {
        if (isBuiltIn(nameOrFile)) {
            return BuiltInModels.load(nameOrFile);
        }
        return load(Path.of(nameOrFile));
    }

    /** Loads {@code file}: {@code *.onnx} is imported with default ranges ([0, 1] in and out). */
    public static SuperResolutionModel load(Path file) {
        return load(file, OnnxImportOptions.defaults());
    }

    /**
     * Loads {@code file}; {@code onnxOptions} apply to {@code *.onnx} files (value ranges of models
     * that do not record them).
     */
    public static SuperResolutionModel load(Path file, OnnxImportOptions onnxOptions) {
        if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".onnx")) {
            return OnnxGeneratorModel.importFile(file, onnxOptions);
        }
        if (!Files.exists(file) && file.getNameCount() == 1 && isBuiltIn(file.toString())) {
            throw new ModelFileException(file.toAbsolutePath(), "does not exist; for the built-in model '" + file
                    + "' call Models.load(\"" + file + "\") with a String");
        }
        ModelArchive a = ModelFiles.read(file);
        switch (a.kind()) {
            case SrResNetModel.KIND:
                return SrResNetModel.fromArchive(file, a);
            case OnnxGeneratorModel.KIND:
                return OnnxGeneratorModel.fromArchive(file, a);
            default:
                throw new ModelFileException(file.toAbsolutePath(), "holds a '" + a.kind()
                        + "', which is not a super-resolution generator (expected " + SrResNetModel.KIND + " or "
                        + OnnxGeneratorModel.KIND + ")");
        }
    }
}
