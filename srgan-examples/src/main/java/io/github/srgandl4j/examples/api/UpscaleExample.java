package io.github.srgandl4j.examples.api;

import io.github.srgandl4j.core.model.Models;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.core.upscale.Upscaler;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/** Upscales one image x4. Arguments: model ("default", "srresnet", a .srgan or .onnx file), input, output PNG. */
public final class UpscaleExample {
    private UpscaleExample() {}

    public static void main(String[] args) throws Exception {
        // tag::example[]
        try (SuperResolutionModel model = Models.load(args[0])) {   // the caller owns the model
            Upscaler upscaler = Upscaler.of(model);                   // borrows it: tiles, alpha, grey
            BufferedImage lr = ImageIO.read(new File(args[1]));
            BufferedImage sr = upscaler.upscale(lr);                  // TYPE_INT_RGB for an RGB input
            ImageIO.write(sr, "png", new File(args[2]));
        }
        // end::example[]
    }
}
