package io.github.srgandl4j.core.model;

import io.github.srgandl4j.core.onnx.OnnxImportOptions;
import java.nio.file.Path;

/** Loads any super-resolution model: a library model file of any generator kind, or an ONNX file. */
public final class Models {
    private Models() {}

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
