package io.github.srgandl4j.data.benchmark;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.image.SuperResolver;
import io.github.srgandl4j.data.io.ImageFiles;
import io.github.srgandl4j.data.io.ImageLoader;
import io.github.srgandl4j.data.io.PngWriter;
import io.github.srgandl4j.data.metrics.FineDetail;
import io.github.srgandl4j.data.metrics.ImageQuality;
import io.github.srgandl4j.data.metrics.Metric;
import io.github.srgandl4j.data.metrics.MetricOptions;
import io.github.srgandl4j.data.metrics.Niqe;
import io.github.srgandl4j.data.metrics.QualityScore;
import io.github.srgandl4j.data.resize.Degradation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores any {@link SuperResolver} on a folder of HR images with PSNR/SSIM (see
 * {@link ImageQuality}) and optionally NIQE, grid and texture ({@link Niqe}, {@link FineDetail});
 * NIQE is taken with the same border crop as PSNR, grid and texture with that border and the
 * scale as period.
 *
 * <p>LR inputs come from a parallel LR folder (paired by {@link ImageFiles#pair}) or, without one,
 * are made from each HR image by {@link Degradation#bicubic} (mod-crop, then MATLAB bicubic
 * downscaling: bit-identical to the standard benchmark LR files). The HR image is mod-cropped to
 * {@code LR size * scale}; the SR image must have exactly that size. Optionally the SR images are
 * written as PNG.
 *
 * <pre>{@code
 * BenchmarkReport r = BenchmarkRunner.builder(new BicubicUpscaler(4))
 *         .hrDir(Path.of("Set5/HR")).lrDir(Path.of("Set5/LR_bicubic_x4")).build().run();
 * ReportFormats.writeJson(r, Path.of("set5.json"));
 * }</pre>
 */
public final class BenchmarkRunner {
    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkRunner.class);

    private final SuperResolver resolver;
    private final Path hrDir;
    private final Path lrDir;
    private final MetricOptions options;
    private final ImageLoader loader;
    private final Path srOutputDir;
    private final Consumer<ImageResult> listener;
    private final Set<Metric> metrics;

    private BenchmarkRunner(Builder b) {
        this.resolver = b.resolver;
        this.hrDir = Objects.requireNonNull(b.hrDir, "hrDir is required");
        this.lrDir = b.lrDir;
        this.options = b.options != null ? b.options : MetricOptions.standard(b.resolver.scale());
        this.loader = b.loader;
        this.srOutputDir = b.srOutputDir;
        this.listener = b.listener;
        this.metrics = Set.copyOf(b.metrics);
    }

    public static Builder builder(SuperResolver resolver) {
        return new Builder(resolver);
    }

    /** Runs the benchmark over every HR image. */
    public BenchmarkReport run() throws IOException {
        int scale = resolver.scale();
        List<ImageFiles.Pair> work = new ArrayList<>();
        if (lrDir != null) {
            work.addAll(ImageFiles.pair(hrDir, lrDir, scale));
        } else {
            for (Path hr : ImageFiles.list(hrDir)) {
                work.add(new ImageFiles.Pair(hr, null));
            }
        }
        if (srOutputDir != null) {
            Files.createDirectories(srOutputDir);
        }
        LOG.info("benchmark {} x{} on {} images of {} (LR {})", resolver.name(), scale, work.size(), hrDir,
                lrDir == null ? "made by bicubic degradation" : "from " + lrDir);
        List<ImageResult> results = new ArrayList<>();
        for (ImageFiles.Pair p : work) {
            ImageResult r = runOne(p, scale);
            results.add(r);
            LOG.debug("{}: PSNR {} dB, SSIM {}", r.file(), r.psnr(), r.ssim());
            if (listener != null) {
                listener.accept(r);
            }
        }
        BenchmarkReport report = report(results);
        LOG.info("benchmark {} x{} on {}: mean PSNR {} dB, mean SSIM {} ({} images)", resolver.name(), scale,
                report.dataset(), String.format(java.util.Locale.ROOT, "%.4f", report.meanPsnr()),
                String.format(java.util.Locale.ROOT, "%.4f", report.meanSsim()), results.size());
        return report;
    }

    /**
     * Scores one HR/LR pair exactly as {@link #run} scores each image ({@code pair.lr()} null: the
     * LR image is made from HR by degradation); for runners that spread the images over several
     * machines (srgan-spark) and gather the results with {@link #report}.
     */
    public ImageResult score(ImageFiles.Pair pair) throws IOException {
        return runOne(pair, resolver.scale());
    }

    /** The report {@link #run} returns for these per-image results (in file-name order). */
    public BenchmarkReport report(List<ImageResult> results) {
        return new BenchmarkReport(resolver.name(), resolver.scale(), datasetName(hrDir), hrDir, lrDir, options, results,
                metrics);
    }

    private ImageResult runOne(ImageFiles.Pair p, int scale) throws IOException {
        ImageData hr = loader.read(p.hr()).withoutAlpha();
        ImageData lr;
        if (p.lr() != null) {
            lr = loader.read(p.lr()).withoutAlpha();
            long needW = (long) lr.width() * scale;
            long needH = (long) lr.height() * scale;
            if (hr.width() < needW || hr.height() < needH || hr.width() - needW >= scale || hr.height() - needH >= scale) {
                throw new IOException(p.lr() + ": LR image is " + lr.width() + "x" + lr.height() + ", which does not match HR "
                        + p.hr().getFileName() + " (" + hr.width() + "x" + hr.height() + ") at scale " + scale);
            }
            hr = modCrop(p.hr(), hr, scale);
        } else {
            hr = modCrop(p.hr(), hr, scale);
            lr = Degradation.bicubic(hr, scale);
        }
        long t0 = System.nanoTime();
        ImageData sr = resolver.upscale(lr);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (sr == null || sr.width() != hr.width() || sr.height() != hr.height()) {
            throw new IOException(p.hr() + ": " + resolver.name() + " returned "
                    + (sr == null ? "no image" : sr.width() + "x" + sr.height()) + " for a " + lr.width() + "x"
                    + lr.height() + " input; expected " + hr.width() + "x" + hr.height() + " (x" + scale + ")");
        }
        if (srOutputDir != null) {
            PngWriter.write(sr, srOutputDir.resolve(ImageFiles.pngName(p.hr())), 8);
        }
        double psnr = Double.NaN;
        double ssim = Double.NaN;
        if (metrics.contains(Metric.PSNR) || metrics.contains(Metric.SSIM)) {
            QualityScore s = ImageQuality.score(sr, hr, options);
            psnr = metrics.contains(Metric.PSNR) ? s.psnr() : Double.NaN;
            ssim = metrics.contains(Metric.SSIM) ? s.ssim() : Double.NaN;
        }
        double niqe = Double.NaN;
        if (metrics.contains(Metric.NIQE)) {
            try {
                niqe = Niqe.standard().score(sr, options.shave());
            } catch (IllegalArgumentException e) {
                throw new IOException(p.hr() + ": " + e.getMessage(), e);
            }
        }
        double grid = Double.NaN;
        double lap = Double.NaN;
        double hrLap = Double.NaN;
        if (metrics.contains(Metric.GRID) || metrics.contains(Metric.TEXTURE)) {
            FineDetail.Score d = detail(sr, scale, p.hr());
            grid = metrics.contains(Metric.GRID) ? d.grid() : Double.NaN;
            if (metrics.contains(Metric.TEXTURE)) {
                lap = d.laplacian();
                hrLap = detail(hr, scale, p.hr()).laplacian();
            }
        }
        return new ImageResult(p.hr().getFileName().toString(), hr.width(), hr.height(), psnr, ssim, seconds, niqe, grid,
                lap, hrLap);
    }

    private FineDetail.Score detail(ImageData img, int scale, Path file) throws IOException {
        try {
            return FineDetail.of(img, scale, options.shave());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** {@link Degradation#modCrop}, failing with a message that names the file. */
    private static ImageData modCrop(Path file, ImageData img, int scale) throws IOException {
        try {
            return Degradation.modCrop(img, scale);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** The folder's name, or its parent's name when the folder is called {@code HR}. */
    static String datasetName(Path hrDir) {
        Path abs = hrDir.toAbsolutePath().normalize();
        Path name = abs.getFileName();
        if (name == null) {
            return abs.toString();
        }
        if (name.toString().equalsIgnoreCase("HR") && abs.getParent() != null && abs.getParent().getFileName() != null) {
            return abs.getParent().getFileName().toString();
        }
        return name.toString();
    }

    /** Configures a {@link BenchmarkRunner}. */
    public static final class Builder {
        private final SuperResolver resolver;
        private Path hrDir;
        private Path lrDir;
        private MetricOptions options;
        private ImageLoader loader = new ImageLoader();
        private Path srOutputDir;
        private Consumer<ImageResult> listener;
        private Set<Metric> metrics = EnumSet.of(Metric.PSNR, Metric.SSIM);

        private Builder(SuperResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
        }

        /** The ground-truth folder (required). */
        public Builder hrDir(Path dir) {
            this.hrDir = dir;
            return this;
        }

        /** The LR folder; null (the default) makes LR images by bicubic degradation. */
        public Builder lrDir(Path dir) {
            this.lrDir = dir;
            return this;
        }

        /** Scoring options; default {@link MetricOptions#standard} for the resolver's scale. */
        public Builder metricOptions(MetricOptions o) {
            this.options = o;
            return this;
        }

        /** The image loader (for a different pixel limit). */
        public Builder loader(ImageLoader l) {
            this.loader = Objects.requireNonNull(l, "loader");
            return this;
        }

        /** A folder to write the SR images to as 8-bit PNG (created if absent); null for none. */
        public Builder srOutputDir(Path dir) {
            this.srOutputDir = dir;
            return this;
        }

        /** Called after each image, e.g. to print progress. */
        public Builder optListener(Consumer<ImageResult> l) {
            this.listener = l;
            return this;
        }

        /** The measures to compute (default PSNR and SSIM); at least one. */
        public Builder optMetrics(Set<Metric> m) {
            if (m.isEmpty()) {
                throw new IllegalArgumentException("at least one metric is needed");
            }
            this.metrics = EnumSet.copyOf(m);
            return this;
        }

        public BenchmarkRunner build() {
            return new BenchmarkRunner(this);
        }
    }
}
