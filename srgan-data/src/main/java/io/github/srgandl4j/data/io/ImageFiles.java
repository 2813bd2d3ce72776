package io.github.srgandl4j.data.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Lists image folders and pairs HR files with their LR counterparts. */
public final class ImageFiles {
    private ImageFiles() {}

    /**
     * The image files (by extension: png, jpg, jpeg, bmp, tif, tiff; any case) directly inside
     * {@code dir}, sorted by name. Hidden files are ignored.
     *
     * @throws IOException if {@code dir} is not a folder or holds no image files
     */
    public static List<Path> list(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "image folder not found");
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a folder");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(ImageLoader::hasImageExtension)
                    .sorted()
                    .toList();
        }
        if (files.isEmpty()) {
            throw new IOException(dir + ": no image files (png, jpg, jpeg, bmp, tif, tiff) in this folder");
        }
        return files;
    }

    /**
     * An HR file and its LR counterpart.
     *
     * @param hr the ground-truth file
     * @param lr the low-resolution file
     */
    public record Pair(Path hr, Path lr) {}

    /**
     * Pairs every image of {@code hrDir} with one in {@code lrDir}. The LR file of HR file
     * {@code NAME.ext} is, first match wins, the LR file whose name without extension is
     * {@code NAME}; {@code NAME} with its last {@code HR} replaced by {@code LR} (Set5 style
     * {@code img_001_SRF_4_HR} / {@code img_001_SRF_4_LR}); or {@code NAME + "x" + scale}
     * (DIV2K style {@code 0001x4}).
     *
     * @throws IOException naming the HR files without a counterpart
     */
    public static List<Pair> pair(Path hrDir, Path lrDir, int scale) throws IOException {
        return pair(list(hrDir), list(lrDir), scale, hrDir.toString(), lrDir.toString());
    }

    /**
     * {@link #pair(Path, Path, int)} for listed files (e.g. of a remote file system, with
     * {@code hrDir}/{@code lrDir} naming the folders in messages).
     */
    public static List<Pair> pair(List<Path> hrs, List<Path> lrs, int scale, String hrDir, String lrDir)
            throws IOException {
        Map<String, Path> lrByStem = new HashMap<>();
        for (Path lr : lrs) {
            lrByStem.putIfAbsent(stem(lr), lr);
        }
        List<Pair> pairs = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Path hr : hrs) {
            String s = stem(hr);
            Path lr = lrByStem.get(s);
            int at = s.lastIndexOf("HR");
            if (lr == null && at >= 0) {
                lr = lrByStem.get(s.substring(0, at) + "LR" + s.substring(at + 2));
            }
            if (lr == null) {
                lr = lrByStem.get(s + "x" + scale);
            }
            if (lr == null) {
                missing.add(hr.getFileName().toString());
            } else {
                pairs.add(new Pair(hr, lr));
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException(lrDir + ": no LR file for " + missing.size() + " of " + hrs.size() + " HR files of "
                    + hrDir + " (first: " + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                    + "); expected the same name, the name with HR replaced by LR, or NAMEx" + scale);
        }
        return pairs;
    }

    /** The file name without its last extension. */
    public static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /**
     * The one-line report for a file whose name the JVM cannot encode back (it lists such names
     * with replacement characters, e.g. a UTF-8 name under {@code LANG=C}), so it can neither open
     * it by name nor name an output after it.
     */
    public static String unencodableName(Path file) {
        return file + ": the file name is not valid in this system's file-name encoding ("
                + System.getProperty("sun.jnu.encoding") + "), so it cannot be opened; run with a UTF-8 locale,"
                + " e.g. LC_ALL=C.UTF-8 (the srgan launcher sets it)";
    }

    /** The file name with its extension replaced by {@code .png}. */
    public static String pngName(Path file) {
        return stem(file) + ".png";
    }
}
