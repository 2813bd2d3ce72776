package io.github.srgandl4j.data.benchmark;

import io.github.srgandl4j.data.metrics.Metric;
import io.github.srgandl4j.data.metrics.MetricOptions;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The result of one benchmark run: per-image scores and their means.
 *
 * @param method name of the super-resolver
 * @param scale upscaling factor
 * @param dataset name of the image set (the HR folder's name, or its parent's when it is called HR)
 * @param hrDir the HR folder
 * @param lrDir the LR folder, or null when LR images were made by bicubic degradation
 * @param options how the images were scored
 * @param images per-image scores, in file-name order
 * @param metrics the measures that were computed (the others are NaN in {@code images})
 */
public record BenchmarkReport(String method, int scale, String dataset, Path hrDir, Path lrDir, MetricOptions options,
        List<ImageResult> images, Set<Metric> metrics) {
    /** A report of PSNR and SSIM. */
    public BenchmarkReport(String method, int scale, String dataset, Path hrDir, Path lrDir, MetricOptions options,
            List<ImageResult> images) {
        this(method, scale, dataset, hrDir, lrDir, options, images, EnumSet.of(Metric.PSNR, Metric.SSIM));
    }

    public BenchmarkReport {
        metrics = Set.copyOf(Objects.requireNonNull(metrics, "metrics"));
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(hrDir, "hrDir");
        Objects.requireNonNull(options, "options");
        images = List.copyOf(images);
        if (images.isEmpty()) {
            throw new IllegalArgumentException("a benchmark report needs at least one image");
        }
    }

    /** Mean PSNR over the images (dB). */
    public double meanPsnr() {
        return images.stream().mapToDouble(ImageResult::psnr).average().orElseThrow();
    }

    /** Mean SSIM over the images. */
    public double meanSsim() {
        return images.stream().mapToDouble(ImageResult::ssim).average().orElseThrow();
    }

    /** Mean NIQE over the images. */
    public double meanNiqe() {
        return images.stream().mapToDouble(ImageResult::niqe).average().orElseThrow();
    }

    /** Mean grid amplitude over the images. */
    public double meanGrid() {
        return images.stream().mapToDouble(ImageResult::grid).average().orElseThrow();
    }

    /**
     * Fine texture of the set relative to HR: the sum of the results' mean absolute Laplacians over
     * the sum of the ground truths' (as {@code training/sharpness.py} reported it).
     */
    public double meanTexture() {
        return images.stream().mapToDouble(ImageResult::laplacian).sum()
                / images.stream().mapToDouble(ImageResult::hrLaplacian).sum();
    }

    /** The mean of {@code m} over the set, as the method of that metric gives it (texture: the set's ratio). */
    public double mean(Metric m) {
        return switch (m) {
            case PSNR -> meanPsnr();
            case SSIM -> meanSsim();
            case NIQE -> meanNiqe();
            case GRID -> meanGrid();
            case TEXTURE -> meanTexture();
        };
    }

    /** Whether {@code m} was computed. */
    public boolean has(Metric m) {
        return metrics.contains(m);
    }

    /** Total super-resolution time in seconds. */
    public double totalSeconds() {
        return images.stream().mapToDouble(ImageResult::seconds).sum();
    }

    /** Where the LR images came from, for reports. */
    public String lrSource() {
        return lrDir == null ? "bicubic degradation of HR (MATLAB imresize, x1/" + scale + ")" : lrDir.toString();
    }
}
