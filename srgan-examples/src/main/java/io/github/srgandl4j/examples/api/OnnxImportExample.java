package io.github.srgandl4j.examples.api;

import io.github.srgandl4j.core.model.Models;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.core.onnx.OnnxImportOptions;
import io.github.srgandl4j.core.onnx.ValueRange;
import io.github.srgandl4j.core.upscale.Upscaler;
import io.github.srgandl4j.data.io.ImageLoader;
import io.github.srgandl4j.data.io.PngWriter;
import java.nio.file.Path;

/**
 * Imports a PyTorch generator exported to ONNX, upscales an image with it and keeps it as a library
 * model file. Arguments: .onnx file, input image, output PNG, output .srgan file.
 */
public final class OnnxImportExample {
    private OnnxImportExample() {}

    public static void main(String[] args) throws Exception {
        // tag::example[]
        OnnxImportOptions ranges = OnnxImportOptions.builder()       // ONNX files do not record value ranges
                .inputRange(ValueRange.ZERO_ONE).outputRange(ValueRange.ZERO_ONE).build();
        try (SuperResolutionModel model = Models.load(Path.of(args[0]), ranges)) {
            PngWriter.write(Upscaler.of(model).upscale(new ImageLoader().read(Path.of(args[1]))), Path.of(args[2]));
            model.save(Path.of(args[3]));                             // the ONNX graph and its ranges
        }
        // end::example[]
    }
}
