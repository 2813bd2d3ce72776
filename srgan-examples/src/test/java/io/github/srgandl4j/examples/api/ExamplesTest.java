package io.github.srgandl4j.examples.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.model.LibraryInfo;
import io.github.srgandl4j.core.model.Models;
import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.core.testing.SharedData;
import io.github.srgandl4j.data.benchmark.BenchmarkReport;
import io.github.srgandl4j.data.io.PngWriter;
import io.github.srgandl4j.data.resize.Degradation;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every example program of docs/library.md on tiny data. */
class ExamplesTest {
    @TempDir
    Path tmp;

    /** A smooth random RGB image (8-bit). */
    static ImageData image(int w, int h, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double a = r.nextDouble(), b = r.nextDouble(), c = r.nextDouble();
        float[] p = new float[3 * w * h];
        for (int ch = 0; ch < 3; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 0.5 + 0.4 * Math.sin(a * x + b * y + c * ch + ch);
                    p[(ch * h + y) * w + x] = Math.round(v * 255) / 255f;
                }
            }
        }
        return ImageData.of(w, h, 3, p);
    }

    private Path folder(String name, int n, int size) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (int i = 0; i < n; i++) {
            PngWriter.write(image(size, size, i), dir.resolve("img" + i + ".png"));
        }
        return dir;
    }

    @Test
    void upscaleExampleWritesAFourTimesLargerRgbPng() throws Exception {
        Path in = tmp.resolve("in.png");
        BufferedImage lr = new BufferedImage(12, 10, BufferedImage.TYPE_INT_RGB);
        lr.setRGB(3, 4, 0xFF8040);
        ImageIO.write(lr, "png", in.toFile());
        Path out = tmp.resolve("out.png");
        UpscaleExample.main(new String[] {"default", in.toString(), out.toString()});
        BufferedImage sr = ImageIO.read(out.toFile());
        assertEquals(48, sr.getWidth());
        assertEquals(40, sr.getHeight());
    }

    @Test
    void pretrainThenSrganExamplesWriteModelsWithProvenance() throws Exception {
        Path hr = folder("hr", 4, 40);
        Path pre = tmp.resolve("pre.srgan");
        PretrainExample.run(hr, 2, SrResNetConfig.of(4, 1, 8), 32, pre);
        Map<String, String> d;
        try (SrResNetModel m = SrResNetModel.load(pre)) {
            assertEquals("srresnet", m.name());
            assertEquals(LibraryInfo.version(), m.provenance().libraryVersion());
            d = m.provenance().details();
        }
        assertEquals("2", d.get("iterations"));
        assertEquals("PRETRAIN", d.get("stage"));
        assertTrue(d.get("data").startsWith("4 images from [hr]"), d.get("data"));

        Path srgan = tmp.resolve("srgan.srgan");
        SrganExample.run(pre, hr, 1, "mse", null, 32, srgan);
        try (SrResNetModel m = SrResNetModel.load(srgan)) {
            assertEquals("srgan", m.name());
            assertEquals("ADVERSARIAL", m.provenance().details().get("stage"));
            assertEquals("1", m.provenance().details().get("iterations"));
        }
    }

    @Test
    void evaluateExampleScoresEveryImage() throws Exception {
        Path hr = SharedData.require("data/benchmarks/Set5/HR");
        Path lr = SharedData.require("data/benchmarks/Set5/LR_bicubic_x4");
        BenchmarkReport r = EvaluateExample.run("srresnet", hr, lr);
        assertEquals(5, r.images().size());
        // the bundled srresnet since 2026-12-01 session 20 (run syb): its provenance's validation (reflection padding, the
        // network's own output, as this example scores it), and above bicubic's MATLAB reference SSIM
        assertEquals(30.9854, r.meanPsnr(), 1e-3, "Set5 PSNR of the bundled srresnet");
        assertTrue(r.meanSsim() > 0.8101, "SSIM above bicubic's 0.8101: " + r.meanSsim());
    }

    @Test
    void onnxImportExampleUpscalesAndKeepsALibraryModelFile() throws Exception {
        Path onnx = SharedData.require("models/pretrained/srgan_x4_leftthomas.onnx");
        Path in = tmp.resolve("in.png");
        PngWriter.write(image(9, 7, 3), in);
        Path out = tmp.resolve("out.png");
        Path kept = tmp.resolve("kept.srgan");
        OnnxImportExample.main(new String[] {onnx.toString(), in.toString(), out.toString(), kept.toString()});
        BufferedImage sr = ImageIO.read(out.toFile());
        assertEquals(36, sr.getWidth());
        assertEquals(28, sr.getHeight());
        try (SuperResolutionModel m = Models.load(kept)) {
            assertEquals(4, m.scale());
        }
    }
}
