package io.github.srgandl4j.data.benchmark;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.data.io.ImageFiles;
import io.github.srgandl4j.data.io.ImageLoader;
import io.github.srgandl4j.data.metrics.FineDetail;
import io.github.srgandl4j.data.metrics.Metric;
import io.github.srgandl4j.data.metrics.MetricOptions;
import io.github.srgandl4j.data.metrics.Niqe;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Scores a folder of images as they are, without ground truth (for example the outputs of
 * {@code srgan upscale} on real photos), with the no-reference measures: NIQE and grid. The
 * report's method is {@code "none"}, its HR folder the scored folder, PSNR/SSIM/texture NaN.
 */
public final class NoReferenceScorer {
    private final ImageLoader loader;
    private final MetricOptions options;
    private final int period;
    private final Set<Metric> metrics;

    /**
     * @param loader reads the images
     * @param options border crop ({@code shave}) for NIQE and grid
     * @param period the grid's period (the scale factor the images were upscaled by)
     * @param metrics no-reference metrics only ({@link Metric#NIQE}, {@link Metric#GRID})
     */
    public NoReferenceScorer(ImageLoader loader, MetricOptions options, int period, Set<Metric> metrics) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.options = Objects.requireNonNull(options, "options");
        if (period < 1) {
            throw new IllegalArgumentException("period must be >= 1, got " + period);
        }
        this.period = period;
        for (Metric m : metrics) {
            if (m.needsReference()) {
                throw new IllegalArgumentException(m.key() + " needs ground-truth images; without them only niqe and grid");
            }
        }
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("at least one metric is needed");
        }
        this.metrics = EnumSet.copyOf(metrics);
    }

    /** Scores every image of {@code dir}, calling {@code listener} (may be null) after each. */
    public BenchmarkReport score(Path dir, Consumer<ImageResult> listener) throws IOException {
        List<ImageResult> results = new ArrayList<>();
        for (Path file : ImageFiles.list(dir)) {
            ImageData img = loader.read(file).withoutAlpha();
            double niqe = Double.NaN;
            double grid = Double.NaN;
            try {
                if (metrics.contains(Metric.NIQE)) {
                    niqe = Niqe.standard().score(img, options.shave());
                }
                if (metrics.contains(Metric.GRID)) {
                    grid = FineDetail.of(img, period, options.shave()).grid();
                }
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
            ImageResult r = new ImageResult(file.getFileName().toString(), img.width(), img.height(), Double.NaN, Double.NaN,
                    0, niqe, grid, Double.NaN, Double.NaN);
            results.add(r);
            if (listener != null) {
                listener.accept(r);
            }
        }
        return new BenchmarkReport("none", period, BenchmarkRunner.datasetName(dir), dir, null, options, results, metrics);
    }
}
