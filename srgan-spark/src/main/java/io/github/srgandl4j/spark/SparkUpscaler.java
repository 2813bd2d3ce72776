package io.github.srgandl4j.spark;

import io.github.srgandl4j.core.image.BackProjection;
import io.github.srgandl4j.core.upscale.TilingOptions;
import io.github.srgandl4j.data.io.ImageLoader;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upscales the jobs of an {@link UpscalePlan} on a Spark cluster (or in local mode): the jobs are
 * split into partitions, each task borrows a model from its executor's {@link ExecutorModels}
 * (loaded once per executor task slot) and runs the library's single-machine batch code on its
 * files, so the outputs are byte for byte those of {@code srgan upscale}. A file that fails is
 * recorded in the summary with its reason and never fails the job.
 *
 * <pre>{@code
 * UpscalePlan plan = UpscalePlan.of(sc.hadoopConfiguration(), List.of("hdfs:///photos"), "hdfs:///photos_x4",
 *         ExistingOutputs.SKIP);
 * SparkUpscaleSummary s = SparkUpscaler.builder(ModelSource.of("default")).build().run(sc, plan);
 * System.out.println(s.line());   // upscaled 12000, failed 3, skipped 500
 * }</pre>
 */
public final class SparkUpscaler {
    private static final Logger LOG = LoggerFactory.getLogger(SparkUpscaler.class);

    private final ModelSource model;
    private final TilingOptions tiling;
    private final int backProjection;
    private final Integer bitDepth;
    private final long maxPixels;
    private final Integer partitions;

    private SparkUpscaler(Builder b) {
        this.model = b.model;
        this.tiling = b.tiling;
        this.backProjection = b.backProjection;
        this.bitDepth = b.bitDepth;
        this.maxPixels = b.maxPixels;
        this.partitions = b.partitions;
    }

    public static Builder builder(ModelSource model) {
        return new Builder(model);
    }

    /** Upscales every job of {@code plan}; returns when all are done. */
    public SparkUpscaleSummary run(JavaSparkContext sc, UpscalePlan plan) {
        List<UpscalePlan.Job> jobs = plan.jobs();
        int loadsBefore = ExecutorModels.loads();
        long t0 = System.nanoTime();
        List<RemoteFileResult> results = List.of();
        if (!jobs.isEmpty()) {
            int slices = partitionsFor(jobs.size(), sc.defaultParallelism());
            LOG.info("upscaling {} file(s) with {} in {} partition(s) into {}", jobs.size(), model.model(), slices,
                    plan.outputDir());
            UpscaleTask task = new UpscaleTask(model, tiling, backProjection, bitDepth, maxPixels, new HadoopConf(sc.hadoopConfiguration()));
            results = sc.parallelize(jobs, slices).mapPartitions(task).collect();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        boolean local = sc.isLocal();
        return new SparkUpscaleSummary(results, plan.skipped(), seconds, local ? ExecutorModels.loads() - loadsBefore : -1);
    }

    /** The partition count: the one set, else four per task slot (for balance), at most one per file. */
    int partitionsFor(int files, int parallelism) {
        int p = partitions != null ? partitions : 4 * Math.max(1, parallelism);
        return Math.max(1, Math.min(files, p));
    }

    /** Configures a {@link SparkUpscaler}. */
    public static final class Builder {
        private final ModelSource model;
        private TilingOptions tiling = TilingOptions.defaults();
        private int backProjection = BackProjection.DEFAULT_ITERATIONS;
        private Integer bitDepth;
        private long maxPixels = ImageLoader.DEFAULT_MAX_PIXELS;
        private Integer partitions;

        private Builder(ModelSource model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /** Tile size and padding (default: the library's, as {@code srgan upscale}). */
        public Builder optTiling(TilingOptions t) {
            this.tiling = Objects.requireNonNull(t, "tiling");
            return this;
        }

        /**
         * Iterations of back-projection on each tile (default {@value BackProjection#DEFAULT_ITERATIONS}; 0 for the
         * network's own output; as {@code Upscaler.Builder.optBackProjection}).
         */
        public Builder optBackProjection(int iterations) {
            this.backProjection = BackProjection.checkIterations(iterations);
            return this;
        }

        /** Output bit depth, 8 or 16; null (default) keeps each input's depth. */
        public Builder optBitDepth(Integer bits) {
            if (bits != null && bits != 8 && bits != 16) {
                throw new IllegalArgumentException("bit depth must be 8 or 16, got " + bits);
            }
            this.bitDepth = bits;
            return this;
        }

        /** Refuse input images with more pixels than this (default {@link ImageLoader#DEFAULT_MAX_PIXELS}). */
        public Builder optMaxPixels(long pixels) {
            if (pixels <= 0) {
                throw new IllegalArgumentException("maxPixels must be positive, got " + pixels);
            }
            this.maxPixels = pixels;
            return this;
        }

        /** Number of partitions (tasks); default four per task slot, at most one per file. */
        public Builder optPartitions(Integer n) {
            if (n != null && n < 1) {
                throw new IllegalArgumentException("partitions must be >= 1, got " + n);
            }
            this.partitions = n;
            return this;
        }

        public SparkUpscaler build() {
            return new SparkUpscaler(this);
        }
    }
}
