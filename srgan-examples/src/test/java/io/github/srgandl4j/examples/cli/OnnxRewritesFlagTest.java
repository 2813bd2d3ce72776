package io.github.srgandl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.testing.SharedData;
import io.github.srgandl4j.data.io.ImageLoader;
import io.github.srgandl4j.data.io.PngWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --no-onnx-rewrites}: an .onnx model imported op by op gives the same image; other models refuse it. */
class OnnxRewritesFlagTest {
    @TempDir
    Path tmp;

    @Test
    void sameImageWithoutTheRewritesAndRefusedForOtherModels() throws Exception {
        Path onnx = SharedData.require("models/pretrained/srgan_x4_leftthomas.onnx");
        Path img = tmp.resolve("x.png");
        PngWriter.write(UpscaleCommandTest.random(13, 11, 3, false, 16, 4), img);
        Path fast = tmp.resolve("fast");
        Path plain = tmp.resolve("plain");
        assertEquals(0, CliRun.of("upscale", "--model", onnx.toString(), img.toString(), "-o", fast.toString()).exit());
        CliRun off = CliRun.of("upscale", "--model", onnx.toString(), "--no-onnx-rewrites", img.toString(), "-o", plain.toString());
        assertEquals(0, off.exit(), off.err());
        ImageLoader loader = new ImageLoader();
        ImageData a = loader.read(fast.resolve("x.png"));
        ImageData b = loader.read(plain.resolve("x.png"));
        assertEquals(16, a.bitDepth());
        assertEquals(a.pixels().length, b.pixels().length);
        double d = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            d = Math.max(d, Math.abs(a.pixels()[i] - b.pixels()[i]));
        }
        // the two imports differ by about 2e-6 before rounding to 16 bits: at most one level apart
        assertTrue(d <= 1.0 / 65535 + 1e-7, "max difference " + d);

        CliRun builtIn = CliRun.of("upscale", "--model", "default", "--no-onnx-rewrites", img.toString(), "-o",
                tmp.resolve("o").toString());
        assertEquals(2, builtIn.exit());
        assertTrue(builtIn.err().contains("--no-onnx-rewrites applies to .onnx files only"), builtIn.err());
    }
}
