package io.github.srgandl4j.examples.cli;

import io.github.srgandl4j.core.model.DiscriminatorConfig;
import io.github.srgandl4j.core.model.DiscriminatorModel;
import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.nn.DataLayout;
import io.github.srgandl4j.core.train.AdversarialLoss;
import io.github.srgandl4j.core.train.Checkpoints;
import io.github.srgandl4j.core.train.MomentPrecision;
import io.github.srgandl4j.core.train.LoggingListener;
import io.github.srgandl4j.core.train.OptimizerConfig;
import io.github.srgandl4j.core.train.SrganTrainer;
import io.github.srgandl4j.core.train.StepOrder;
import io.github.srgandl4j.core.train.TrainingStage;
import io.github.srgandl4j.data.metrics.Metric;
import io.github.srgandl4j.data.train.DatasetConfig;
import io.github.srgandl4j.data.train.SrDataset;
import io.github.srgandl4j.data.validation.ValidationListener;
import io.github.srgandl4j.losses.NamedContentLoss;
import io.github.srgandl4j.losses.ContentLossSpec;
import io.github.srgandl4j.losses.Distance;
import io.github.srgandl4j.losses.GridPenaltyContentLoss;
import io.github.srgandl4j.losses.LogitAdversarialLoss;
import io.github.srgandl4j.losses.PixelAnchoredContentLoss;
import io.github.srgandl4j.losses.RelativisticAdversarialLoss;
import io.github.srgandl4j.losses.VggContentLoss;
import io.github.srgandl4j.losses.vgg.Vgg19FeatureExtractor;
import io.github.srgandl4j.losses.vgg.VggWeightsException;
import io.github.srgandl4j.losses.vgg.Vgg19WeightsLocator;
import io.github.srgandl4j.losses.vgg.VggLayer;
import io.github.srgandl4j.losses.vgg.VggLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code srgan train}: SRResNet pretraining with MSE ({@code --stage pretrain}) or SRGAN training
 * from a pretrained generator ({@code --stage adversarial}), with checkpoints, exact resume,
 * validation and a progress bar; writes a model file that {@code upscale} and {@code evaluate} accept.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Train an SRResNet (--stage pretrain, MSE) or an SRGAN (--stage adversarial: VGG content + 1e-3 "
                    + "adversarial, from a pretrained generator given with --init).",
            "Checkpoints go to --checkpoint-dir every --checkpoint-every steps and at the end; --resume continues "
                    + "exactly from the newest one. The final generator is written to -o."
        })
final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--stage", description = "pretrain or adversarial (required unless --preset gives it).")
    String stage;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "The paper's settings for one of its Table 1 variants: srresnet-mse, srresnet-vgg22, srgan-mse, "
                    + "srgan-vgg22, srgan-vgg54 (needs the full VGG19 weights). Explicit flags override it; the "
                    + "effective settings are printed.")
    String preset;

    @Option(names = "--gan-loss", defaultValue = "standard", paramLabel = "LOSS",
            description = "Adversarial loss: standard (the paper's, -log D(G(LR))) or relativistic (ESRGAN's relativistic "
                    + "average loss, for D and G). Default: ${DEFAULT-VALUE}.")
    String ganLoss;

    @Option(names = "--ema", paramLabel = "DECAY",
            description = "Keep an exponential moving average of the generator's weights with this decay (e.g. 0.999, "
                    + "Real-ESRGAN's); validation and the written model use it; checkpoints hold it.")
    Double ema;

    @Option(names = "--step-order", defaultValue = "d-first", paramLabel = "ORDER",
            description = "Adversarial stage: d-first (the paper's: discriminator step, then generator step against "
                    + "the updated discriminator) or g-first (BasicSR/ESRGAN's: generator step, then discriminator "
                    + "step on that step's output; one generator forward pass per iteration fewer). A resumed run "
                    + "may change it. Default: ${DEFAULT-VALUE}.")
    String stepOrder;

    @Option(names = "--step-executor", defaultValue = "compiled", paramLabel = "EXECUTOR",
            description = "What runs each training step: compiled (a fixed plan of the graph's ops with arrays reused "
                    + "across steps) or samediff (SameDiff's fit()). Same results; compiled is faster and smaller. A "
                    + "resumed run may change it. Default: ${DEFAULT-VALUE}.")
    String stepExecutor;

    @Option(names = "--pixel-loss", defaultValue = "mse", paramLabel = "DIST",
            description = "The pixel term added by --pixel-weight: mse or l1 (ESRGAN's). Default: ${DEFAULT-VALUE}.")
    String pixelLoss;

    @Option(names = "--vgg-before-activation",
            description = "Compare the VGG features before the ReLU of phi_i,j (ESRGAN's), not after it (the paper's).")
    boolean vggBeforeActivation;

    @Option(names = "--vgg-scale", paramLabel = "S",
            description = "Factor on the VGG features before the distance (default 1/12.75, the paper's; the probe's "
                    + "ESRGAN-like recipe: 0.0172 ~ 1/58 with --vgg-distance l1).")
    Double vggScale;

    @Option(names = "--vgg-layout", paramLabel = "LAYOUT",
            description = "Memory layout VGG19 runs in inside the training graph: nchw, nhwc or auto (channels-last on "
                    + "AVX-512 hosts, where it is faster; the same values either way; docs/losses.md). Default: the "
                    + "system property srgan.vgg.layout, else auto.")
    String vggLayout;

    @Option(names = "--d-layout", paramLabel = "LAYOUT",
            description = "Memory layout the discriminator runs in inside the training graphs: nchw, nhwc or auto "
                    + "(channels-last on AVX-512 hosts, where it is faster; the same values either way; docs/training.md). "
                    + "Default: the system property srgan.discriminator.layout, else auto.")
    String discriminatorLayout;

    @Option(names = "--vgg-distance", defaultValue = "mse", paramLabel = "DIST",
            description = "Distance of the scaled VGG features: mse (the paper's) or l1 (ESRGAN's). Default: ${DEFAULT-VALUE}.")
    String vggDistance;

    @Option(names = "--discriminator-norm", defaultValue = "batch", paramLabel = "NORM",
            description = "batch (the paper's batch normalisation) or spectral (no batch normalisation, spectral "
                    + "normalisation of every layer). Default: ${DEFAULT-VALUE}.")
    String discriminatorNorm;

    @Option(names = "--discriminator-head", defaultValue = "flatten", paramLabel = "HEAD",
            description = "flatten (the paper's; the dense layer grows with the crop: 18.9M weights at 96), gap "
                    + "(global average pooling first: 0.5M whatever the crop) or patch (gap's layers at every position "
                    + "of the last feature map: one logit per patch). Default: ${DEFAULT-VALUE}.")
    String discriminatorHead;

    @Option(names = "--discriminator-channels", defaultValue = "64", paramLabel = "N",
            description = "Channels of the discriminator's first convolution (the paper: 64). Default: ${DEFAULT-VALUE}.")
    int discriminatorChannels;

    @Option(names = "--checkpoint-moments", defaultValue = "float32", paramLabel = "PRECISION",
            description = "How checkpoints store Adam's moments: float32 (exact resume) or bfloat16 (half their size; "
                    + "a resumed run is close to, not identical with, an uninterrupted one). Default: ${DEFAULT-VALUE}.")
    String checkpointMoments;

    @Option(names = "--data", required = true, split = ",", paramLabel = "DIR",
            description = "Folders of HR training images (comma-separated); LR crops are made by MATLAB bicubic.")
    List<Path> data;

    @Option(names = "--val", paramLabel = "DIR", description = "Folder of HR validation images (LR made by bicubic), scored during training.")
    Path val;

    @Option(names = "--val-lr", paramLabel = "DIR", description = "Matching LR validation images (default: made from --val).")
    Path valLr;

    @Option(names = "--val-every", defaultValue = "1000", paramLabel = "N", description = "Steps between validations (default: ${DEFAULT-VALUE}).")
    long valEvery;

    @Option(names = "--val-metrics", paramLabel = "LIST",
            description = "What each validation computes, comma-separated: psnr, ssim, niqe, grid, texture (as 'srgan "
                    + "evaluate --metrics'; NIQE and grid follow a GAN's perceptual quality; NIQE costs 1-2 s per image). "
                    + "Logged, and recorded in the written model's provenance. Default: psnr,ssim.")
    String valMetrics;

    @Option(names = "--content", paramLabel = "LOSS",
            description = "Content loss: mse, mse-y (MSE of BT.601 luma only, the channel PSNR is reported on; leaves colour "
                    + "free, docs/losses.md), "
                    + "or vgg (VGG19 features at --vgg-layer). Default: mse for pretrain, vgg for adversarial.")
    String content;

    @Option(names = "--vgg", paramLabel = "FILE",
            description = "Keras VGG19 weights (.h5; weights-only or full model). Default: -Dsrgan.vgg19.weights, $SRGAN_VGG19_WEIGHTS or ~/.keras/models.")
    Path vgg;

    @Option(names = "--pixel-weight", defaultValue = "0", paramLabel = "W",
            description = "Adds W x pixel MSE (or --pixel-loss l1) to a VGG or mse-y content loss (default: 0, none, "
                    + "as in the paper's SRGAN).")
    double pixelWeight;

    @Option(names = "--grid-weight", defaultValue = "0", paramLabel = "W",
            description = "Adds W x the grid penalty (variance over the scale x scale pixel phases of the mean error at "
                    + "each, against the pixel-shuffle grid) to the content loss (default: 0, none, as in the paper).")
    double gridWeight;

    @Option(names = "--grid-penalty", defaultValue = "centred", paramLabel = "KIND",
            description = "centred (default: the variance of the phase means, so an overall offset is no grid) or "
                    + "uncentred (their mean square: the definition before 2026-11-30, which the bundled srgan used).")
    String gridPenalty;

    @Option(names = "--vgg-layer", defaultValue = "2,2", paramLabel = "I,J", description = "VGG feature map phi_i,j (default: ${DEFAULT-VALUE}).")
    String vggLayer;

    @Option(names = "--batch", defaultValue = "16", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--crop", defaultValue = "96", description = "HR crop size (default: ${DEFAULT-VALUE}).")
    int crop;

    @Option(names = "--scale", defaultValue = "4", description = "Upscaling factor 2, 4 or 8 (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--blocks", defaultValue = "16", description = "Residual blocks of a new generator, 0-256 (default: ${DEFAULT-VALUE}).")
    int blocks;

    @Option(names = "--channels", defaultValue = "64",
            description = "Channels of a new generator, 1-512; at most 100 million parameters in all (default: ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--steps", description = "Total training steps (iterations) of this stage, including those before a resume "
            + "(required unless --preset gives it).")
    Long steps;

    @Option(names = "--lr", defaultValue = "1e-4", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--adam-beta2", defaultValue = "0.999", paramLabel = "B",
            description = "Adam's beta2 for both networks (default: ${DEFAULT-VALUE}; ESRGAN/Real-ESRGAN use 0.99).")
    double adamBeta2;

    @Option(names = "--discriminator-lr", paramLabel = "LR",
            description = "Adam learning rate of the discriminator in the adversarial stage (default: --lr); decays with --lr-decay-at.")
    Double discriminatorLr;

    @Option(names = "--lr-decay-at", paramLabel = "STEP[,STEP...]",
            description = "Steps from which the learning rate is divided by 10, each once more (the paper: one, half way; "
                    + "ascending, comma-separated).")
    String lrDecayAt;

    @Option(names = "--adversarial-weight", defaultValue = "1e-3", description = "Weight of the adversarial loss (default: ${DEFAULT-VALUE}).")
    double adversarialWeight;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for initialisation and data order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--checkpoint-dir", required = true, paramLabel = "DIR", description = "Folder for checkpoints.")
    Path checkpointDir;

    @Option(names = "--checkpoint-every", defaultValue = "500", paramLabel = "N",
            description = "Steps between checkpoints; 0: only at the end (default: ${DEFAULT-VALUE}).")
    long checkpointEvery;

    @Option(names = "--resume", description = "Continue from the newest checkpoint in --checkpoint-dir, with the same settings; "
            + "only a --lr-decay-at that starts at or after the checkpoint's step may be added or changed.")
    boolean resume;

    @Option(names = "--init", paramLabel = "MODEL", description = "Start from this SRResNet model file (required for --stage adversarial unless resuming).")
    Path init;

    @Option(names = "--log-every", defaultValue = "10", paramLabel = "N", description = "Steps between log lines (default: ${DEFAULT-VALUE}).")
    int logEvery;

    @Option(names = "--provenance", paramLabel = "KEY=VALUE",
            description = "Extra detail for the written model's provenance (repeatable), e.g. commit=$(git rev-parse HEAD).")
    Map<String, String> provenance = new LinkedHashMap<>();

    @Option(names = "--data-root", paramLabel = "DIR", defaultValue = ".",
            description = "The written model's provenance records data and validation folders relative to this folder"
                    + " (default: the working directory); folders outside it stay absolute.")
    Path dataRoot;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL",
            description = "Where to write the trained generator (an existing file only with --force).")
    Path output;

    @Option(names = "--force", description = "Overwrite an existing -o model; without --resume, also start afresh in a "
            + "--checkpoint-dir that holds checkpoints of an earlier run, deleting them first.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        TrainPreset chosen = applyPreset();
        if (stage == null || steps == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--stage and --steps are required (or give --preset NAME: " + TrainPreset.names() + ")");
        }
        TrainingStage st = parseStage();
        checkArguments(st);
        // usage errors (exit 2) before any file is looked at
        MomentPrecision moments = parse("--checkpoint-moments", () -> MomentPrecision.parse(checkpointMoments));
        StepOrder order = parse("--step-order", () -> StepOrder.parse(stepOrder));
        List<Long> decays = lrDecayAt == null ? List.of() : decaySteps();
        DataLayout dLayout = discriminatorLayout == null ? null
                : parse("--d-layout", () -> DataLayout.parse(discriminatorLayout, "the discriminator layout"));
        io.github.srgandl4j.core.train.StepExecutor executor = parse("--step-executor",
                () -> io.github.srgandl4j.core.train.StepExecutor.parse(stepExecutor));
        if (valMetrics != null && val == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--val-metrics needs --val");
        }
        java.util.Set<Metric> validationMetrics = parse("--val-metrics",
                () -> Metric.parseList(valMetrics == null ? "psnr,ssim" : valMetrics));
        List<Path> earlierCheckpoints = checkOutputs();
        DatasetConfig.Builder dc = DatasetConfig.builder().scale(scale).hrCropSize(crop).batchSize(batch).seed(seed);
        for (Path d : data) {
            dc.hrDir(d);
        }
        NamedContentLoss contentLoss = contentLoss(st, chosen);
        DiscriminatorConfig discriminatorConfig = discriminatorConfig();
        try (SrDataset dataset = SrDataset.open(dc.build())) {
            OptimizerConfig opt = adam(lr).withDecays(decays, 0.1);
            OptimizerConfig dOpt = discriminatorLr == null ? opt : adam(discriminatorLr).withDecays(decays, 0.1);
            SrganTrainer.Builder b = SrganTrainer.builder()
                    .setStage(st)
                    .setBatchSource(dataset)
                    .setContentLoss(contentLoss)
                    .optGeneratorOptimizer(opt)
                    .optDiscriminatorOptimizer(dOpt)
                    .optCheckpoints(checkpointDir, checkpointEvery)
                    .optDataRoot(dataRoot)
                    .optCheckpointMoments(moments)
                    .optStepExecutor(executor)
                    .addListener(new LoggingListener(logEvery))
                    .addListener(new TrainingProgressBar(spec.commandLine().getErr(), System.console() != null));
            ValidationListener validation = null;
            if (val != null) {
                validation = new ValidationListener(val, valLr, valEvery, validationMetrics);
                b.addListener(validation);
            }
            if (st == TrainingStage.ADVERSARIAL) {
                b.optAdversarialLoss(adversarialLoss()).optAdversarialWeight(adversarialWeight)
                        .optStepOrder(order);
                if (dLayout != null) {
                    b.optDiscriminatorLayout(dLayout);
                }
            }
            if (ema != null) {
                b.optGeneratorEma(ema);
            }
            if (resume) {
                Path latest = Checkpoints.latest(checkpointDir).orElseThrow(() -> new IllegalArgumentException(
                        "--resume: no checkpoint-*.srgan in " + checkpointDir.toAbsolutePath()));
                b.optResumeFrom(latest);
            } else {
                SrResNetModel g = init != null ? SrResNetModel.load(init)
                        : SrResNetModel.initialise(SrResNetConfig.of(scale, blocks, channels), seed);
                b.setGenerator(g);
                if (st == TrainingStage.ADVERSARIAL) {
                    b.optDiscriminator(DiscriminatorModel.initialise(discriminatorConfig, seed + 1));
                }
            }
            SrganTrainer trainer = b.build();
            deleteEarlierCheckpoints(earlierCheckpoints);
            if (resume && trainer.discriminator() != null && !trainer.discriminator().config().equals(discriminatorConfig)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "the checkpoint's discriminator is "
                        + trainer.discriminator().config().describe() + "; the flags ask for " + discriminatorConfig.describe()
                        + " (--crop, --discriminator-norm, --discriminator-head, --discriminator-channels must match)");
            }
            trainer.train(steps);
            Map<String, String> extra = new LinkedHashMap<>();
            extra.put("trainingImages", Integer.toString(dataset.imageCount()));
            extra.put("seed", Long.toString(seed));
            if (chosen != null) {
                extra.put("preset", chosen.label());
            }
            if (trainer.discriminator() != null) {
                extra.put("discriminator", trainer.discriminator().config().describe());
            }
            extra.put("checkpointMoments", moments.label());
            if (init != null) {
                extra.put("initialisedFrom", init.getFileName().toString());
            }
            if (validation != null) {
                ValidationListener.Result last = validation.validateCurrent(trainer);
                extra.put("validation", relativeToDataRoot(val));
                extra.putAll(last.provenanceDetails()); // validationPsnr, validationNiqe, ...
            }
            extra.putAll(provenance);
            SrResNetModel trained = trainer.trainedModel(extra);
            trained.save(output);
            spec.commandLine().getOut().printf("wrote %s (%s, %d steps)%n", output, trained.name(), trainer.iteration());
        }
        return 0;
    }

    /**
     * Refuses (before any work) to overwrite an existing -o model, or to start a fresh run in a
     * checkpoint folder holding an earlier run's checkpoints, unless --force; returns the checkpoints
     * that --force will delete before training starts.
     */
    private List<Path> checkOutputs() throws java.io.IOException {
        OutputFile.refuseExisting(output, force);
        if (resume) {
            return List.of();
        }
        List<Path> earlier = Checkpoints.list(checkpointDir);
        if (!earlier.isEmpty() && !force) {
            throw new java.io.IOException(checkpointDir + ": holds " + earlier.size() + " checkpoint(s) of an earlier run "
                    + "(newest: " + earlier.get(earlier.size() - 1).getFileName() + "); use --resume to continue it, "
                    + "another --checkpoint-dir, or --force to delete them and start afresh");
        }
        return earlier;
    }

    private void deleteEarlierCheckpoints(List<Path> earlier) throws java.io.IOException {
        for (Path p : earlier) {
            Files.deleteIfExists(p);
        }
        if (!earlier.isEmpty()) {
            spec.commandLine().getErr().printf("srgan train: --force: deleted %d checkpoint(s) of an earlier run from %s%n",
                    earlier.size(), checkpointDir);
        }
    }

    private String relativeToDataRoot(Path dir) {
        Path root = dataRoot.toAbsolutePath().normalize();
        Path abs = dir.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString().replace(java.io.File.separatorChar, '/') : abs.toString();
    }

    /**
     * Sets every option of the chosen preset that the command line did not give, and prints the effective
     * settings; null without --preset.
     */
    private TrainPreset applyPreset() {
        if (preset == null) {
            return null;
        }
        TrainPreset p = parse("--preset", () -> TrainPreset.parse(preset));
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        StringBuilder effective = new StringBuilder("preset " + p.label() + ", effective settings:");
        for (Map.Entry<String, String> e : p.flags().entrySet()) {
            CommandLine.Model.OptionSpec o = spec.findOption(e.getKey());
            if (!given.hasMatchedOption(o)) {
                o.setValue(convert(o.type(), e.getValue()));
            }
            Object v = o.getValue();
            effective.append(' ').append(e.getKey()).append(' ').append(v)
                    .append(given.hasMatchedOption(o) ? " (given)" : "");
        }
        spec.commandLine().getOut().println(effective);
        return p;
    }

    private static Object convert(Class<?> type, String value) {
        if (type == String.class) {
            return value;
        } else if (type == int.class || type == Integer.class) {
            return Integer.parseInt(value);
        } else if (type == long.class || type == Long.class) {
            return Long.parseLong(value);
        } else if (type == double.class || type == Double.class) {
            return Double.parseDouble(value);
        }
        throw new IllegalStateException("preset value for an option of type " + type);
    }

    /** {@code f}'s value, or a usage error (exit 2) naming the option with the parser's message. */
    private <T> T parse(String option, java.util.function.Supplier<T> f) {
        try {
            return f.get();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    private AdversarialLoss adversarialLoss() {
        switch (ganLoss.toLowerCase(Locale.ROOT)) {
            case "standard":
                return new LogitAdversarialLoss();
            case "relativistic":
                return new RelativisticAdversarialLoss();
            default:
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--gan-loss must be standard or relativistic, got '" + ganLoss + "'");
        }
    }

    private DiscriminatorConfig discriminatorConfig() {
        boolean spectral;
        switch (discriminatorNorm.toLowerCase(Locale.ROOT)) {
            case "batch":
                spectral = false;
                break;
            case "spectral":
                spectral = true;
                break;
            default:
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--discriminator-norm must be batch or spectral, got '" + discriminatorNorm + "'");
        }
        DiscriminatorConfig.Head head;
        switch (discriminatorHead.toLowerCase(Locale.ROOT)) {
            case "flatten":
                head = DiscriminatorConfig.Head.FLATTEN;
                break;
            case "gap":
                head = DiscriminatorConfig.Head.GLOBAL_AVERAGE;
                break;
            case "patch":
                head = DiscriminatorConfig.Head.PATCH;
                break;
            default:
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--discriminator-head must be flatten, gap or patch, got '" + discriminatorHead + "'");
        }
        if (discriminatorChannels < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--discriminator-channels must be >= 1");
        }
        if (crop % 16 != 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--crop must be a multiple of 16 for the discriminator (four stride-2 convolutions), got " + crop);
        }
        return DiscriminatorConfig.of(crop, discriminatorChannels).withVariant(!spectral, spectral, head);
    }

    private TrainingStage parseStage() {
        switch (stage.toLowerCase(Locale.ROOT)) {
            case "pretrain":
                return TrainingStage.PRETRAIN;
            case "adversarial":
                return TrainingStage.ADVERSARIAL;
            default:
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--stage must be pretrain or adversarial, got '" + stage + "'");
        }
    }

    private void checkArguments(TrainingStage st) {
        if (st == TrainingStage.ADVERSARIAL && init == null && !resume) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--stage adversarial starts from a pretrained generator: give --init MODEL (or --resume)");
        }
        if (steps < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--steps must be >= 1");
        }
        checkSizes();
        if (st == TrainingStage.ADVERSARIAL && !resume) {
            require(crop % 16 == 0 && crop <= DiscriminatorConfig.MAX_INPUT_SIZE, "--stage adversarial: --crop (the "
                    + "discriminator's input) must be a multiple of 16 up to " + DiscriminatorConfig.MAX_INPUT_SIZE + ", got " + crop);
        }
        for (Path d : data) {
            if (!Files.isDirectory(d)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--data: not a folder: " + d);
            }
        }
        if (val != null && !Files.isDirectory(val)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--val: not a folder: " + val);
        }
        requireRate("--lr", lr);
        if (discriminatorLr != null) {
            if (st != TrainingStage.ADVERSARIAL) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--discriminator-lr applies to --stage adversarial (the pretrain stage has no discriminator)");
            }
            requireRate("--discriminator-lr", discriminatorLr);
        }
    }

    /** Sizes and intervals: usage errors (exit 2) naming the flag, before anything is allocated. */
    private void checkSizes() {
        require(scale == 2 || scale == 4 || scale == 8, "--scale must be 2, 4 or 8, got " + scale);
        require(batch >= 1, "--batch must be >= 1, got " + batch);
        require(crop >= scale && crop % scale == 0, "--crop must be a positive multiple of --scale " + scale + ", got " + crop);
        require(blocks >= 0 && blocks <= SrResNetConfig.MAX_RESIDUAL_BLOCKS,
                "--blocks must be in 0.." + SrResNetConfig.MAX_RESIDUAL_BLOCKS + ", got " + blocks);
        require(channels >= 1 && channels <= SrResNetConfig.MAX_CHANNELS,
                "--channels must be in 1.." + SrResNetConfig.MAX_CHANNELS + ", got " + channels);
        try {
            SrResNetConfig.of(scale, blocks, channels);
        } catch (IllegalArgumentException e) {
            require(false, "--blocks " + blocks + " --channels " + channels + ": " + e.getMessage());
        }
        require(logEvery >= 1, "--log-every must be >= 1, got " + logEvery);
        require(checkpointEvery >= 0, "--checkpoint-every must be >= 0 (0: only at the end), got " + checkpointEvery);
        require(valEvery >= 1, "--val-every must be >= 1, got " + valEvery);
    }

    private void require(boolean ok, String message) {
        if (!ok) {
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }

    /** A usage error (exit 2) unless the learning rate {@code r} is finite and > 0. */
    private void requireRate(String option, double r) {
        if (!(r > 0) || Double.isInfinite(r)) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be finite and > 0, got " + r);
        }
    }

    /** Adam at {@code rate} with beta1 0.9 and --adam-beta2 (a usage error unless it is in [0, 1)). */
    private OptimizerConfig adam(double rate) {
        if (!(adamBeta2 >= 0 && adamBeta2 < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--adam-beta2 must be in [0, 1), got " + adamBeta2);
        }
        OptimizerConfig a = OptimizerConfig.adam(rate);
        return a.withBeta2(adamBeta2);
    }

    /** --lr-decay-at as ascending steps; a usage error (exit 2) unless every one is a distinct step >= 0, in order. */
    private List<Long> decaySteps() {
        return parse("--lr-decay-at", () -> {
            List<Long> steps = new java.util.ArrayList<>();
            for (String part : lrDecayAt.split(",", -1)) {
                try {
                    steps.add(Long.parseLong(part.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected steps separated by commas, got '" + lrDecayAt + "'");
                }
            }
            return OptimizerConfig.checkedDecaySteps(steps);
        });
    }

    private NamedContentLoss contentLoss(TrainingStage st, TrainPreset chosen) throws java.io.IOException {
        requireWeight("--grid-weight", gridWeight);
        NamedContentLoss base = baseContentLoss(st, chosen);
        boolean centred = parse("--grid-penalty", () -> switch (gridPenalty.toLowerCase(Locale.ROOT)) {
            case "centred", "centered" -> true;
            case "uncentred", "uncentered" -> false;
            default -> throw new IllegalArgumentException("expected centred or uncentred, got '" + gridPenalty + "'");
        });
        return gridWeight > 0 ? new GridPenaltyContentLoss(base, scale, gridWeight, centred) : base;
    }

    /** A usage error (exit 2) unless {@code w} is finite and >= 0. */
    private void requireWeight(String option, double w) {
        if (!(w >= 0) || Double.isInfinite(w)) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be finite and >= 0, got " + w);
        }
    }

    private NamedContentLoss baseContentLoss(TrainingStage st, TrainPreset chosen) throws java.io.IOException {
        // checked first, so that a wrong value is refused even where no VGG19 loss is built
        VggLayout layoutChoice = vggLayout == null ? null : parse("--vgg-layout", () -> VggLayout.parse(vggLayout));
        String kind = content != null ? content.toLowerCase(Locale.ROOT) : st == TrainingStage.PRETRAIN ? "mse" : "vgg";
        requireWeight("--pixel-weight", pixelWeight);
        if (kind.equals("mse")) {
            if (pixelWeight > 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--pixel-weight adds to a VGG or mse-y "
                        + "content loss; the content loss is already the pixel MSE");
            }
            return NamedContentLoss.create(ContentLossSpec.mse(), 1 / 12.75, (Path) null);
        }
        if (kind.equals("mse-y")) {
            // the luma MSE leaves colour free; --pixel-weight anchors it with an RGB term (docs/losses.md)
            return withPixelTerm(NamedContentLoss.create(ContentLossSpec.lumaMse(), 1 / 12.75, (Path) null));
        }
        if (!kind.equals("vgg")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--content must be mse, mse-y or vgg, got '"
                    + content + "'");
        }
        Path weights = vgg != null ? vgg : Vgg19WeightsLocator.locate();
        double scaleOfFeatures = vggScale == null ? VggContentLoss.PAPER_FEATURE_SCALE : vggScale;
        if (!(scaleOfFeatures > 0) || Double.isInfinite(scaleOfFeatures)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--vgg-scale must be finite and > 0, got " + vggScale);
        }
        VggLayer layer = parse("--vgg-layer", () -> VggLayer.parse(vggLayer));
        Vgg19FeatureExtractor extractor;
        try {
            extractor = Vgg19FeatureExtractor.load(weights, layer);
        } catch (VggWeightsException e) {
            if (chosen != null && chosen.needsBlock5()) {
                throw new IllegalArgumentException("--preset " + chosen.label() + " needs VGG19 phi_5,4, i.e. the full "
                        + "VGG19 notop weights with block 5 (vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5; see "
                        + "docs/losses.md for where to get it): " + e.getMessage(), e);
            }
            throw e;
        }
        if (layoutChoice != null) {
            extractor = extractor.withLayout(layoutChoice);
        }
        return withPixelTerm(new VggContentLoss(extractor, scaleOfFeatures, vggBeforeActivation,
                parse("--vgg-distance", () -> Distance.parse(vggDistance))));
    }

    /**
     * {@code main} plus --pixel-weight x the --pixel-loss term, or {@code main} alone at weight 0 (--pixel-loss is
     * checked either way).
     */
    private NamedContentLoss withPixelTerm(NamedContentLoss main) {
        Distance pixel = parse("--pixel-loss", () -> Distance.parse(pixelLoss));
        return pixelWeight > 0 ? new PixelAnchoredContentLoss(main, pixelWeight, pixel) : main;
    }
}
