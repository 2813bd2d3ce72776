package io.github.srgandl4j.examples.cli;

import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.onnxruntime.OrtGeneratorModel;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/**
 * The {@code --runtime} flag: {@code samediff} (default) runs a loaded model as it is;
 * {@code onnxruntime} hands it to ONNX Runtime ({@link OrtGeneratorModel}), with the same scale, value
 * ranges and receptive radius, so the upscaler's tiling is unchanged.
 */
final class RuntimeChoice {
    static final String SAMEDIFF = "samediff";
    static final String ONNXRUNTIME = "onnxruntime";
    static final List<String> NAMES = List.of(SAMEDIFF, ONNXRUNTIME);

    private RuntimeChoice() {}

    /**
     * The model to run with {@code runtime}; on any failure {@code loaded} is closed.
     *
     * @throws CommandLine.ParameterException (exit 2) for an unknown runtime name
     */
    static SuperResolutionModel wrap(CommandLine cl, String runtime, SuperResolutionModel loaded) {
        String r = runtime.toLowerCase(Locale.ROOT);
        if (r.equals(SAMEDIFF)) {
            return loaded;
        }
        try {
            if (!r.equals(ONNXRUNTIME)) {
                throw new CommandLine.ParameterException(cl, "--runtime must be one of " + String.join(", ", NAMES) + ", got '"
                        + runtime + "'");
            }
            return OrtGeneratorModel.builder().setModel(loaded).build();
        } catch (RuntimeException e) {
            loaded.close();
            throw e;
        }
    }
}
