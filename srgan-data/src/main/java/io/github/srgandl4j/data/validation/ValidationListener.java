package io.github.srgandl4j.data.validation;

import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.core.train.IterationStats;
import io.github.srgandl4j.core.train.SrganTrainer;
import io.github.srgandl4j.core.train.TrainingListener;
import io.github.srgandl4j.core.upscale.Upscaler;
import io.github.srgandl4j.data.benchmark.BenchmarkReport;
import io.github.srgandl4j.data.benchmark.BenchmarkRunner;
import io.github.srgandl4j.data.metrics.Metric;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores the generator being trained on a validation folder every {@code every} iterations and at
 * the end, with srgan-data's protocol (Y channel, shave = scale): mean PSNR and SSIM by default, or any of
 * the benchmark's metrics (NIQE, grid and texture follow a GAN's perceptual quality), logged and kept.
 * It scores the network's own output, without the back-projection that {@code Upscaler} applies by default
 * ({@code srgan evaluate --back-projection 0} reproduces its numbers).
 */
public final class ValidationListener implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(ValidationListener.class);

    /** One validation: iteration and the mean of each metric computed. */
    public record Result(long iteration, Map<Metric, Double> means) {
        public Result {
            means = Collections.unmodifiableMap(new EnumMap<>(means));
        }

        /** The mean of {@code m}, or NaN if it was not computed. */
        public double mean(Metric m) {
            Double v = means.get(m);
            return v == null ? Double.NaN : v;
        }

        public double psnr() {
            return mean(Metric.PSNR);
        }

        public double ssim() {
            return mean(Metric.SSIM);
        }

        /**
         * The means as a model's provenance records them: {@code validationPsnr}, {@code validationSsim},
         * {@code validationNiqe}, ... with 4 decimals.
         */
        public Map<String, String> provenanceDetails() {
            Map<String, String> d = new LinkedHashMap<>();
            means.forEach((m, v) -> d.put("validation" + Character.toUpperCase(m.key().charAt(0)) + m.key().substring(1),
                    String.format(Locale.ROOT, "%.4f", v)));
            return d;
        }
    }

    private final Path hrDir;
    private final Path lrDir;
    private final long every;
    private final Set<Metric> metrics;
    private Result last;

    /**
     * @param hrDir HR images
     * @param lrDir matching LR images, or null to make them by MATLAB bicubic degradation
     * @param every iterations between validations
     */
    public ValidationListener(Path hrDir, Path lrDir, long every) {
        this(hrDir, lrDir, every, EnumSet.of(Metric.PSNR, Metric.SSIM));
    }

    /**
     * @param hrDir HR images
     * @param lrDir matching LR images, or null to make them by MATLAB bicubic degradation
     * @param every iterations between validations
     * @param metrics what to compute (at least one; NIQE costs about 1-2 s per image on 2 cores)
     */
    public ValidationListener(Path hrDir, Path lrDir, long every, Set<Metric> metrics) {
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("at least one validation metric is needed");
        }
        this.metrics = EnumSet.copyOf(metrics);
        this.hrDir = Objects.requireNonNull(hrDir, "hrDir");
        this.lrDir = lrDir;
        if (every < 1) {
            throw new IllegalArgumentException("validation interval must be >= 1, got " + every);
        }
        this.every = every;
    }

    @Override
    public void iterationDone(SrganTrainer trainer, IterationStats stats, long total) {
        long done = stats.iteration() + 1;
        if (done % every == 0 || done == total) {
            last = validate(trainer, done);
        }
    }

    private Result validate(SrganTrainer trainer, long iteration) {
        return validate(trainer.currentGenerator(), iteration, "at iteration " + iteration);
    }

    /**
     * Scores {@code generator} as a validation during training does, for a model changed after training (e.g. by
     * {@code BatchNormCalibration}); the result's iteration is -1. The caller keeps ownership of the model.
     */
    public Result validate(SuperResolutionModel generator) {
        return validate(generator, -1, "of " + generator.name());
    }

    private Result validate(SuperResolutionModel generator, long iteration, String what) {
        long t0 = System.nanoTime();
        // the network's own output (no back-projection), so that validation scores follow the training itself and
        // stay comparable with every recorded run; not closed: the caller (the trainer) owns the model
        Upscaler up = Upscaler.builder(generator).optBackProjection(0).build();
        BenchmarkRunner.Builder b = BenchmarkRunner.builder(up).hrDir(hrDir).optMetrics(metrics);
        if (lrDir != null) {
            b.lrDir(lrDir);
        }
        BenchmarkReport r;
        try {
            r = b.build().run();
        } catch (IOException e) {
            throw new UncheckedIOException("validation on " + hrDir + " failed: " + e.getMessage(), e);
        }
        Map<Metric, Double> means = new EnumMap<>(Metric.class);
        StringBuilder scores = new StringBuilder();
        for (Metric m : metrics) {
            double v = r.mean(m);
            means.put(m, v);
            scores.append(scores.length() == 0 ? "" : ", ").append(m == Metric.PSNR
                    ? String.format(Locale.ROOT, "PSNR %.4f dB", v)
                    : String.format(Locale.ROOT, "%s %.4f", m == Metric.SSIM || m == Metric.NIQE ? m.name() : m.key(), v));
        }
        Result res = new Result(iteration, means);
        LOG.info(String.format(Locale.ROOT, "validation %s on %s: %s (%d images, %.1f s)", what, hrDir,
                scores, r.images().size(), (System.nanoTime() - t0) / 1e9));
        return res;
    }

    /**
     * The validation of the trainer's current generator: the last one if it was made at the current
     * iteration, else a new one (remembered as the latest). Used at the end of training, so that a model
     * written after a resume with nothing left to train still carries its own score.
     */
    public Result validateCurrent(SrganTrainer trainer) {
        if (last != null && last.iteration() == trainer.iteration()) {
            return last;
        }
        Result r = validate(trainer, trainer.iteration());
        last = r;
        return r;
    }
}
