package io.github.srgandl4j.data.validation;

import io.github.srgandl4j.core.train.IterationStats;
import io.github.srgandl4j.core.train.SrganTrainer;
import io.github.srgandl4j.core.train.TrainingListener;
import io.github.srgandl4j.core.upscale.Upscaler;
import io.github.srgandl4j.data.benchmark.BenchmarkReport;
import io.github.srgandl4j.data.benchmark.BenchmarkRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores the generator being trained on a validation folder every {@code every} iterations and at
 * the end, with srgan-data's protocol (Y channel, shave = scale): mean PSNR and SSIM, logged and kept.
 */
public final class ValidationListener implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(ValidationListener.class);

    /** One validation: iteration and mean scores. */
    public record Result(long iteration, double psnr, double ssim) {}

    private final Path hrDir;
    private final Path lrDir;
    private final long every;
    private Result last;

    /**
     * @param hrDir HR images
     * @param lrDir matching LR images, or null to make them by MATLAB bicubic degradation
     * @param every iterations between validations
     */
    public ValidationListener(Path hrDir, Path lrDir, long every) {
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
        long t0 = System.nanoTime();
        Upscaler up = Upscaler.of(trainer.currentGenerator()); // not closed: the trainer owns the model
        BenchmarkRunner.Builder b = BenchmarkRunner.builder(up).hrDir(hrDir);
        if (lrDir != null) {
            b.lrDir(lrDir);
        }
        BenchmarkReport r;
        try {
            r = b.build().run();
        } catch (IOException e) {
            throw new UncheckedIOException("validation on " + hrDir + " failed: " + e.getMessage(), e);
        }
        Result res = new Result(iteration, r.meanPsnr(), r.meanSsim());
        LOG.info(String.format("validation at iteration %d on %s: PSNR %.4f dB, SSIM %.4f (%d images, %.1f s)", iteration,
                hrDir, res.psnr(), res.ssim(), r.images().size(), (System.nanoTime() - t0) / 1e9));
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
