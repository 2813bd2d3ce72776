package io.github.srgandl4j.examples.bench;

import io.github.srgandl4j.core.model.DiscriminatorConfig;
import io.github.srgandl4j.core.model.DiscriminatorModel;
import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.runtime.OpTimer;
import io.github.srgandl4j.core.train.AdversarialLoss;
import io.github.srgandl4j.core.train.IterationStats;
import io.github.srgandl4j.core.train.SrganTrainer;
import io.github.srgandl4j.core.train.StepOrder;
import io.github.srgandl4j.core.train.TrainingListener;
import io.github.srgandl4j.core.train.TrainingStage;
import io.github.srgandl4j.losses.LogitAdversarialLoss;
import io.github.srgandl4j.losses.NamedContentLoss;
import io.github.srgandl4j.losses.PixelAnchoredContentLoss;
import io.github.srgandl4j.losses.PixelMseContentLoss;
import io.github.srgandl4j.losses.RelativisticAdversarialLoss;
import io.github.srgandl4j.losses.VggContentLoss;
import io.github.srgandl4j.losses.vgg.Vgg19FeatureExtractor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs the benchmark cases in this process with random weights, through the library's real code
 * paths: {@link SrResNetModel#forward} for {@code infer}, {@link SrganTrainer} (pretraining with
 * pixel MSE, or the adversarial stage with the VGG content loss and the logit adversarial loss; or the
 * training campaign's recipe, {@link CampaignRecipe}) on an in-memory batch for the training cases.
 * Every run is timed separately after the warm-up runs.
 */
public final class SrganBenchmarks {
    private final BenchSettings settings;
    private final Consumer<String> progress;
    private java.nio.file.Path onnxModel;
    private int onnxThreads = Runtime.getRuntime().availableProcessors();
    private boolean profile;
    private CampaignRecipe campaign = CampaignRecipe.srganX4B8c64Rb();
    private StepOrder ganStepOrder = StepOrder.DISCRIMINATOR_FIRST;
    private io.github.srgandl4j.core.train.StepExecutor stepExecutor = io.github.srgandl4j.core.train.StepExecutor.COMPILED;

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

    /** The step order of the {@code train-gan} case (default: the paper's, discriminator first). */
    public SrganBenchmarks optGanStepOrder(StepOrder order) {
        this.ganStepOrder = java.util.Objects.requireNonNull(order, "order");
        return this;
    }

    /** What runs the training cases' steps (default: the trainer's, {@code compiled}). */
    public SrganBenchmarks optStepExecutor(io.github.srgandl4j.core.train.StepExecutor executor) {
        this.stepExecutor = java.util.Objects.requireNonNull(executor, "executor");
        return this;
    }

    /** The recipe of the {@code train-campaign} case (default: {@link CampaignRecipe#srganX4B8c64Rb()}). */
    public SrganBenchmarks optCampaign(CampaignRecipe recipe) {
        this.campaign = java.util.Objects.requireNonNull(recipe, "recipe");
        return this;
    }

    /** Runs one case. */
    public CaseResult run(BenchCase c) throws IOException {
        return switch (c) {
            case INFER -> infer();
            case TRAIN_MSE -> train(c, false);
            case TRAIN_GAN -> train(c, true);
            case TRAIN_CAMPAIGN -> campaign();
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
        return timedTraining(c, SrResNetConfig.paper(), settings.batch(), settings.crop(), b -> {
            if (gan) {
                Vgg19FeatureExtractor vgg = Vgg19FeatureExtractor.load(vggWeights(c), settings.vggLayer());
                b.setStage(TrainingStage.ADVERSARIAL)
                        .setContentLoss(new VggContentLoss(vgg))
                        .optDiscriminator(DiscriminatorModel.initialise(
                                DiscriminatorConfig.of(settings.crop(), 64), settings.seed() + 2))
                        .optAdversarialLoss(new LogitAdversarialLoss())
                        .optAdversarialWeight(1e-3)
                        .optStepOrder(ganStepOrder);
                return "SrganTrainer ADVERSARIAL: one D step + one G step (" + ganStepOrder.id() + "), VGG19 " + settings.vggLayer()
                        + " content + 1e-3 adversarial";
            }
            b.setStage(TrainingStage.PRETRAIN).setContentLoss(new PixelMseContentLoss());
            return "SrganTrainer PRETRAIN: one G step, pixel MSE";
        }, ", Adam 1e-4");
    }

    /** The training campaign's recipe ({@link CampaignRecipe}) through the trainer, as TrainCommand builds it. */
    private CaseResult campaign() throws IOException {
        CampaignRecipe r = campaign;
        SrResNetConfig gc = r.generator();
        return timedTraining(BenchCase.TRAIN_CAMPAIGN, gc, r.batch(), r.crop(), b -> {
            Vgg19FeatureExtractor vgg = Vgg19FeatureExtractor.load(vggWeights(BenchCase.TRAIN_CAMPAIGN), r.vggLayer());
            NamedContentLoss content = new PixelAnchoredContentLoss(
                    new VggContentLoss(vgg, r.vggScale(), r.vggBeforeActivation(), r.vggDistance()), r.pixelWeight(),
                    r.pixelDistance());
            DiscriminatorConfig dc = r.discriminator();
            AdversarialLoss adversarial = new RelativisticAdversarialLoss();
            b.setStage(TrainingStage.ADVERSARIAL)
                    .setContentLoss(content)
                    .optDiscriminator(DiscriminatorModel.initialise(dc, settings.seed() + 2))
                    .optAdversarialLoss(adversarial)
                    .optAdversarialWeight(r.adversarialWeight())
                    .optGeneratorOptimizer(r.optimizer())
                    .optDiscriminatorOptimizer(r.optimizer())
                    .optGeneratorEma(r.emaDecay())
                    .optStepOrder(r.stepOrder());
            return String.format(Locale.ROOT, "SrganTrainer ADVERSARIAL, training/srgan-x4-b8c64-rb.sh's recipe: "
                    + "SRResNet x%d, %d blocks, %d channels; one D step + one G step (%s); content %s; adversarial %s x %s; "
                    + "discriminator %s; EMA %s", gc.scale(), gc.residualBlocks(), gc.channels(), r.stepOrder().id(),
                    content.describe(), adversarial.describe(), r.adversarialWeight(), dc.describe(), r.emaDecay());
        }, String.format(Locale.ROOT, ", Adam %s betas %s/%s for both", r.learningRate(), r.optimizer().beta1(),
                r.beta2()));
    }

    /** What a training case adds to the trainer's builder; returns the case's description. */
    @FunctionalInterface
    private interface StageSetup {
        String configure(SrganTrainer.Builder b) throws IOException;
    }

    /**
     * Trains a fresh generator of configuration {@code gc} on a random in-memory batch for the warm-up and timed
     * iterations, recording each iteration's time (and the ops' with {@link #optProfile}).
     */
    private CaseResult timedTraining(BenchCase c, SrResNetConfig gc, int batch, int crop, StageSetup setup,
            String optimizer) throws IOException {
        SrResNetModel g = SrResNetModel.initialise(gc, settings.seed());
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
        try (RandomBatchSource data = new RandomBatchSource(batch, crop, settings.seed() + 1)) {
            SrganTrainer.Builder b = SrganTrainer.builder()
                    .setGenerator(g)
                    .setBatchSource(data)
                    .optStepExecutor(stepExecutor)
                    .addListener(timer);
            if (profile) {
                b.optGraphListener(ops);
            }
            String what = setup.configure(b);
            SrganTrainer trainer = b.build();
            trainer.train(settings.warmup() + settings.iterations());
            if (profile) {
                printProfile(ops, CaseResult.median(runs), runs.size());
            }
            return new CaseResult(c, runs, what + ", batch " + batch + ", HR crop " + crop + optimizer + ", "
                    + stepExecutor.id() + " steps");
        }
    }

    /** The VGG19 weights the settings name; {@code c} needs them. */
    private java.nio.file.Path vggWeights(BenchCase c) {
        if (settings.vggWeights() == null) {
            throw new IllegalArgumentException(c.id() + " needs a Keras VGG19 weights file (--vgg-weights)");
        }
        return settings.vggWeights();
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
