package io.github.srgandl4j.spark.cli;

import io.github.srgandl4j.core.image.BackProjection;
import io.github.srgandl4j.core.io.AtomicFiles;
import io.github.srgandl4j.core.upscale.TilingOptions;
import io.github.srgandl4j.spark.ExecutorModels;
import io.github.srgandl4j.spark.ExistingOutputs;
import io.github.srgandl4j.spark.HadoopConf;
import io.github.srgandl4j.spark.ModelSource;
import io.github.srgandl4j.spark.RemoteFileResult;
import io.github.srgandl4j.spark.SparkUpscaleSummary;
import io.github.srgandl4j.spark.SparkUpscaler;
import io.github.srgandl4j.spark.UpscalePlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code srgan spark-upscale}: {@code srgan upscale} on Spark, for any number of files on any Hadoop file system. */
@Command(
        name = "spark-upscale",
        mixinStandardHelpOptions = true,
        description = {
            "Upscale image files on Apache Spark (local mode or a cluster), with the same model, tiling, output files and"
                    + " rules as 'srgan upscale'.",
            "INPUT is an image file or a folder (its image files, not recursive) on any Hadoop file system: a local"
                    + " path, file:, hdfs:, s3a:. With one input file and OUT ending in .png, OUT is the output file;"
                    + " otherwise OUT is a folder and NAME.ext becomes OUT/NAME.png.",
            "Existing outputs are refused unless --force (overwrite) or --skip-existing (resume a killed job). A file"
                    + " that fails is reported on stderr and skipped; the job goes on. Exit code 1 if any file failed."
        })
final class SparkUpscaleCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Image files or folders (any Hadoop path).")
    List<String> inputs;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "OUT", description = "Output PNG file (one input file) or folder.")
    String out;

    @Option(names = "--model", defaultValue = "default", paramLabel = "default|srgan|srresnet|FILE",
            description = "A built-in model, a library model file or an ONNX generator, any Hadoop path (default: ${DEFAULT-VALUE}).")
    String model;

    @CommandLine.Mixin
    ModelFlags modelFlags = new ModelFlags();

    @CommandLine.Mixin
    SparkOptions spark = new SparkOptions();

    @Option(names = "--bit-depth", paramLabel = "8|16", description = "Output bits per sample (default: as the input).")
    Integer bitDepth;

    @Option(names = "--force", description = "Overwrite existing output files.")
    boolean force;

    @Option(names = "--skip-existing", description = "Leave existing output files and upscale the others (resumes a killed job).")
    boolean skipExisting;

    @Option(names = "--max-megapixels", defaultValue = "100", paramLabel = "MP",
            description = "Refuse input images larger than this (default: ${DEFAULT-VALUE}).")
    double maxMegapixels;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Also write one CSV row per input (status written/failed/skipped, size, seconds, executor, reason) to FILE (local).")
    Path report;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if (bitDepth != null && bitDepth != 8 && bitDepth != 16) {
            throw new CommandLine.ParameterException(cl, "--bit-depth must be 8 or 16, got " + bitDepth);
        }
        if (!(maxMegapixels > 0)) {
            throw new CommandLine.ParameterException(cl, "--max-megapixels must be positive");
        }
        if (force && skipExisting) {
            throw new CommandLine.ParameterException(cl, "give either --force or --skip-existing, not both");
        }
        ModelSource source = modelFlags.source(cl, model);
        TilingOptions tiling = modelFlags.tiling(cl);
        int backProjection = BackProjection.orDefault(modelFlags.backProjection);
        ExistingOutputs existing = force ? ExistingOutputs.OVERWRITE : skipExisting ? ExistingOutputs.SKIP : ExistingOutputs.REFUSE;
        try (JavaSparkContext sc = spark.start(cl, "srgan spark-upscale")) {
            UpscalePlan plan;
            try {
                plan = UpscalePlan.of(sc.hadoopConfiguration(), inputs, out, existing);
            } catch (UpscalePlan.OutputsExistException e) {
                throw new IOException(e.getMessage() + "; use --force to overwrite or --skip-existing to resume", e);
            }
            String name;
            int scale;
            // loaded on the driver to fail early on a bad model; in local mode the tasks reuse it
            try (ExecutorModels.Lease lease = ExecutorModels.borrow(source, new HadoopConf(sc.hadoopConfiguration()))) {
                name = BackProjection.label(lease.model().name(), backProjection);
                scale = lease.model().scale();
            }
            SparkUpscaleSummary s = SparkUpscaler.builder(source)
                    .optTiling(tiling)
                    .optBackProjection(backProjection)
                    .optBitDepth(bitDepth)
                    .optMaxPixels((long) (maxMegapixels * 1e6))
                    .optPartitions(spark.partitions)
                    .build()
                    .run(sc, plan);
            PrintWriter err = cl.getErr();
            for (RemoteFileResult f : s.failures()) {
                err.println("srgan spark-upscale: error: " + f.error());
            }
            err.flush();
            if (report != null) {
                AtomicFiles.writeString(report, UpscaleReport.csv(s));
            }
            PrintWriter stdout = cl.getOut();
            stdout.printf(Locale.ROOT, "%s (x%d, %s, tile %d pad %d, %.1f s, %s) -> %s%n", s.line(), scale, name,
                    tiling.tileSize(), tiling.tilePad(), s.seconds(), sc.master(),
                    plan.singleFile() ? out : UpscalePlan.display(plan.outputDir()));
            if (report != null) {
                stdout.println("wrote " + report);
            }
            stdout.flush();
            return s.failed() > 0 ? 1 : 0;
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
