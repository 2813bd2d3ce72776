package io.github.srgandl4j.data.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.image.SuperResolver;
import io.github.srgandl4j.data.io.ImageLoader;
import io.github.srgandl4j.data.io.PngWriter;
import io.github.srgandl4j.data.metrics.ImageQuality;
import io.github.srgandl4j.data.metrics.LumaMode;
import io.github.srgandl4j.data.metrics.MetricOptions;
import io.github.srgandl4j.data.metrics.QualityScore;
import io.github.srgandl4j.core.image.BicubicResize;
import io.github.srgandl4j.core.image.BicubicUpscaler;
import io.github.srgandl4j.data.testing.Benchmarks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** The benchmark runner on Set5: numbers, report files and errors. */
class BenchmarkRunnerTest {
    @TempDir
    Path tmp;

    @Test
    void set5WithLrFilesAndWithDegradedHrGiveTheReferenceMeans() throws Exception {
        Path hr = Benchmarks.hrDir("Set5");
        Path lr = Benchmarks.lrDir("Set5");
        BenchmarkReport withLr = BenchmarkRunner.builder(new BicubicUpscaler(4)).hrDir(hr).lrDir(lr).build().run();
        BenchmarkReport hrOnly = BenchmarkRunner.builder(new BicubicUpscaler(4)).hrDir(hr).build().run();
        assertEquals("Set5", withLr.dataset());
        assertEquals(5, withLr.images().size());
        assertEquals(28.4177, withLr.meanPsnr(), 0.0005 + 5e-5);
        assertEquals(0.8101, withLr.meanSsim(), 0.0001 + 5e-5);
        // degrade reproduces the LR files bit-exactly, so the numbers are identical
        for (int i = 0; i < 5; i++) {
            assertEquals(withLr.images().get(i), new ImageResult(hrOnly.images().get(i).file(),
                    hrOnly.images().get(i).width(), hrOnly.images().get(i).height(), hrOnly.images().get(i).psnr(),
                    hrOnly.images().get(i).ssim(), withLr.images().get(i).seconds()));
        }
        // float Y gives (slightly) different numbers
        BenchmarkReport floatY = BenchmarkRunner.builder(new BicubicUpscaler(4)).hrDir(hr).lrDir(lr)
                .metricOptions(new MetricOptions(4, LumaMode.FLOAT)).build().run();
        assertTrue(Math.abs(floatY.meanPsnr() - withLr.meanPsnr()) > 1e-4);
        assertTrue(Math.abs(floatY.meanPsnr() - withLr.meanPsnr()) < 0.1);
    }

    @Test
    void reportsInThreeFormats() throws Exception {
        Path hr = Benchmarks.hrDir("Set5");
        Path srDir = tmp.resolve("sr");
        BenchmarkReport r = BenchmarkRunner.builder(new BicubicUpscaler(4)).hrDir(hr).srOutputDir(srDir).build().run();
        Path json = tmp.resolve("r.json");
        Path csv = tmp.resolve("r.csv");
        Path md = tmp.resolve("r.md");
        ReportFormats.writeJson(r, json);
        ReportFormats.writeCsv(r, csv);
        ReportFormats.writeMarkdown(r, md);

        JsonNode n = new ObjectMapper().readTree(json.toFile());
        assertEquals("bicubic", n.get("method").asText());
        assertEquals(4, n.get("scale").asInt());
        assertTrue(n.get("lr_dir").isNull());
        assertEquals(r.meanPsnr(), n.get("mean_psnr").asDouble(), 1e-6);
        assertEquals(r.meanSsim(), n.get("mean_ssim").asDouble(), 1e-6);
        assertEquals(5, n.get("images").size());
        JsonNode first = n.get("images").get(0);
        assertEquals("img_001_SRF_4_HR.png", first.get("file").asText());
        assertEquals(r.images().get(0).psnr(), first.get("psnr").asDouble(), 1e-6);
        assertEquals(r.images().get(0).ssim(), first.get("ssim").asDouble(), 1e-6);

        List<String> lines = Files.readAllLines(csv);
        assertEquals("file,width,height,psnr_y_db,ssim_y,seconds", lines.get(0));
        assertEquals(7, lines.size());
        String[] row = lines.get(1).split(",");
        assertEquals("img_001_SRF_4_HR.png", row[0]);
        assertEquals(r.images().get(0).psnr(), Double.parseDouble(row[3]), 1e-6);
        assertTrue(lines.get(6).startsWith("MEAN,,,"));

        String mdText = Files.readString(md);
        assertTrue(mdText.contains("| **mean** (5 images) |  | **" + String.format(java.util.Locale.ROOT, "%.4f",
                r.meanPsnr()) + "** |"), mdText);

        // the SR images were written, and scoring them from disk gives the same numbers
        ImageLoader loader = new ImageLoader();
        ImageData sr = loader.read(srDir.resolve("img_001_SRF_4_HR.png"));
        QualityScore q = ImageQuality.score(sr, loader.read(hr.resolve("img_001_SRF_4_HR.png")),
                MetricOptions.standard(4));
        assertEquals(r.images().get(0).psnr(), q.psnr(), 1e-9);
    }

    @Test
    void anyResolverAndClearErrors() throws Exception {
        Path hrDir = Files.createDirectories(tmp.resolve("hr"));
        int[] px = new int[3 * 64 * 48];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i * 31) % 256;
        }
        ImageData img = ImageData.ofUint8(64, 48, 3, px);
        PngWriter.write(img, hrDir.resolve("a.png"));
        // a perfect "resolver" that returns the HR image itself
        SuperResolver oracle = SuperResolver.of("oracle", 4, lr -> img);
        BenchmarkReport r = BenchmarkRunner.builder(oracle).hrDir(hrDir).build().run();
        assertEquals(Double.POSITIVE_INFINITY, r.meanPsnr());
        assertEquals(1.0, r.meanSsim(), 1e-12);
        assertTrue(ReportFormats.toJson(r).contains("\"mean_psnr\": null"));
        // a resolver returning the wrong size
        SuperResolver wrong = SuperResolver.of("wrong", 4, lr -> BicubicResize.upscale(lr, 2));
        IOException e = assertThrows(IOException.class, () -> BenchmarkRunner.builder(wrong).hrDir(hrDir).build().run());
        assertTrue(e.getMessage().contains("a.png") && e.getMessage().contains("expected 64x48"), e.getMessage());
        // LR folder without a matching file
        Path lrDir = Files.createDirectories(tmp.resolve("lr"));
        PngWriter.write(img, lrDir.resolve("other.png"));
        IOException m = assertThrows(IOException.class,
                () -> BenchmarkRunner.builder(oracle).hrDir(hrDir).lrDir(lrDir).build().run());
        assertTrue(m.getMessage().contains("no LR file for 1 of 1") && m.getMessage().contains("a.png"), m.getMessage());
        // LR of the wrong size
        PngWriter.write(img, lrDir.resolve("a.png"));
        IOException s = assertThrows(IOException.class,
                () -> BenchmarkRunner.builder(oracle).hrDir(hrDir).lrDir(lrDir).build().run());
        assertTrue(s.getMessage().contains("does not match HR"), s.getMessage());
        // empty HR folder
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        IOException em = assertThrows(IOException.class, () -> BenchmarkRunner.builder(oracle).hrDir(empty).build().run());
        assertTrue(em.getMessage().contains("no image files"), em.getMessage());
    }
}
