package io.github.srgandl4j.examples.cli;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.data.io.ImageFiles;
import io.github.srgandl4j.data.io.ImageLoader;
import io.github.srgandl4j.data.io.PngWriter;
import io.github.srgandl4j.data.io.WriteFailures;
import io.github.srgandl4j.data.resize.Degradation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code srgan degrade}: makes LR images from a folder of HR images with MATLAB's bicubic
 * {@code imresize} (the routine that made the standard benchmark LR files, reproduced bit-exactly).
 */
@Command(
        name = "degrade",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Make LR images from HR images: crop each to a multiple of the scale, then downscale with "
                    + "MATLAB-exact bicubic imresize (antialiased, rounded after each pass).",
            "Writes IN/NAME.ext as OUT/NAME.png; refuses to overwrite existing files without --force.",
            "A file that fails is reported and skipped; nothing partial is written. Exit code 1 if any file failed."
        })
final class DegradeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--scale", defaultValue = "4", description = "Downscaling factor (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--in", required = true, paramLabel = "HR_DIR", description = "Folder of HR images (PNG, JPEG, BMP, TIFF).")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "LR_DIR", description = "Folder for the LR PNG files (created if absent).")
    Path out;

    @Option(names = "--force", description = "Overwrite existing files in LR_DIR.")
    boolean force;

    @Option(names = "--max-megapixels", defaultValue = "100", paramLabel = "MP",
            description = "Refuse images larger than this (default: ${DEFAULT-VALUE}).")
    double maxMegapixels;

    @Override
    public Integer call() throws IOException {
        if (scale < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scale must be >= 1, got " + scale);
        }
        if (!(maxMegapixels > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-megapixels must be positive");
        }
        Path inAbs = in.toAbsolutePath().normalize();
        Path outAbs = out.toAbsolutePath().normalize();
        if (inAbs.equals(outAbs)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--in and --out are the same folder: " + in);
        }
        List<Path> files = ImageFiles.list(in);
        List<Path> targets = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        for (Path f : files) {
            Path t;
            try {
                t = out.resolve(ImageFiles.pngName(f));
            } catch (InvalidPathException e) {
                targets.add(null); // reported and skipped below
                continue;
            }
            if (targets.contains(t)) {
                throw new IOException(in + ": two images would both be written as " + t
                        + " (same name, different extensions)");
            }
            targets.add(t);
            if (Files.exists(t)) {
                existing.add(t.getFileName().toString());
            }
        }
        if (!existing.isEmpty() && !force) {
            throw new IOException(out + ": " + existing.size() + " output file(s) already exist (first: "
                    + existing.get(0) + "); use --force to overwrite");
        }
        WriteFailures.createFolder(out);
        ImageLoader loader = new ImageLoader((long) (maxMegapixels * 1e6));
        PrintWriter err = spec.commandLine().getErr();
        int cropped = 0;
        int failed = 0;
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            try {
                if (targets.get(i) == null) {
                    throw new IOException(ImageFiles.unencodableName(f));
                }
                ImageData hr = loader.read(f);
                if (hr.width() % scale != 0 || hr.height() % scale != 0) {
                    cropped++;
                }
                ImageData lr;
                try {
                    lr = Degradation.bicubic(hr, scale);
                } catch (IllegalArgumentException e) {
                    throw new IOException(f + ": " + e.getMessage(), e);
                }
                PngWriter.write(lr, targets.get(i));
            } catch (IOException | RuntimeException e) {
                failed++;
                String m = String.valueOf(e.getMessage());
                err.println("srgan degrade: error: " + (m.startsWith(f.toString()) ? m : f + ": " + m));
                err.flush();
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf("degraded %d image(s) x1/%d from %s to %s (MATLAB bicubic, uint8 per pass)%n", files.size() - failed,
                scale, in, out);
        if (failed > 0) {
            o.printf("failed %d image(s) (reported above, nothing written for them)%n", failed);
        }
        if (cropped > 0) {
            o.printf("%d image(s) were first cropped to a multiple of %d (top-left part kept)%n", cropped, scale);
        }
        o.flush();
        return failed > 0 ? FailureHandler.EXIT_FAILURE : 0;
    }
}
