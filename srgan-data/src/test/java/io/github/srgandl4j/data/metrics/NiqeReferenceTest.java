package io.github.srgandl4j.data.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.testing.SharedData;
import io.github.srgandl4j.data.io.ImageLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * NIQE of every row of {@code models/niqe/niqe_reference.csv} (the benchmark HR images with crop
 * border 0 and 4 and {@code baboon.png}, computed with BasicSR's independent Python port of the
 * MATLAB release) must agree within 0.01, and {@code baboon.png} with MATLAB R2021a's 5.72957338.
 */
class NiqeReferenceTest {
    private static final double TOLERANCE = 0.01;

    @Test
    void everyReferenceRowWithinTolerance() throws Exception {
        Path csv = SharedData.require("models/niqe/niqe_reference.csv");
        List<String> lines = Files.readAllLines(csv);
        assertEquals("file,crop_border,niqe", lines.get(0).trim());
        ImageLoader loader = new ImageLoader();
        Map<String, ImageData> images = new HashMap<>();
        List<String> failures = new ArrayList<>();
        double worst = 0;
        int rows = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            ImageData img = images.computeIfAbsent(f[0], k -> read(loader, csv.getParent().getParent().getParent().resolve(k)));
            double expected = Double.parseDouble(f[2]);
            double got = Niqe.standard().score(img, Integer.parseInt(f[1]));
            double diff = Math.abs(got - expected);
            worst = Math.max(worst, diff);
            if (!(diff <= TOLERANCE)) {
                failures.add(String.format(Locale.ROOT, "%s crop %s: %.6f, expected %.6f", f[0], f[1], got, expected));
            }
            rows++;
        }
        assertEquals(239, rows, "reference rows");
        assertTrue(failures.isEmpty(), failures.size() + " of " + rows + " rows off by more than " + TOLERANCE + ": " + failures);
        System.out.printf(Locale.ROOT, "NIQE: %d reference rows, largest difference %.2e%n", rows, worst);
    }

    @Test
    void baboonMatchesMatlab() throws Exception {
        Path file = SharedData.require("models/niqe/baboon.png");
        assertEquals(5.72957338, Niqe.standard().score(new ImageLoader().read(file), 0), TOLERANCE);
    }

    private static ImageData read(ImageLoader loader, Path p) {
        try {
            return loader.read(p);
        } catch (Exception e) {
            throw new AssertionError("cannot read " + p, e);
        }
    }
}
