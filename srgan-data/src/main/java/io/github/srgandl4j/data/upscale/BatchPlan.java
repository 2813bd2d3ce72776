package io.github.srgandl4j.data.upscale;

import io.github.srgandl4j.data.io.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which input is written where, decided before anything is upscaled.
 *
 * <p>Inputs are files or folders (a folder contributes its image files, not recursively, see
 * {@link ImageFiles#list}). With exactly one input file and an output path ending in {@code .png}
 * the output is that file; otherwise the output is a folder and each input {@code NAME.ext}
 * becomes {@code NAME.png} in it. Planning refuses (with an {@link IOException} naming the
 * files): two inputs that would be written to the same output, an output that is one of the
 * inputs, an output folder path that is an existing file, and existing outputs unless
 * {@code overwrite} ({@link OutputsExistException}).
 *
 * @param jobs one entry per input file, in order (folders sorted by name)
 * @param outputDir the folder the outputs go to (created by {@link BatchUpscaler#run})
 * @param singleFile true if the output path named one file
 */
public record BatchPlan(List<Job> jobs, Path outputDir, boolean singleFile) {
    /**
     * One input and the file it is written to.
     *
     * @param input the image file to read
     * @param output the PNG file to write, or null if the input's name cannot be turned into an
     *     output name (a name not encodable in the JVM's file-name charset, e.g. under
     *     {@code LANG=C}); such a job is reported as failed when run
     */
    public record Job(Path input, Path output) {}

    /** Refusal to plan because output files exist and overwriting was not allowed. */
    public static final class OutputsExistException extends IOException {
        private static final long serialVersionUID = 1L;

        OutputsExistException(String message) {
            super(message);
        }
    }

    public BatchPlan {
        jobs = List.copyOf(jobs);
        Objects.requireNonNull(outputDir, "outputDir");
    }

    /**
     * Plans the outputs of {@code inputs} under {@code out}.
     *
     * @param overwrite replace existing output files (otherwise they are an error)
     */
    public static BatchPlan of(List<Path> inputs, Path out, boolean overwrite) throws IOException {
        Objects.requireNonNull(out, "out");
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("no input files or folders given");
        }
        Set<Path> files = new LinkedHashSet<>();
        boolean anyFolder = false;
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                anyFolder = true;
                files.addAll(ImageFiles.list(in).stream().map(p -> p.toAbsolutePath().normalize()).toList());
            } else {
                files.add(in.toAbsolutePath().normalize()); // missing or unreadable: reported when run
            }
        }
        Path outAbs = out.toAbsolutePath().normalize();
        boolean single = !anyFolder && files.size() == 1
                && outAbs.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png");
        List<Job> jobs = new ArrayList<>();
        Path dir;
        if (single) {
            dir = outAbs.getParent();
            jobs.add(new Job(files.iterator().next(), outAbs));
        } else {
            if (Files.exists(outAbs) && !Files.isDirectory(outAbs)) {
                throw new IOException(out + ": is a file, but " + files.size() + " input(s) need an output folder"
                        + " (an output file ending in .png is only possible for exactly one input file)");
            }
            dir = outAbs;
            Map<Path, Path> byOutput = new LinkedHashMap<>();
            for (Path f : files) {
                Path o;
                try {
                    o = outAbs.resolve(ImageFiles.pngName(f));
                } catch (InvalidPathException e) {
                    jobs.add(new Job(f, null)); // reported and skipped when run
                    continue;
                }
                Path other = byOutput.putIfAbsent(o, f);
                if (other != null) {
                    throw new IOException("inputs " + other + " and " + f + " would both be written as " + o
                            + " (same name, different folders or extensions); upscale them into different folders");
                }
                jobs.add(new Job(f, o));
            }
        }
        List<String> existing = new ArrayList<>();
        for (Job j : jobs) {
            if (j.output() == null) {
                continue;
            }
            if (files.contains(j.output())) {
                throw new IOException(j.output() + ": is an input, refusing to overwrite it with its upscaled version;"
                        + " choose another output folder");
            }
            if (Files.exists(j.output())) {
                existing.add(j.output().getFileName().toString());
            }
        }
        if (!existing.isEmpty() && !overwrite) {
            throw new OutputsExistException((single ? out : outAbs) + ": " + existing.size()
                    + " output file(s) already exist (first: " + existing.get(0) + ")");
        }
        return new BatchPlan(jobs, dir, single);
    }
}
