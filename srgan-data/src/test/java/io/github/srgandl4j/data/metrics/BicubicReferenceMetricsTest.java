package io.github.srgandl4j.data.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.testing.SharedData;
import io.github.srgandl4j.data.io.ImageLoader;
import io.github.srgandl4j.core.image.BicubicResize;
import io.github.srgandl4j.data.testing.Benchmarks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bicubic x4 PSNR/SSIM of every shared benchmark image must equal the reference table
 * ({@code bicubic_x4_reference.csv}, computed with an independent implementation of the MATLAB
 * protocol) within 0.001 dB and 0.0001, and the set means must equal the published ones.
 */
class BicubicReferenceMetricsTest {
    private static final Map<String, double[]> EXPECTED_MEANS = Map.of(
            "Set5", new double[] {28.4177, 0.8101},
            "Set14", new double[] {25.9933, 0.7023},
            "BSD100", new double[] {25.9565, 0.6672});

    @Test
    void bicubicX4MatchesReferenceCsvPerImageAndMean() throws Exception {
        Path csv = SharedData.require("data/benchmarks/bicubic_x4_reference.csv");
        List<String> lines = Files.readAllLines(csv);
        assertEquals("set,hr_file,psnr_y_db,ssim_y", lines.get(0).trim());
        ImageLoader loader = new ImageLoader();
        MetricOptions options = MetricOptions.standard(4);
        Map<String, double[]> sums = new LinkedHashMap<>();
        int rows = 0;
        double worstPsnr = 0;
        double worstSsim = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            String set = f[0];
            Path hrFile = Benchmarks.hrDir(set).resolve(f[1]);
            ImageData hr = loader.read(hrFile);
            ImageData lr = loader.read(Benchmarks.lrFor(set, hrFile));
            ImageData sr = BicubicResize.upscale(lr, 4);
            QualityScore s = ImageQuality.score(sr, hr, options);
            double ep = Double.parseDouble(f[2]);
            double es = Double.parseDouble(f[3]);
            worstPsnr = Math.max(worstPsnr, Math.abs(s.psnr() - ep));
            worstSsim = Math.max(worstSsim, Math.abs(s.ssim() - es));
            assertEquals(ep, s.psnr(), 0.001, set + "/" + f[1] + " PSNR");
            assertEquals(es, s.ssim(), 0.0001, set + "/" + f[1] + " SSIM");
            double[] acc = sums.computeIfAbsent(set, k -> new double[3]);
            acc[0] += s.psnr();
            acc[1] += s.ssim();
            acc[2]++;
            rows++;
        }
        assertEquals(119, rows, "reference rows");
        for (Map.Entry<String, double[]> e : EXPECTED_MEANS.entrySet()) {
            double[] acc = sums.get(e.getKey());
            assertTrue(acc != null, "no rows for " + e.getKey());
            // the published means have 4 decimals
            assertEquals(e.getValue()[0], acc[0] / acc[2], 0.00005, e.getKey() + " mean PSNR");
            assertEquals(e.getValue()[1], acc[1] / acc[2], 0.00005, e.getKey() + " mean SSIM");
        }
        System.out.printf("worst |dPSNR| %.6f dB, worst |dSSIM| %.6f%n", worstPsnr, worstSsim);
    }
}
