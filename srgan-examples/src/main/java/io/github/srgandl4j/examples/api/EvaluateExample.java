package io.github.srgandl4j.examples.api;

import io.github.srgandl4j.core.model.Models;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.core.upscale.Upscaler;
import io.github.srgandl4j.data.benchmark.BenchmarkReport;
import io.github.srgandl4j.data.benchmark.BenchmarkRunner;
import java.nio.file.Path;

/** PSNR/SSIM (Y channel, border = scale) of a model. Arguments: model, HR folder, LR folder. */
public final class EvaluateExample {
    private EvaluateExample() {}

    public static void main(String[] args) throws Exception {
        BenchmarkReport r = run(args[0], Path.of(args[1]), Path.of(args[2]));
        System.out.printf("%s: PSNR %.4f dB, SSIM %.4f over %d images%n", r.dataset(), r.meanPsnr(), r.meanSsim(),
                r.images().size());
    }

    static BenchmarkReport run(String modelName, Path hrDir, Path lrDir) throws Exception {
        // tag::example[]
        try (SuperResolutionModel model = Models.load(modelName)) {
            // the network's own output, as papers score it (Upscaler.of(model) also back-projects once)
            Upscaler upscaler = Upscaler.builder(model).optBackProjection(0).build();
            return BenchmarkRunner.builder(upscaler)                 // any SuperResolver, e.g. new BicubicUpscaler(4)
                    .hrDir(hrDir)
                    .lrDir(lrDir)                                    // leave out to make LR by MATLAB bicubic
                    .build()
                    .run();
        }
        // end::example[]
    }
}
