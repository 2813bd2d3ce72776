package io.github.srgandl4j.data.benchmark;

import io.github.srgandl4j.data.metrics.MetricOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

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
 */
public record BenchmarkReport(String method, int scale, String dataset, Path hrDir, Path lrDir, MetricOptions options,
        List<ImageResult> images) {
    public BenchmarkReport {
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

    /** Total super-resolution time in seconds. */
    public double totalSeconds() {
        return images.stream().mapToDouble(ImageResult::seconds).sum();
    }

    /** Where the LR images came from, for reports. */
    public String lrSource() {
        return lrDir == null ? "bicubic degradation of HR (MATLAB imresize, x1/" + scale + ")" : lrDir.toString();
    }
}
