package io.github.srgandl4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@link io.github.srgandl4j.data.upscale.BatchPlan} for Hadoop file systems, made on the driver before anything is upscaled, with
 * the same rules: inputs are files or folders (image files, not recursive, sorted by name); with
 * one input file and an output ending in {@code .png} the output is that file, otherwise a folder
 * where {@code NAME.ext} becomes {@code NAME.png}; refused with an {@link IOException} naming the
 * files: two inputs with the same output, an output that is an input, an output folder path that
 * is a file, and (with {@link ExistingOutputs#REFUSE}) existing outputs. With
 * {@link ExistingOutputs#SKIP} inputs whose output exists are listed in {@link #skipped}.
 *
 * <p>Existing outputs are found with one listing of the output folder, not one request per file.
 *
 * @param jobs inputs to upscale, in order
 * @param skipped inputs left out because their output exists (SKIP only)
 * @param outputDir the output folder
 * @param singleFile true if the output path named one file
 */
public record UpscalePlan(List<Job> jobs, List<Job> skipped, String outputDir, boolean singleFile) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * One input and its output, as fully qualified Hadoop paths.
     *
     * @param input the image file
     * @param output the PNG file
     */
    public record Job(String input, String output) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    public UpscalePlan {
        jobs = List.copyOf(jobs);
        skipped = List.copyOf(skipped);
        Objects.requireNonNull(outputDir, "outputDir");
    }

    /** Plans {@code inputs} (files or folders) into {@code out}. */
    public static UpscalePlan of(Configuration conf, List<String> inputs, String out, ExistingOutputs existing)
            throws IOException {
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("no input files or folders given");
        }
        Set<Path> files = new LinkedHashSet<>();
        boolean anyFolder = false;
        for (String in : inputs) {
            Path p = qualify(conf, in);
            FileSystem fs = p.getFileSystem(conf);
            if (isDirectory(fs, p)) {
                anyFolder = true;
                files.addAll(ImageListing.list(fs, p));
            } else {
                files.add(p); // missing or unreadable: reported when run
            }
        }
        Path outPath = qualify(conf, out);
        FileSystem outFs = outPath.getFileSystem(conf);
        boolean single = !anyFolder && files.size() == 1 && outPath.getName().toLowerCase(Locale.ROOT).endsWith(".png");
        List<Job> jobs = new ArrayList<>();
        Path dir;
        if (single) {
            dir = outPath.getParent();
            jobs.add(new Job(files.iterator().next().toString(), outPath.toString()));
        } else {
            if (outFs.exists(outPath) && !isDirectory(outFs, outPath)) {
                throw new IOException(out + ": is a file, but " + files.size() + " input(s) need an output folder"
                        + " (an output file ending in .png is only possible for exactly one input file)");
            }
            dir = outPath;
            Map<Path, Path> byOutput = new LinkedHashMap<>();
            for (Path f : files) {
                Path o = new Path(outPath, ImageListing.pngName(f));
                Path other = byOutput.putIfAbsent(o, f);
                if (other != null) {
                    throw new IOException("inputs " + display(other.toString()) + " and " + display(f.toString())
                            + " would both be written as " + display(o.toString())
                            + " (same name, different folders or extensions); upscale them into different folders");
                }
                jobs.add(new Job(f.toString(), o.toString()));
            }
        }
        Set<String> inputNames = new LinkedHashSet<>();
        files.forEach(f -> inputNames.add(f.toString()));
        Set<String> present = existingFiles(outFs, dir);
        List<Job> todo = new ArrayList<>();
        List<Job> exist = new ArrayList<>();
        for (Job j : jobs) {
            if (inputNames.contains(j.output())) {
                throw new IOException(display(j.output()) + ": is an input, refusing to overwrite it with its upscaled version;"
                        + " choose another output folder");
            }
            (present.contains(new Path(j.output()).getName()) ? exist : todo).add(j);
        }
        if (!exist.isEmpty() && existing == ExistingOutputs.REFUSE) {
            throw new OutputsExistException((single ? out : display(dir.toString())) + ": " + exist.size()
                    + " output file(s) already exist (first: " + new Path(exist.get(0).output()).getName() + ")");
        }
        if (existing == ExistingOutputs.OVERWRITE) {
            return new UpscalePlan(jobs, List.of(), dir.toString(), single);
        }
        return new UpscalePlan(todo, exist, dir.toString(), single);
    }

    /** Refusal to plan because output files exist and neither skipping nor overwriting was asked for. */
    public static final class OutputsExistException extends IOException {
        private static final long serialVersionUID = 1L;

        OutputsExistException(String message) {
            super(message);
        }
    }

    /** A path for messages: a local file's path without the {@code file:} scheme, others as they are. */
    public static String display(String qualified) {
        Path p = new Path(qualified);
        return "file".equals(p.toUri().getScheme()) ? p.toUri().getPath() : qualified;
    }

    private static boolean isDirectory(FileSystem fs, Path p) throws IOException {
        try {
            return fs.getFileStatus(p).isDirectory();
        } catch (java.io.FileNotFoundException e) {
            return false;
        }
    }

    /** Names of the files in {@code dir} (empty if it does not exist). */
    private static Set<String> existingFiles(FileSystem fs, Path dir) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        if (!fs.exists(dir)) {
            return names;
        }
        for (FileStatus s : fs.listStatus(dir)) {
            names.add(s.getPath().getName());
        }
        return names;
    }

    /** {@code text} as a fully qualified path (a plain local path becomes {@code file:/...}). */
    static Path qualify(Configuration conf, String text) throws IOException {
        Path p = new Path(text);
        FileSystem fs = p.getFileSystem(conf);
        if (p.toUri().getScheme() == null && LocalView.isLocal(fs)) {
            p = new Path(java.nio.file.Path.of(text).toAbsolutePath().normalize().toUri());
        }
        return fs.makeQualified(p);
    }
}
