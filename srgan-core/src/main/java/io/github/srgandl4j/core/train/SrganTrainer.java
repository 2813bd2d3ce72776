package io.github.srgandl4j.core.train;

import io.github.srgandl4j.core.model.DiscriminatorModel;
import io.github.srgandl4j.core.model.Provenance;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.nn.DataLayout;
import io.github.srgandl4j.core.runtime.NativeMemoryReclaimer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains an SRResNet generator, alone with a content loss ({@link TrainingStage#PRETRAIN}) or
 * against the SRGAN discriminator ({@link TrainingStage#ADVERSARIAL}: per iteration
 * {@code k} discriminator steps, then one generator step).
 *
 * <p>Design: the generator and the discriminator train in separate SameDiff graphs, each of which
 * has only its own network's tensors as variables, so {@code fit()} can neither touch the other
 * network nor the VGG (constants) and each graph keeps its own Adam state across steps. The
 * generator graph reads the discriminator model's arrays as constants (no copy), which the trainer
 * updates from the discriminator graph before every generator step, and through which the
 * adversarial gradient reaches the generator. Generated images for the
 * discriminator step come from the generator graph's forward pass and enter the discriminator
 * graph as a placeholder, so no gradient flows back into the generator there.
 *
 * <p>Batches come from a random-access {@link BatchSource}: iteration {@code t} uses batch
 * {@code t} (with {@code k > 1}: batches {@code t*k .. t*k+k-1}, the generator step on the last),
 * so a resumed run sees exactly the batches an uninterrupted one would.
 *
 * <p>Build with {@link #builder()}: {@code setX} for what is required, {@code optX} for options.
 */
public final class SrganTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(SrganTrainer.class);

    private final TrainingStage stage;
    private final SrResNetModel generator;
    private final DiscriminatorModel discriminator;
    private final BatchSource batches;
    private final ContentLoss contentLoss;
    private final AdversarialLoss adversarialLoss;
    private final double adversarialWeight;
    private final OptimizerConfig generatorOptimizer;
    private final OptimizerConfig discriminatorOptimizer;
    private final int discriminatorSteps;
    private final StepOrder stepOrder;
    private final StepExecutor stepExecutor;
    private final Path checkpointDir;
    private final long checkpointEvery;
    private final int keepCheckpoints;
    private final List<TrainingListener> listeners;
    private final Path dataRoot;
    private final Map<String, String> provenanceDetails;
    private final GeneratorTrainingGraph gGraph;
    private final DiscriminatorTrainingGraph dGraph;
    private final GeneratorEma ema;
    private final MomentPrecision momentPrecision;
    private final DataLayout discriminatorLayout;
    /**
     * A collection after a step at most once per second, and only once the resident set has grown by 128 MiB
     * since the last one: SameDiff's fit() leaves GBs of native garbage per step (so this collects after every
     * step), the compiled step almost none (so full collections become rare).
     */
    private final NativeMemoryReclaimer memory = new NativeMemoryReclaimer(1000, 128 * 1024,
            io.github.srgandl4j.core.runtime.ProcessMemory::rssKib);
    private long iteration;
    private Path lastCheckpoint;
    /** Checkpoints this run may prune, oldest first: never files of another run in the same folder. */
    private final List<Path> ownCheckpoints = new ArrayList<>();

    private SrganTrainer(Builder b, TrainingState resume) {
        this.stage = b.stage;
        this.generator = resume != null ? resume.generator() : b.generator;
        this.discriminator = resume != null ? resume.discriminator() : b.discriminator;
        this.batches = b.batches;
        this.contentLoss = b.contentLoss;
        this.adversarialLoss = b.adversarialLoss;
        this.adversarialWeight = b.adversarialWeight;
        this.generatorOptimizer = b.generatorOptimizer;
        this.discriminatorOptimizer = b.discriminatorOptimizer;
        this.discriminatorSteps = b.discriminatorSteps;
        this.stepOrder = b.stepOrder;
        this.checkpointDir = b.checkpointDir;
        this.checkpointEvery = b.checkpointEvery;
        this.keepCheckpoints = b.keepCheckpoints;
        this.listeners = List.copyOf(b.listeners);
        this.dataRoot = b.dataRoot;
        this.provenanceDetails = Map.copyOf(b.provenanceDetails);
        boolean adversarial = stage == TrainingStage.ADVERSARIAL;
        this.discriminatorLayout = b.discriminatorLayout != null ? b.discriminatorLayout
                : DataLayout.configured(DISCRIMINATOR_LAYOUT_PROPERTY, "the discriminator layout");
        this.gGraph = new GeneratorTrainingGraph(generator, contentLoss, adversarial ? adversarialLoss : null,
                adversarialWeight, discriminator, generatorOptimizer, adversarial && stepOrder == StepOrder.GENERATOR_FIRST,
                discriminatorLayout);
        this.dGraph = adversarial ? new DiscriminatorTrainingGraph(discriminator, adversarialLoss, discriminatorOptimizer,
                discriminatorLayout) : null;
        this.stepExecutor = b.stepExecutor;
        gGraph.setExecutor(stepExecutor);
        gGraph.setReorderedSums(b.reorderedSums);
        if (dGraph != null) {
            dGraph.setExecutor(stepExecutor);
            dGraph.setReorderedSums(b.reorderedSums);
            // one set of buffers serves both plans (in the paper's order, minus what the generator step holds
            // across the discriminator step it runs in its middle; CompiledTrainingStep.Arena)
            CompiledTrainingStep.Arena arena = new CompiledTrainingStep.Arena();
            gGraph.setArena(arena);
            dGraph.setArena(arena);
        }
        for (org.nd4j.autodiff.listeners.Listener l : b.graphListeners) {
            gGraph.addGraphListener(l);
            if (dGraph != null) {
                dGraph.addGraphListener(l);
            }
        }
        if (resume != null && checkpointDir != null) {
            for (Path p : Checkpoints.list(checkpointDir)) {
                if (Checkpoints.iterationOf(p) <= resume.iteration()) {
                    ownCheckpoints.add(p);
                }
            }
        }
        this.momentPrecision = b.momentPrecision;
        this.ema = b.emaDecay == null ? null
                : new GeneratorEma(b.emaDecay, generator, resume == null ? null : resume.generatorAverage());
        if (resume != null) {
            iteration = resume.iteration();
            gGraph.setIteration(iteration);
            if (!resume.generatorOptimizer().isEmpty()) {
                gGraph.restoreOptimizerState(resume.generatorOptimizer());
            }
            if (dGraph != null) {
                dGraph.setIteration(iteration * discriminatorSteps);
                if (!resume.discriminatorOptimizer().isEmpty()) {
                    dGraph.restoreOptimizerState(resume.discriminatorOptimizer());
                }
            }
        }
    }

    /**
     * System property choosing the discriminator's layout inside the training graphs when the builder sets none:
     * {@code nchw}, {@code nhwc} or {@code auto} (the default: {@link DataLayout#forThisHost()}).
     */
    public static final String DISCRIMINATOR_LAYOUT_PROPERTY = "srgan.discriminator.layout";

    public static Builder builder() {
        return new Builder();
    }

    /** Iterations completed. */
    public long iteration() {
        return iteration;
    }

    public TrainingStage stage() {
        return stage;
    }

    /** The generator; its weights are those of the last checkpoint or the end of {@link #train}. */
    public SrResNetModel generator() {
        return generator;
    }

    /**
     * The generator with the weights of the last completed iteration, copied out of the training
     * graph now (for validation during training; costs one copy of the weights); with
     * {@link Builder#optGeneratorEma} the moving average of the generator instead.
     */
    public SrResNetModel currentGenerator() {
        if (ema != null) {
            return ema.model();
        }
        gGraph.copyWeightsToModel();
        return generator;
    }

    /**
     * The generator to export: with {@link Builder#optGeneratorEma}, the moving average of the generator's
     * tensors, else {@link #generator()}.
     */
    public SrResNetModel outputGenerator() {
        return ema != null ? ema.model() : generator;
    }

    /** The discriminator (null in pretraining) with the weights of the last completed iteration. */
    public DiscriminatorModel discriminator() {
        return discriminator;
    }

    /** The newest checkpoint this trainer wrote or resumed from, or null. */
    public Path lastCheckpoint() {
        return lastCheckpoint;
    }

    /**
     * Trains until {@code totalIterations} iterations are complete (counting those done before a
     * resume), writing checkpoints every {@code checkpointEvery} iterations and at the end.
     *
     * @return the trained generator with its provenance, as {@link #trainedModel(Map)} with no extra details:
     *     save it with {@code save(Path)}; the caller owns it
     * @throws TrainingDivergedException when a loss becomes NaN or infinite (no checkpoint is written then)
     */
    public SrResNetModel train(long totalIterations) {
        LOG.info("{} training from iteration {} to {}: generator {} ({} parameters), content loss {}{}, data {}",
                stage, iteration, totalIterations, generator.name(), generator.config().parameterCount(),
                contentLoss.describe(), stage == TrainingStage.ADVERSARIAL ? ", adversarial " + adversarialLoss.describe()
                        + " x " + adversarialWeight + " (discriminator run " + discriminatorLayout + ")" : "",
                batches.describe());
        while (iteration < totalIterations) {
            IterationStats stats = runIteration();
            iteration++;
            for (TrainingListener l : listeners) {
                l.iterationDone(this, stats, totalIterations);
            }
            if (checkpointDir != null && checkpointEvery > 0 && iteration % checkpointEvery == 0 && iteration < totalIterations) {
                saveCheckpoint();
            }
        }
        if (checkpointDir != null) {
            saveCheckpoint(); // copies the weights out of the graphs too
        } else {
            syncModels();
        }
        for (TrainingListener l : listeners) {
            l.trainingDone(iteration);
        }
        return trainedModel(Map.of());
    }

    /**
     * The generator to export ({@link #outputGenerator()}: the weights of the last completed iteration,
     * or their moving average with {@code optGeneratorEma}), as a model of its own (a copy of
     * the weights, so further training does not change it) whose provenance records the run: library
     * version, stage, iterations, losses, optimizers, data (paths relative to {@code optDataRoot}), the
     * builder's {@code optProvenance} details and then {@code extra} (e.g. validation scores measured
     * after training). Named {@code srresnet} after pretraining and {@code srgan} after the adversarial stage.
     */
    public SrResNetModel trainedModel(Map<String, String> extra) {
        gGraph.copyWeightsToModel();
        String name = stage == TrainingStage.PRETRAIN ? "srresnet" : "srgan";
        SrResNetModel out = outputGenerator(); // the moving average with optGeneratorEma
        return new SrResNetModel(name, out.config(), out.parameters().copy(), provenanceFor(extra));
    }

    private IterationStats runIteration() {
        long t0 = System.nanoTime();
        double dLoss = Double.NaN;
        double[] g;
        if (stage == TrainingStage.PRETRAIN) {
            try (Batch b = batches.batch(iteration)) {
                g = gGraph.step(b.lr(), b.hr());
            }
        } else if (stepOrder == StepOrder.GENERATOR_FIRST) {
            // the discriminator constants in the generator's graph hold the discriminator of the previous iteration
            try (Batch b = batches.batch(iteration)) {
                g = gGraph.step(b.lr(), b.hr());
                memory.afterWorkUnit();
                dLoss = dGraph.step(b.hr(), gGraph.lastOutput());
                checkFinite(dLoss, "discriminator loss");
                dGraph.copyWeightsToModel();
                gGraph.syncDiscriminator(discriminator.parameters());
            }
        } else if (stepExecutor == StepExecutor.COMPILED && discriminatorSteps == 1) {
            // the paper's order with one generator forward pass: the generator step's plan hands over its output
            // before it reads the discriminator; the discriminator steps on it and its weights go into the model it reads
            double[] d = {Double.NaN};
            try (Batch b = batches.batch(iteration)) {
                g = gGraph.step(b.lr(), b.hr(), fake -> {
                    d[0] = dGraph.step(b.hr(), fake);
                    checkFinite(d[0], "discriminator loss");
                    dGraph.copyWeightsToModel();
                    gGraph.syncDiscriminator(discriminator.parameters());
                });
            }
            dLoss = d[0];
        } else {
            Batch last = null;
            try {
                for (int k = 0; k < discriminatorSteps; k++) {
                    if (last != null) {
                        last.close();
                    }
                    last = batches.batch(iteration * discriminatorSteps + k);
                    try (INDArray fake = gGraph.generate(last.lr())) {
                        dLoss = dGraph.step(last.hr(), fake);
                    }
                    checkFinite(dLoss, "discriminator loss");
                }
                dGraph.copyWeightsToModel();
                gGraph.syncDiscriminator(discriminator.parameters());
                memory.afterWorkUnit();
                g = gGraph.step(last.lr(), last.hr());
            } finally {
                if (last != null) {
                    last.close();
                }
            }
        }
        checkFinite(g[0], "generator loss");
        if (ema != null) {
            gGraph.copyWeightsToModel();
            ema.update(generator.parameters());
        }
        memory.afterWorkUnit();
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new IterationStats(iteration, g[0], g[1], g[2], dLoss, generatorOptimizer.learningRateAt(iteration), seconds);
    }

    private void checkFinite(double v, String what) {
        if (!Double.isFinite(v)) {
            throw new TrainingDivergedException(iteration, what + " became " + v, lastCheckpoint);
        }
    }

    private void syncModels() {
        gGraph.copyWeightsToModel();
        if (dGraph != null) {
            dGraph.copyWeightsToModel();
        }
    }

    /** Writes a checkpoint of the current state now and returns its path. */
    public Path saveCheckpoint() {
        if (checkpointDir == null) {
            throw new IllegalStateException("no checkpoint folder was set (optCheckpoints)");
        }
        syncModels();
        Path file = Checkpoints.fileFor(checkpointDir, iteration);
        Checkpoints.write(file, new TrainingState(stage, iteration, generator, discriminator,
                gGraph.optimizerState(), dGraph == null ? Map.of() : dGraph.optimizerState(), settings(),
                ema == null ? null : ema.model().parameters()), momentPrecision);
        lastCheckpoint = file;
        LOG.info("checkpoint at iteration {}: {}", iteration, file);
        // prune only this run's own checkpoints (written here, or the resumed run's up to the resume point)
        ownCheckpoints.remove(file);
        ownCheckpoints.add(file);
        while (ownCheckpoints.size() > keepCheckpoints) {
            Path old = ownCheckpoints.remove(0);
            try {
                Files.deleteIfExists(old);
            } catch (java.io.IOException e) {
                LOG.warn("cannot delete old checkpoint {}: {}", old, e.toString());
            }
        }
        for (TrainingListener l : listeners) {
            l.checkpointSaved(iteration, file);
        }
        return file;
    }

    /** Package-private, for tests: convolution backward passes of the generator step run as input gradients alone. */
    int generatorInputOnlyConvolutions() {
        return gGraph.inputOnlyConvolutions();
    }

    /** The settings a resumed run must share (checked by {@link Builder#optResumeFrom}). */
    Map<String, Object> settings() {
        return settingsOf(stage, contentLoss, adversarialLoss, adversarialWeight, generatorOptimizer,
                discriminatorOptimizer, discriminatorSteps, batches, ema == null ? null : ema.decay());
    }

    /**
     * Settings as the first {@code iterations} steps used them: a learning-rate decay that starts
     * at or after the resume point is left out, so a run may resume with its schedule extended or
     * changed ({@code --lr-decay-at}) but not with anything its past steps would have done differently.
     */
    static Map<String, Object> asRunBefore(Map<String, Object> settings, long iterations, int discriminatorSteps) {
        Map<String, Object> m = new LinkedHashMap<>(settings);
        canonicalOptimizer(m, "generatorOptimizer", iterations);
        canonicalOptimizer(m, "discriminatorOptimizer", iterations * discriminatorSteps);
        return m;
    }

    private static void canonicalOptimizer(Map<String, Object> m, String key, long iterations) {
        Object v = m.get(key);
        if (v != null) {
            OptimizerConfig.parse(String.valueOf(v)).ifPresent(o -> m.put(key, o.asRunBefore(iterations).toString()));
        }
    }

    private static Map<String, Object> settingsOf(TrainingStage stage, ContentLoss content, AdversarialLoss adv,
            double advWeight, OptimizerConfig gOpt, OptimizerConfig dOpt, int k, BatchSource batches, Double emaDecay) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", stage.name());
        m.put("contentLoss", content.describe());
        m.put("generatorOptimizer", gOpt.toString());
        if (stage == TrainingStage.ADVERSARIAL) {
            m.put("adversarialLoss", adv.describe());
            m.put("adversarialWeight", advWeight);
            m.put("discriminatorOptimizer", dOpt.toString());
            m.put("discriminatorSteps", k);
        }
        m.put("data", batches.describe());
        if (emaDecay != null) { // only when on, so that checkpoints written before the option still resume
            m.put("generatorEma", emaDecay);
        }
        return m;
    }

    /** A short training summary for the generator's provenance (stage, iterations, losses, data). */
    Provenance provenanceFor(Map<String, String> extra) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("trainedBy", "srgan-dl4j SrganTrainer");
        settings().forEach((k, v) -> d.put(k, String.valueOf(v)));
        if (dataRoot != null) {
            d.put("data", batches.describe(dataRoot));
        }
        if (stage == TrainingStage.ADVERSARIAL) {
            d.put("stepOrder", stepOrder.id());
        }
        d.put("stepExecutor", stepExecutor.id()); // of this trainer (a resumed run may have changed it)
        d.put("iterations", Long.toString(iteration));
        d.put("batchSize", Integer.toString(batches.batchSize()));
        d.put("hrCrop", Integer.toString(batches.hrCropSize()));
        d.putAll(provenanceDetails);
        d.putAll(extra);
        return Provenance.now(d);
    }

    /** Builder: {@code setX} for required parts, {@code optX} for options. */
    public static final class Builder {
        private TrainingStage stage;
        private SrResNetModel generator;
        private DiscriminatorModel discriminator;
        private BatchSource batches;
        private ContentLoss contentLoss;
        private AdversarialLoss adversarialLoss;
        private double adversarialWeight = 1e-3;
        private OptimizerConfig generatorOptimizer = OptimizerConfig.adam(1e-4);
        private OptimizerConfig discriminatorOptimizer = OptimizerConfig.adam(1e-4);
        private int discriminatorSteps = 1;
        private StepOrder stepOrder = StepOrder.DISCRIMINATOR_FIRST;
        private StepExecutor stepExecutor = StepExecutor.COMPILED;
        private boolean reorderedSums = true;
        private Path checkpointDir;
        private long checkpointEvery;
        private int keepCheckpoints = 2;
        private Path resumeFrom;
        private Path dataRoot;
        private final Map<String, String> provenanceDetails = new LinkedHashMap<>();
        private Double emaDecay;
        private MomentPrecision momentPrecision = MomentPrecision.FLOAT32;
        private DataLayout discriminatorLayout;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private final List<org.nd4j.autodiff.listeners.Listener> graphListeners = new ArrayList<>();

        private Builder() {}

        /** Required: the stage. */
        public Builder setStage(TrainingStage stage) {
            this.stage = stage;
            return this;
        }

        /** Required (unless resuming): the generator to train; its parameters are updated in place. */
        public Builder setGenerator(SrResNetModel generator) {
            this.generator = generator;
            return this;
        }

        /** Required: where batches come from. */
        public Builder setBatchSource(BatchSource batches) {
            this.batches = batches;
            return this;
        }

        /** Required: the content loss (pixel MSE for SRResNet, VGG features for SRGAN). */
        public Builder setContentLoss(ContentLoss contentLoss) {
            this.contentLoss = contentLoss;
            return this;
        }

        /** Required for the adversarial stage (unless resuming). */
        public Builder optDiscriminator(DiscriminatorModel discriminator) {
            this.discriminator = discriminator;
            return this;
        }

        /** Required for the adversarial stage. */
        public Builder optAdversarialLoss(AdversarialLoss adversarialLoss) {
            this.adversarialLoss = adversarialLoss;
            return this;
        }

        /** Weight of the adversarial loss in the generator's loss (the paper: 1e-3). */
        public Builder optAdversarialWeight(double w) {
            this.adversarialWeight = w;
            return this;
        }

        /** The generator's optimizer (default Adam 1e-4, beta1 0.9). */
        public Builder optGeneratorOptimizer(OptimizerConfig o) {
            this.generatorOptimizer = Objects.requireNonNull(o);
            return this;
        }

        /** The discriminator's optimizer (default Adam 1e-4, beta1 0.9). */
        public Builder optDiscriminatorOptimizer(OptimizerConfig o) {
            this.discriminatorOptimizer = Objects.requireNonNull(o);
            return this;
        }

        /** Discriminator steps per generator step (the paper: k = 1). */
        public Builder optDiscriminatorSteps(int k) {
            this.discriminatorSteps = k;
            return this;
        }

        /**
         * The order of the two updates of an adversarial iteration (default {@link StepOrder#DISCRIMINATOR_FIRST},
         * the paper's); {@link StepOrder#GENERATOR_FIRST} saves one generator forward pass per iteration and needs
         * one discriminator step per iteration. Not a setting a resumed run must share.
         */
        public Builder optStepOrder(StepOrder order) {
            this.stepOrder = Objects.requireNonNull(order, "order");
            return this;
        }

        /**
         * What runs each graph's training step (default {@link StepExecutor#COMPILED}: a fixed plan with reused
         * arrays; {@link StepExecutor#SAMEDIFF}: SameDiff's {@code fit()}). Same results within float
         * rounding (the compiled plan computes frozen convolutions' input gradients by another summation), different
         * speed and memory; not a setting a resumed run must share.
         */
        public Builder optStepExecutor(StepExecutor executor) {
            this.stepExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * The layout the discriminator runs in inside the training graphs (default: {@link
         * #DISCRIMINATOR_LAYOUT_PROPERTY}, else {@link DataLayout#forThisHost()}: NHWC on AVX-512 hosts, where oneDNN's
         * forward convolutions are channels-last). The same values within float rounding; only the speed differs.
         * Not a setting a resumed run must share.
         */
        public Builder optDiscriminatorLayout(DataLayout layout) {
            this.discriminatorLayout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /**
         * Package-private, for tests: false makes the compiled executor run exactly {@code fit()}'s ops, so results
         * compare bit for bit (default true: frozen convolutions compute their input gradient alone and BN's and PReLU's
         * per-channel scale runs on the JVM ({@link ChannelScale}), which sum in another order).
         */
        Builder optReorderedSums(boolean on) {
            this.reorderedSums = on;
            return this;
        }

        /**
         * Checkpoints into {@code dir} every {@code every} iterations (0: only at the end), keeping the newest
         * two of this run's own (those it wrote, and on resume those up to the resume point); checkpoints of
         * another run in the folder are never deleted.
         */
        public Builder optCheckpoints(Path dir, long every) {
            this.checkpointDir = dir;
            this.checkpointEvery = every;
            return this;
        }

        /** How many checkpoints to keep (default 2). */
        public Builder optKeepCheckpoints(int n) {
            this.keepCheckpoints = n;
            return this;
        }

        /**
         * Keeps an exponential moving average of the generator's tensors with this decay (Real-ESRGAN: 0.999),
         * updated after every generator step and saved in checkpoints; validation ({@link #currentGenerator()})
         * and {@link #outputGenerator()} use it. Off by default.
         */
        public Builder optGeneratorEma(double decay) {
            if (!(decay > 0 && decay < 1)) {
                throw new IllegalArgumentException("EMA decay must be in (0, 1), got " + decay);
            }
            this.emaDecay = decay;
            return this;
        }

        /**
         * How checkpoints store the Adam moments (default {@link MomentPrecision#FLOAT32}, exact resume;
         * {@link MomentPrecision#BFLOAT16} halves them, and a resumed run is then close to, not identical with, an
         * uninterrupted one). A storage choice, not a training setting: a run may change it when resuming.
         */
        public Builder optCheckpointMoments(MomentPrecision precision) {
            this.momentPrecision = Objects.requireNonNull(precision);
            return this;
        }

        /** Continues from a checkpoint (networks, optimizer state and iteration come from it). */
        public Builder optResumeFrom(Path checkpoint) {
            this.resumeFrom = checkpoint;
            return this;
        }

        /**
         * The folder the training data's paths are recorded relative to in the trained model's
         * provenance (default: none, absolute paths), so that a model does not carry the paths of the
         * machine it was trained on. Checkpoints keep absolute paths (a resume compares them).
         */
        public Builder optDataRoot(Path root) {
            this.dataRoot = Objects.requireNonNull(root, "root");
            return this;
        }

        /** One more detail for the trained model's provenance, e.g. {@code commit} (repeatable; later wins). */
        public Builder optProvenance(String key, String value) {
            provenanceDetails.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder addListener(TrainingListener l) {
            listeners.add(Objects.requireNonNull(l));
            return this;
        }

        /**
         * A SameDiff listener on the training graphs (the generator's and the discriminator's), for profiling or
         * debugging: it sees every op of every step (e.g. {@link io.github.srgandl4j.core.runtime.OpTimer}).
         */
        public Builder optGraphListener(org.nd4j.autodiff.listeners.Listener l) {
            graphListeners.add(Objects.requireNonNull(l));
            return this;
        }

        public SrganTrainer build() {
            io.github.srgandl4j.core.runtime.OmpWaitPolicyCheck.warnOnce();
            require(stage != null, "setStage");
            require(batches != null, "setBatchSource");
            require(contentLoss != null, "setContentLoss");
            require(discriminatorSteps >= 1, "optDiscriminatorSteps >= 1");
            require(stepOrder == StepOrder.DISCRIMINATOR_FIRST || discriminatorSteps == 1,
                    "optStepOrder(GENERATOR_FIRST) with one discriminator step per iteration (optDiscriminatorSteps 1)");
            require(keepCheckpoints >= 1, "optKeepCheckpoints >= 1");
            TrainingState resume = null;
            if (resumeFrom != null) {
                resume = Checkpoints.readForResume(resumeFrom);
                if (resume.stage() != stage) {
                    throw new IllegalArgumentException("checkpoint " + resumeFrom + " is of stage " + resume.stage()
                            + ", not " + stage);
                }
                Map<String, Object> now = settingsOf(stage, contentLoss, adversarialLoss, adversarialWeight,
                        generatorOptimizer, discriminatorOptimizer, discriminatorSteps, batches, emaDecay);
                if (!String.valueOf(asRunBefore(now, resume.iteration(), discriminatorSteps))
                        .equals(String.valueOf(asRunBefore(resume.settings(), resume.iteration(), discriminatorSteps)))) {
                    throw new IllegalArgumentException("checkpoint " + resumeFrom + " was written with settings "
                            + resume.settings() + "; resuming needs the same, got " + now);
                }
            } else {
                require(generator != null, "setGenerator");
            }
            if (stage == TrainingStage.ADVERSARIAL) {
                require(adversarialLoss != null, "optAdversarialLoss (adversarial stage)");
                require(resume != null || discriminator != null, "optDiscriminator (adversarial stage)");
                DiscriminatorModel d = resume != null ? resume.discriminator() : discriminator;
                require(d.config().inputSize() == batches.hrCropSize(), "discriminator input size "
                        + d.config().inputSize() + " == HR crop size " + batches.hrCropSize());
            }
            SrResNetModel g = resume != null ? resume.generator() : generator;
            require(g.scale() == batches.scale(), "generator scale " + g.scale() + " == batch scale " + batches.scale());
            SrganTrainer t = new SrganTrainer(this, resume);
            if (resume != null) {
                t.lastCheckpoint = resumeFrom;
                LOG.info("resumed {} training from {} at iteration {}", stage, resumeFrom, resume.iteration());
            }
            return t;
        }

        private static void require(boolean ok, String what) {
            if (!ok) {
                throw new IllegalStateException("SrganTrainer needs " + what);
            }
        }
    }
}
