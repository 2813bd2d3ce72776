package io.github.srgandl4j.examples.cli;

import io.github.srgandl4j.core.export.OnnxExport;
import io.github.srgandl4j.core.model.DiscriminatorModel;
import io.github.srgandl4j.core.model.ModelFiles;
import io.github.srgandl4j.core.model.Models;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code srgan export}: writes a model as an ONNX file (docs/deployment.md). */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Export a model as a self-contained ONNX file for ONNX Runtime (Java, Python, C++, JavaScript), TensorRT and"
                    + " other ONNX tools.",
            "Generator: input 'lr' [batch, 3, height, width] and output 'sr' [batch, 3, height*s, width*s], RGB float32"
                    + " in [0, 1] (NCHW), batch/height/width dynamic, BN folded, provenance in the metadata.",
            "A discriminator model file gives input 'image' [batch, 3, S, S] in [0, 1] and output 'logit' [batch, 1]."
        })
final class ExportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", defaultValue = "default", paramLabel = "default|srgan|srresnet|FILE",
            description = "A built-in model or a library model file (a generator or a discriminator) (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE.onnx", description = "The ONNX file to write.")
    Path out;

    @Option(names = "--opset", defaultValue = "13", paramLabel = "N", description = "ONNX opset, 13 to 19 (default: ${DEFAULT-VALUE}).")
    int opset;

    @Option(names = "--force", description = "Overwrite an existing output file.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if (opset < OnnxExport.DEFAULT_OPSET || opset > OnnxExport.MAX_OPSET) {
            throw new CommandLine.ParameterException(cl, "--opset must be " + OnnxExport.DEFAULT_OPSET + ".."
                    + OnnxExport.MAX_OPSET + ", got " + opset);
        }
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            throw new CommandLine.ParameterException(cl, "-o must name a .onnx file, got " + out);
        }
        if (ModelChoice.isOnnx(model)) {
            throw new CommandLine.ParameterException(cl, "--model " + model + " is an ONNX file already; export takes a"
                    + " built-in model or a library model file");
        }
        OutputFile.refuseExisting(out, force);
        OutputFile.createParent(out);
        OnnxExport.Builder b = OnnxExport.builder().optOpsetVersion(opset);
        String what;
        if (!Models.isBuiltIn(model) && DiscriminatorModel.KIND.equals(ModelFiles.read(Path.of(model)).kind())) {
            b.setDiscriminator(DiscriminatorModel.load(Path.of(model)));
            what = "discriminator";
            b.build().write(out);
        } else {
            try (SuperResolutionModel m = Models.isBuiltIn(model) ? Models.load(model) : Models.load(Path.of(model))) {
                b.setModel(m);
                what = m.name() + " generator x" + m.scale();
                b.build().write(out);
            }
        }
        cl.getOut().printf(Locale.ROOT, "exported %s (opset %d, %d bytes) -> %s%n", what, opset, Files.size(out), out);
        cl.getOut().flush();
        return 0;
    }
}
