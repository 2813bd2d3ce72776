package io.github.srgandl4j.examples.bench;

import io.github.srgandl4j.core.model.DiscriminatorConfig;
import io.github.srgandl4j.core.model.DiscriminatorModel;
import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.runtime.OpTimer;
import io.github.srgandl4j.core.train.IterationStats;
import io.github.srgandl4j.core.train.SrganTrainer;
import io.github.srgandl4j.core.train.TrainingListener;
import io.github.srgandl4j.core.train.TrainingStage;
import io.github.srgandl4j.losses.LogitAdversarialLoss;
import io.github.srgandl4j.losses.PixelMseContentLoss;
import io.github.srgandl4j.losses.VggContentLoss;
import io.github.srgandl4j.losses.vgg.Vgg19FeatureExtractor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs the benchmark cases in this process with random weights, through the library's real code
 * paths: {@link SrResNetModel#forward} for {@code infer}, {@link SrganTrainer} (pretraining with
 * pixel MSE, or the adversarial stage with the VGG content loss and the logit adversarial loss) on
 * an in-memory batch for the training cases. Every run is timed separately after the warm-up runs.
 */
public final class SrganBenchmarks {
    private final BenchSettings settings;
    private final Consumer<String> progress;
    private java.nio.file.Path onnxModel;
    private int onnxThreads = Runtime.getRuntime().availableProcessors();
    private boolean profile;

    /**
     * @param settings what to run
     * @param progress receives one line per finished run (for stderr), never the results themselves
     */
    public SrganBenchmarks(BenchSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** The ONNX generator of the {@code infer-onnx} case and the threads ONNX Runtime gets there. */
    public SrganBenchmarks optOnnx(java.nio.file.Path onnxModel, int threads) {
        this.onnxModel = onnxModel;
        this.onnxThreads = threads;
        return this;
    }

    /**
     * Times every op of the training cases' timed runs ({@link OpTimer}) and prints a breakdown per network
     * part, pass and op type to the progress consumer after each training case.
     */
    public SrganBenchmarks optProfile(boolean profile) {
        this.profile = profile;
        return this;
    }

    /** Runs one case. */
    public CaseResult run(BenchCase c) throws IOException {
        return switch (c) {
            case INFER -> infer();
            case TRAIN_MSE -> train(c, false);
            case TRAIN_GAN -> train(c, true);
            case INFER_ONNX -> new OnnxInferenceBench(settings, onnxModel, onnxThreads, progress).run();
        };
    }

    private CaseResult infer() {
        SrResNetModel g = SrResNetModel.initialise(SrResNetConfig.paper(), settings.seed());
        Nd4j.getRandom().setSeed(settings.seed());
        INDArray lr = Nd4j.rand(DataType.FLOAT, 1, 3, settings.lrSize(), settings.lrSize());
        List<Double> runs = new ArrayList<>();
        for (int i = 0; i < settings.warmup() + settings.iterations(); i++) {
            long t0 = System.nanoTime();
            INDArray sr = g.forward(lr);
            double ms = (System.nanoTime() - t0) / 1e6;
            sr.close();
            record(runs, i, ms);
        }
        g.close();
        return new CaseResult(BenchCase.INFER, runs, "SrResNetModel.forward 1x3x" + settings.lrSize() + "x"
                + settings.lrSize() + " -> x4, inference graph");
    }

    private CaseResult train(BenchCase c, boolean gan) throws IOException {
        SrResNetModel g = SrResNetModel.initialise(SrResNetConfig.paper(), settings.seed());
        List<Double> runs = new ArrayList<>();
        OpTimer ops = new OpTimer();
        ops.setEnabled(settings.warmup() == 0);
        TrainingListener timer = new TrainingListener() {
            @Override
            public void iterationDone(IterationStats stats, long totalIterations) {
                record(runs, (int) stats.iteration(), stats.seconds() * 1e3);
                ops.setEnabled(stats.iteration() + 1 >= settings.warmup()); // iteration() is the one just done
            }
        };
        try (RandomBatchSource data = new RandomBatchSource(settings.batch(), settings.crop(), settings.seed() + 1)) {
            SrganTrainer.Builder b = SrganTrainer.builder()
                    .setGenerator(g)
                    .setBatchSource(data)
                    .addListener(timer);
            if (profile) {
                b.optGraphListener(ops);
            }
            String what;
            if (gan) {
                if (settings.vggWeights() == null) {
                    throw new IllegalArgumentException("train-gan needs a Keras VGG19 weights file (--vgg-weights)");
                }
                Vgg19FeatureExtractor vgg = Vgg19FeatureExtractor.load(settings.vggWeights(), settings.vggLayer());
                b.setStage(TrainingStage.ADVERSARIAL)
                        .setContentLoss(new VggContentLoss(vgg))
                        .optDiscriminator(DiscriminatorModel.initialise(
                                DiscriminatorConfig.of(settings.crop(), 64), settings.seed() + 2))
                        .optAdversarialLoss(new LogitAdversarialLoss())
                        .optAdversarialWeight(1e-3);
                what = "SrganTrainer ADVERSARIAL: one D step + one G step, VGG19 " + settings.vggLayer()
                        + " content + 1e-3 adversarial";
            } else {
                b.setStage(TrainingStage.PRETRAIN).setContentLoss(new PixelMseContentLoss());
                what = "SrganTrainer PRETRAIN: one G step, pixel MSE";
            }
            SrganTrainer trainer = b.build();
            trainer.train(settings.warmup() + settings.iterations());
            if (profile) {
                printProfile(ops, CaseResult.median(runs), runs.size());
            }
            return new CaseResult(c, runs, what + ", batch " + settings.batch() + ", HR crop " + settings.crop()
                    + ", Adam 1e-4");
        }
    }

    private void printProfile(OpTimer ops, double medianStepMs, int steps) {
        double opsPerStep = ops.totalMs() / steps;
        progress.accept(String.format("profile: ops %.0f ms per step (%.0f%% of the median step, %.0f ms); the rest is "
                + "SameDiff's bookkeeping, Adam, data and memory release", opsPerStep, 100 * opsPerStep / medianStepMs,
                medianStepMs));
        progress.accept(String.format("profile: %-16s %-8s %-22s %7s %9s %6s", "part", "pass", "op", "calls", "ms/step",
                "share"));
        for (OpTimer.Row r : ops.rows()) {
            double perStep = r.totalMs() / steps;
            if (perStep < 1) {
                continue;
            }
            progress.accept(String.format("profile: %-16s %-8s %-22s %7d %9.1f %5.1f%%", r.part(), r.pass(), r.op(),
                    r.calls() / steps, perStep, 100 * perStep / medianStepMs));
        }
    }

    private void record(List<Double> runs, int index, double ms) {
        boolean timed = index >= settings.warmup();
        if (timed) {
            runs.add(ms);
        }
        progress.accept(String.format("  run %d/%d %s: %.1f ms", index + 1, settings.warmup() + settings.iterations(),
                timed ? "timed" : "warm-up", ms));
    }
}
