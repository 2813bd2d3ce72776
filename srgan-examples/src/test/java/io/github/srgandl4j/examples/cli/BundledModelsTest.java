package io.github.srgandl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.model.Models;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.core.testing.SharedData;
import io.github.srgandl4j.data.io.ImageLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The models bundled in the jar: the README's main job works with no other file, {@code default} is
 * the SRGAN (since 2026-11-30, when it met issue 16's perceptual targets), and each model scores on Set5 what its
 * provenance records.
 */
class BundledModelsTest {
    @TempDir
    Path tmp;

    @Test
    void theReadmeMainJobUpscalesTheShippedSampleWithTheDefaultModel() throws Exception {
        Path sample = Path.of("..", "samples", "astronaut-128.png");
        assertTrue(Files.isRegularFile(sample), "the sample ships in the repository: " + sample.toAbsolutePath());
        Path out = tmp.resolve("astronaut-x4.png");
        CliRun r = CliRun.of("upscale", sample.toString(), "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        // the default model is the SRGAN, back-projected once (README.md says so)
        assertTrue(r.out().contains("(x4, srgan+bp1, tile 192 pad 16, "), r.out());
        ImageLoader loader = new ImageLoader();
        ImageData sr = loader.read(out);
        assertEquals(512, sr.width());
        assertEquals(512, sr.height());
        Path viaName = tmp.resolve("srgan.png");
        assertEquals(0, CliRun.of("upscale", "--model", "srgan", sample.toString(), "-o", viaName.toString()).exit());
        assertArrayEquals(sr.toUint8(), loader.read(viaName).toUint8(), "default is srgan");
    }

    @Test
    void bundledModelsScoreOnSet5WhatTheirProvenanceRecords() throws Exception {
        Path hr = SharedData.require("data/benchmarks/Set5/HR");
        Path lr = SharedData.require("data/benchmarks/Set5/LR_bicubic_x4");
        double[] psnr = new double[2];
        String[] names = {"srresnet", "srgan"};
        String[] borders = {"reflect", "reflect"};
        for (int i = 0; i < names.length; i++) {
            Map<String, String> details;
            try (SuperResolutionModel m = Models.load(names[i])) {
                SrResNetModel g = (SrResNetModel) m;
                assertEquals(4, g.scale());
                assertTrue(Files.size(Path.of("..", "srgan-core", "src", "main", "resources", "io", "github", "srgandl4j", "models",
                        names[i] + ".srgan")) <= 10L << 20, names[i] + ": at most 10 MB");
                details = g.provenance().details();
            }
            for (String key : new String[] {"stage", "iterations", "batchSize", "hrCrop", "data", "validationPsnr", "commit"}) {
                assertNotNull(details.get(key), names[i] + " provenance lacks " + key + ": " + details);
            }
            Path json = tmp.resolve(names[i] + ".json");
            // each provenance records the trainer's validation, with reflection padding at the border (srgan bundled in
            // session 15, 2026-11-30, from run rg; srresnet in session 20, 2026-12-01, from run syb); the trainer scores the network's own
            // output, without back-projection
            CliRun r = CliRun.of("evaluate", "--model", names[i], "--hr", hr.toString(), "--lr", lr.toString(), "--json",
                    json.toString(), "--border", borders[i], "--back-projection", "0");
            assertEquals(0, r.exit(), r.err());
            psnr[i] = new ObjectMapper().readTree(json.toFile()).get("mean_psnr").asDouble();
            assertEquals(Double.parseDouble(details.get("validationPsnr")), psnr[i], 0.001, names[i]);
        }
        assertTrue(psnr[0] > 28.4177, "SRResNet must beat bicubic on Set5 (28.4177 dB): " + psnr[0]);
        // stricter than issue 16's target (at most 2.5 dB); measured 2026-12-01, session 20: 29.0140 against 30.9854, 1.97
        // dB (1.93 against session 17's srresnet), so a better srresnet without a better srgan will reach this bound
        assertTrue(psnr[1] >= psnr[0] - 2.0, "SRGAN at most 2 dB below SRResNet: " + psnr[1] + " vs " + psnr[0]);
    }
}
