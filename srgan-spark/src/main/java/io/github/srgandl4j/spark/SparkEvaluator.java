package io.github.srgandl4j.spark;

import io.github.srgandl4j.core.image.BicubicUpscaler;
import io.github.srgandl4j.core.image.SuperResolver;
import io.github.srgandl4j.core.image.BackProjection;
import io.github.srgandl4j.core.upscale.TilingOptions;
import io.github.srgandl4j.core.upscale.Upscaler;
import io.github.srgandl4j.data.benchmark.BenchmarkReport;
import io.github.srgandl4j.data.benchmark.BenchmarkRunner;
import io.github.srgandl4j.data.benchmark.ImageResult;
import io.github.srgandl4j.data.io.ImageFiles;
import io.github.srgandl4j.data.io.ImageLoader;
import io.github.srgandl4j.data.metrics.Metric;
import io.github.srgandl4j.data.metrics.MetricOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code srgan evaluate} on Spark: the HR (and LR) folders are listed and paired on the driver as
 * {@link BenchmarkRunner} pairs them, each pair is scored on an executor with
 * {@link BenchmarkRunner#score} (the single-machine per-image code), and the driver gathers the
 * scores into the same {@link BenchmarkReport}, so {@code ReportFormats} writes the same JSON. An
 * image that cannot be scored is reported in {@link EvaluationOutcome#failures} and left out of
 * the means; it does not stop the others.
 */
public final class SparkEvaluator {
    private final ModelSource model;
    private final int scale;
    private final String hrDir;
    private final String lrDir;
    private final MetricOptions options;
    private final TilingOptions tiling;
    private final int backProjection;
    private final long maxPixels;
    private final Integer partitions;
    private final Set<Metric> metrics;

    private SparkEvaluator(Builder b) {
        this.model = b.model;
        this.scale = b.scale;
        this.hrDir = Objects.requireNonNull(b.hrDir, "hrDir is required");
        this.lrDir = b.lrDir;
        this.options = b.options != null ? b.options : MetricOptions.standard(b.scale);
        this.tiling = b.tiling;
        this.backProjection = b.backProjection != null ? b.backProjection
                : b.model == null ? 0 : BackProjection.DEFAULT_ITERATIONS;
        this.maxPixels = b.maxPixels;
        this.partitions = b.partitions;
        this.metrics = EnumSet.copyOf(b.metrics);
    }

    /** Scores a model (see {@link ModelSource}). */
    public static Builder builder(ModelSource model, int scale) {
        return new Builder(Objects.requireNonNull(model, "model"), scale);
    }

    /** Scores bicubic upscaling ({@code --method bicubic}). */
    public static Builder bicubic(int scale) {
        return new Builder(null, scale);
    }

    /**
     * Lists, pairs and scores the images.
     *
     * @throws IOException for problems found before any image is scored (folders, pairing, the model)
     */
    public EvaluationOutcome run(JavaSparkContext sc) throws IOException {
        Configuration conf = sc.hadoopConfiguration();
        HadoopConf hconf = new HadoopConf(conf);
        List<String[]> work = pairs(conf);
        SuperResolver driverSide;
        if (model == null) {
            driverSide = new BicubicUpscaler(scale);
        } else {
            // loaded here to fail early on a bad model and for its name; in local mode the tasks reuse it
            try (ExecutorModels.Lease lease = ExecutorModels.borrow(model, hconf)) {
                if (lease.model().scale() != scale) {
                    throw new IllegalArgumentException("--scale is " + scale + " but model " + model.model() + " upscales x"
                            + lease.model().scale());
                }
                // stands for the model in the report (name and scale); images are upscaled on the executors
                driverSide = SuperResolver.of(Upscaler.builder(lease.model()).optBackProjection(backProjection).build()
                        .name(), scale, lr -> {
                    throw new IllegalStateException("the driver does not upscale");
                });
            }
        }
        long t0 = System.nanoTime();
        int slices = Math.max(1, Math.min(work.size(), partitions != null ? partitions : 4 * Math.max(1, sc.defaultParallelism())));
        List<ScoredPair> scored = sc.parallelize(work, slices)
                .mapPartitions(new EvaluateTask(model, scale, tiling, backProjection, options, metrics, maxPixels, hconf))
                .collect();
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<ImageResult> results = new ArrayList<>();
        List<ImageFailure> failures = new ArrayList<>();
        for (ScoredPair s : scored) {
            if (s.result() != null) {
                results.add(s.result());
            } else {
                failures.add(s.failure());
            }
        }
        BenchmarkReport report = results.isEmpty() ? null
                : BenchmarkRunner.builder(driverSide)
                        .hrDir(java.nio.file.Path.of(hrDir))
                        .lrDir(lrDir == null ? null : java.nio.file.Path.of(lrDir))
                        .metricOptions(options)
                        .optMetrics(metrics)
                        .build()
                        .report(results);
        return new EvaluationOutcome(report, failures, seconds);
    }

    /** HR/LR pairs (LR null: made by degradation), by {@link ImageFiles#pair}'s rules. */
    private List<String[]> pairs(Configuration conf) throws IOException {
        Path hr = UpscalePlan.qualify(conf, hrDir);
        FileSystem hrFs = hr.getFileSystem(conf);
        List<Path> hrs = ImageListing.list(hrFs, hr);
        List<String[]> work = new ArrayList<>();
        if (lrDir == null) {
            hrs.forEach(h -> work.add(new String[] {h.toString(), null}));
            return work;
        }
        Path lr = UpscalePlan.qualify(conf, lrDir);
        List<Path> lrs = ImageListing.list(lr.getFileSystem(conf), lr);
        Map<java.nio.file.Path, Path> back = new HashMap<>();
        List<java.nio.file.Path> hrLocal = asLocal(hrs, back);
        List<java.nio.file.Path> lrLocal = asLocal(lrs, back);
        for (ImageFiles.Pair p : ImageFiles.pair(hrLocal, lrLocal, scale, hrDir, lrDir)) {
            work.add(new String[] {back.get(p.hr()).toString(), back.get(p.lr()).toString()});
        }
        return work;
    }

    private static List<java.nio.file.Path> asLocal(List<Path> files, Map<java.nio.file.Path, Path> back) {
        List<java.nio.file.Path> out = new ArrayList<>();
        for (Path f : files) {
            java.nio.file.Path p = java.nio.file.Path.of(f.toUri().getPath());
            back.put(p, f);
            out.add(p);
        }
        return out;
    }

    /** Configures a {@link SparkEvaluator}. */
    public static final class Builder {
        private final ModelSource model;
        private final int scale;
        private String hrDir;
        private String lrDir;
        private MetricOptions options;
        private TilingOptions tiling = TilingOptions.defaults();
        private Integer backProjection;
        private long maxPixels = ImageLoader.DEFAULT_MAX_PIXELS;
        private Integer partitions;
        private Set<Metric> metrics = EnumSet.of(Metric.PSNR, Metric.SSIM);

        private Builder(ModelSource model, int scale) {
            if (scale < 1) {
                throw new IllegalArgumentException("scale must be >= 1, got " + scale);
            }
            this.model = model;
            this.scale = scale;
        }

        /** The HR folder (required; any Hadoop path). */
        public Builder setHrDir(String dir) {
            this.hrDir = dir;
            return this;
        }

        /** The LR folder; null (default) makes LR images from HR by bicubic degradation. */
        public Builder optLrDir(String dir) {
            this.lrDir = dir;
            return this;
        }

        /** Scoring options; default {@link MetricOptions#standard} for the scale. */
        public Builder optMetricOptions(MetricOptions o) {
            this.options = o;
            return this;
        }

        /** Tiling of the model (default: the library's). */
        public Builder optTiling(TilingOptions t) {
            this.tiling = Objects.requireNonNull(t, "tiling");
            return this;
        }

        /**
         * Iterations of back-projection on each tile of the model (default {@value BackProjection#DEFAULT_ITERATIONS}, as
         * {@code Upscaler}; 0 for the network's own output; none for bicubic, where more than 0 is refused at build).
         */
        public Builder optBackProjection(int iterations) {
            this.backProjection = BackProjection.checkIterations(iterations);
            return this;
        }

        /** Refuse images with more pixels than this. */
        public Builder optMaxPixels(long pixels) {
            if (pixels <= 0) {
                throw new IllegalArgumentException("maxPixels must be positive, got " + pixels);
            }
            this.maxPixels = pixels;
            return this;
        }

        /** Number of partitions; default four per task slot, at most one per image. */
        public Builder optPartitions(Integer n) {
            if (n != null && n < 1) {
                throw new IllegalArgumentException("partitions must be >= 1, got " + n);
            }
            this.partitions = n;
            return this;
        }

        /** The measures to compute (default PSNR and SSIM), as {@code BenchmarkRunner.Builder.optMetrics}. */
        public Builder optMetrics(Set<Metric> m) {
            if (m.isEmpty()) {
                throw new IllegalArgumentException("no metric chosen");
            }
            this.metrics = EnumSet.copyOf(m);
            return this;
        }

        public SparkEvaluator build() {
            if (model == null && backProjection != null && backProjection > 0) {
                throw new IllegalArgumentException("back-projection applies to a model, not to bicubic");
            }
            return new SparkEvaluator(this);
        }
    }
}
