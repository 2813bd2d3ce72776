package io.github.srgandl4j.examples.cli;

import io.github.srgandl4j.core.model.Models;
import io.github.srgandl4j.core.model.Provenance;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.core.train.BatchNormCalibration;
import io.github.srgandl4j.data.train.DatasetConfig;
import io.github.srgandl4j.data.train.SrDataset;
import io.github.srgandl4j.data.validation.ValidationListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code srgan calibrate-bn}: re-estimates a generator's BN running statistics ({@link BatchNormCalibration}). */
@Command(
        name = "calibrate-bn",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Re-estimate a trained generator's BN running statistics over many training batches with its final weights"
                    + " (precise BN): the weights stay, the statistics become the average of the batches' own. Use the"
                    + " crop and batch size the model was trained with (docs/training.md).",
        })
final class CalibrateBnCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", defaultValue = "srresnet", paramLabel = "default|srgan|srresnet|FILE",
            description = "A built-in model or a library model file (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--data", required = true, split = ",", paramLabel = "DIR",
            description = "Folders of HR training images (comma-separated); LR crops are made by MATLAB bicubic.")
    List<Path> data;

    @Option(names = "--batches", defaultValue = "200", paramLabel = "N",
            description = "Batches to average over, 1-100000 (default: ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--batch", paramLabel = "N",
            description = "Batch size (default: the model's training batch from its provenance, else 16).")
    Integer batch;

    @Option(names = "--crop", paramLabel = "N",
            description = "HR crop size (default: the model's training crop from its provenance, else 96; BN statistics"
                    + " depend on it, so a different crop is reported).")
    Integer crop;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of the crops (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--val", paramLabel = "DIR",
            description = "Folder of HR validation images: the calibrated model is scored on it as the trainer validates "
                    + "(PSNR and SSIM of the network's own output, reflection at the border) and the scores go into its "
                    + "provenance (validationPsnr, validationSsim; the trainer's earlier ones are kept as "
                    + "...BeforeCalibration).")
    Path val;

    @Option(names = "--val-lr", paramLabel = "DIR", description = "Matching LR validation images (default: made from --val).")
    Path valLr;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL",
            description = "Where to write the calibrated model (an existing file only with --force).")
    Path output;

    @Option(names = "--force", description = "Overwrite an existing output file.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if (batches < 1 || batches > 100_000) {
            throw new CommandLine.ParameterException(cl, "--batches must be 1..100000, got " + batches);
        }
        if ((batch != null && batch < 1) || (crop != null && crop < 1)) {
            throw new CommandLine.ParameterException(cl, "--batch and --crop must be at least 1, got " + batch + " and "
                    + crop);
        }
        if (valLr != null && val == null) {
            throw new CommandLine.ParameterException(cl, "--val-lr needs --val");
        }
        if (ModelChoice.isOnnx(model)) {
            throw new CommandLine.ParameterException(cl, "--model " + model + " is an ONNX file; calibrate-bn takes a"
                    + " built-in model or a library model file");
        }
        OutputFile.refuseExisting(output, force);
        try (SuperResolutionModel loaded = Models.isBuiltIn(model) ? Models.load(model) : Models.load(Path.of(model))) {
            if (!(loaded instanceof SrResNetModel m)) {
                throw new CommandLine.ParameterException(cl, "--model " + model + " is not a library SRResNet/SRGAN"
                        + " generator");
            }
            PrintWriter err = cl.getErr();
            Integer trainedCrop = trainingValue(m, "hrCrop");
            Integer trainedBatch = trainingValue(m, "batchSize");
            int cropUsed = crop != null ? crop : trainedCrop != null ? trainedCrop : 96;
            int batchUsed = batch != null ? batch : trainedBatch != null ? trainedBatch : 16;
            if (trainedCrop != null && cropUsed != trainedCrop) {
                err.printf(Locale.ROOT, "calibrate-bn: warning: --crop %d, but %s was trained on %d-pixel crops; BN"
                        + " statistics depend on the crop (docs/training.md)%n", cropUsed, model, trainedCrop);
            }
            DatasetConfig.Builder dc = DatasetConfig.builder().scale(m.scale()).hrCropSize(cropUsed).batchSize(batchUsed)
                    .seed(seed);
            data.forEach(dc::hrDir);
            BatchNormCalibration.Result r;
            try (SrDataset dataset = SrDataset.open(dc.build())) {
                int step = Math.max(1, batches / 10);
                r = BatchNormCalibration.calibrate(m, dataset, batches, done -> {
                    if (done % step == 0 || done == batches) {
                        err.printf(Locale.ROOT, "calibrate-bn: %d/%d batches%n", done, batches);
                        err.flush();
                    }
                });
            }
            SrResNetModel calibrated = val == null ? r.model() : validated(r.model(), err);
            OutputFile.createParent(output);
            calibrated.save(output);
            cl.getOut().printf(Locale.ROOT, "calibrated the BN statistics of %d layers of %s over %d batches of %d x %d"
                    + " crops: running means moved by at most %.4g, running variances by at most %.2f%% -> %s%n",
                    r.layers(), model, r.batches(), batchUsed, cropUsed, r.largestMeanChange(),
                    100 * r.largestRelativeVarianceChange(), output);
            cl.getOut().flush();
        }
        return 0;
    }

    /** A positive whole number the trainer recorded in {@code m}'s provenance under {@code key}, or null. */
    private static Integer trainingValue(SrResNetModel m, String key) {
        try {
            int v = Integer.parseInt(m.provenance().details().getOrDefault(key, ""));
            return v > 0 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code m} with its validation on --val in its provenance (as the trainer's ValidationListener scores). */
    private SrResNetModel validated(SrResNetModel m, PrintWriter err) {
        ValidationListener.Result scores = new ValidationListener(val, valLr, 1).validate(m);
        Map<String, String> details = new LinkedHashMap<>(m.provenance().details());
        details.put("validation", val.toString());
        details.putAll(scores.provenanceDetails());
        err.printf(Locale.ROOT, "calibrate-bn: validation on %s: PSNR %s dB (before calibration: %s), SSIM %s%n", val,
                details.get("validationPsnr"), details.getOrDefault("validationPsnrBeforeCalibration", "not recorded"),
                details.get("validationSsim"));
        err.flush();
        return new SrResNetModel(m.name(), m.config(), m.parameters(), new Provenance(m.provenance().libraryVersion(),
                m.provenance().createdAt(), details));
    }
}
