package io.github.srgandl4j.data.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.image.SuperResolver;
import io.github.srgandl4j.core.testing.SharedData;
import io.github.srgandl4j.data.io.ImageFiles;
import io.github.srgandl4j.data.io.ImageLoader;
import io.github.srgandl4j.data.io.PngWriter;
import io.github.srgandl4j.data.metrics.Metric;
import io.github.srgandl4j.data.metrics.MetricOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NIQE, grid and texture in benchmark reports: a resolver that returns the ground truth must get
 * the reference NIQE of the HR images (niqe_reference.csv, crop border 4), texture exactly 1 and
 * the grid {@code training/sharpness.py} prints; the no-reference scorer the crop-0 references.
 */
class PerceptualMetricsReportTest {
    /** niqe_reference.csv rows of Set5 HR: crop 0, crop 4. */
    private static final Map<String, double[]> SET5 = Map.of(
            "img_001_SRF_4_HR.png", new double[] {3.265501, 3.322012},
            "img_002_SRF_4_HR.png", new double[] {4.362077, 5.283076},
            "img_003_SRF_4_HR.png", new double[] {5.154879, 5.205028},
            "img_004_SRF_4_HR.png", new double[] {8.350491, 8.740756},
            "img_005_SRF_4_HR.png", new double[] {4.388975, 4.635152});

    @TempDir
    Path tmp;

    @Test
    void oracleGetsHrNiqeTextureOneAndScriptGrid() throws Exception {
        Path hrDir = SharedData.require("data/benchmarks/Set5/HR");
        Map<String, ImageData> bySize = new HashMap<>();
        ImageLoader loader = new ImageLoader();
        for (Path p : ImageFiles.list(hrDir)) {
            ImageData hr = loader.read(p);
            bySize.put(hr.width() / 4 + "x" + hr.height() / 4, hr);
        }
        SuperResolver oracle = SuperResolver.of("oracle", 4, lr -> bySize.get(lr.width() + "x" + lr.height()));
        BenchmarkReport r = BenchmarkRunner.builder(oracle).hrDir(hrDir).optMetrics(EnumSet.allOf(Metric.class)).build().run();
        double sum = 0;
        for (ImageResult i : r.images()) {
            assertEquals(SET5.get(i.file())[1], i.niqe(), 0.01, i.file());
            assertEquals(1.0, i.texture(), 0, i.file());
            sum += SET5.get(i.file())[1];
        }
        assertEquals(sum / 5, r.meanNiqe(), 0.01);
        assertEquals(1.0, r.meanTexture(), 0);
        // texture_and_grid() of training/sharpness.py on Set5 img_001 HR
        assertEquals(0.10367184962642832, r.images().get(0).grid(), 1e-9);
        String json = ReportFormats.toJson(r);
        assertTrue(json.contains("\"mean_niqe\": ") && json.contains("\"mean_grid\": ") && json.contains("\"mean_texture\": 1.000000"), json);
        assertTrue(json.contains("\"niqe\": 3.3"), json);
        List<String> csv = ReportFormats.toCsv(r).lines().toList();
        assertEquals("file,width,height,psnr_y_db,ssim_y,niqe,grid,texture,seconds", csv.get(0));
        assertEquals(7, csv.size());
        assertTrue(ReportFormats.toMarkdown(r).contains("| NIQE |"));
    }

    @Test
    void noReferenceScoresImagesAsTheyAre() throws Exception {
        Path hrDir = SharedData.require("data/benchmarks/Set5/HR");
        NoReferenceScorer scorer = new NoReferenceScorer(new ImageLoader(), new MetricOptions(0, io.github.srgandl4j.data.metrics.LumaMode.UINT8), 4,
                EnumSet.of(Metric.NIQE, Metric.GRID));
        BenchmarkReport r = scorer.score(hrDir, null);
        assertEquals(5, r.images().size());
        for (ImageResult i : r.images()) {
            assertEquals(SET5.get(i.file())[0], i.niqe(), 0.01, i.file());
            assertTrue(Double.isNaN(i.psnr()));
        }
        String json = ReportFormats.toJson(r);
        assertTrue(json.contains("\"mean_niqe\"") && !json.contains("psnr") && !json.contains("texture"), json);
        assertEquals("file,width,height,niqe,grid,seconds", ReportFormats.toCsv(r).lines().findFirst().orElseThrow());
    }

    @Test
    void clearErrors() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("small"));
        PngWriter.write(ImageData.ofUint8(80, 120, 1, new int[80 * 120]), dir.resolve("tiny.png"));
        NoReferenceScorer scorer = new NoReferenceScorer(new ImageLoader(), MetricOptions.standard(4), 4, EnumSet.of(Metric.NIQE));
        IOException e = assertThrows(IOException.class, () -> scorer.score(dir, null));
        assertTrue(e.getMessage().contains("tiny.png") && e.getMessage().contains("96x96"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NoReferenceScorer(new ImageLoader(), MetricOptions.standard(4), 4,
                EnumSet.of(Metric.NIQE, Metric.TEXTURE)));
        assertThrows(IllegalArgumentException.class, () -> Metric.parseList("psnr,lpips"));
        assertEquals(EnumSet.of(Metric.PSNR, Metric.NIQE), Metric.parseList(" PSNR, niqe "));
    }
}
