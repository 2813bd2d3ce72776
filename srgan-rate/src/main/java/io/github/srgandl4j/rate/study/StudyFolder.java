package io.github.srgandl4j.rate.study;

import io.github.srgandl4j.data.io.ImageFiles;
import io.github.srgandl4j.data.io.ImageFormat;
import io.github.srgandl4j.data.io.ImageHeader;
import io.github.srgandl4j.data.io.ImageLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A rating study on disk:
 *
 * <pre>
 * STUDY/
 *   methods/METHOD/NAME.png     one folder per rated method (e.g. 'srgan evaluate --save-sr' output,
 *                               and the HR and NN anchors 'srgan rate --prepare' writes), same names in each
 *   calibration/NN/NAME.png     nearest-neighbour upscales shown before the study as score 1
 *   calibration/HR/NAME.png     their HR originals, shown as score 5
 *   ratings.db                  the ratings (SQLite), created by the first 'srgan rate'
 * </pre>
 *
 * Every method folder must hold the same image names, and an image must have the same size in
 * every folder. Images must be PNG or JPEG (what browsers show). Opening checks all of this and
 * names the first file or folder that is wrong.
 */
public final class StudyFolder {
    /** The folder of rated methods. */
    public static final String METHODS = "methods";
    /** The folder of the calibration anchors. */
    public static final String CALIBRATION = "calibration";
    /** The name of the nearest-neighbour anchor folder (score 1 in calibration). */
    public static final String NN = "NN";
    /** The name of the HR anchor folder (score 5 in calibration). */
    public static final String HR = "HR";
    /** The database file. */
    public static final String DATABASE = "ratings.db";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");

    private final Path root;
    private final List<String> methods;
    private final List<String> images;
    private final List<StudyImage> rated;
    private final List<StudyImage> calibration;

    private StudyFolder(Path root, List<String> methods, List<String> images, List<StudyImage> rated,
            List<StudyImage> calibration) {
        this.root = root;
        this.methods = List.copyOf(methods);
        this.images = List.copyOf(images);
        this.rated = List.copyOf(rated);
        this.calibration = List.copyOf(calibration);
    }

    /** Opens and checks a study folder. */
    public static StudyFolder open(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + ": study folder not found (see docs/rating.md for its layout)");
        }
        Path methodsDir = root.resolve(METHODS);
        if (!Files.isDirectory(methodsDir)) {
            throw new IOException(methodsDir + ": folder of rated methods not found (one subfolder per method)");
        }
        Map<String, Map<String, Path>> byMethod = new TreeMap<>();
        for (Path dir : subfolders(methodsDir)) {
            byMethod.put(dir.getFileName().toString(), imagesOf(dir));
        }
        if (byMethod.isEmpty()) {
            throw new IOException(methodsDir + ": no method folders");
        }
        ImageLoader loader = new ImageLoader();
        List<String> imageNames = sameNames(byMethod, methodsDir);
        List<StudyImage> rated = new ArrayList<>();
        for (String image : imageNames) {
            ImageHeader first = null;
            for (var m : byMethod.entrySet()) {
                Path file = m.getValue().get(image);
                ImageHeader h = loader.probe(file);
                if (first == null) {
                    first = h;
                } else if (h.width() != first.width() || h.height() != first.height()) {
                    throw new IOException(file + ": " + h.width() + "x" + h.height() + ", but " + first.file() + " is "
                            + first.width() + "x" + first.height() + "; every method's image must have the same size");
                }
                checkFormat(h);
                rated.add(new StudyImage(m.getKey(), image, file));
            }
        }
        Path calDir = root.resolve(CALIBRATION);
        Map<String, Map<String, Path>> cal = new LinkedHashMap<>();
        for (String anchor : List.of(NN, HR)) {
            Path dir = calDir.resolve(anchor);
            if (!Files.isDirectory(dir)) {
                throw new IOException(dir + ": calibration folder not found; make it with 'srgan rate --prepare "
                        + "--calibration-hr HR_DIR' (nearest-neighbour upscales as score 1, HR originals as score 5)");
            }
            cal.put(anchor, imagesOf(dir));
        }
        List<StudyImage> calibration = new ArrayList<>();
        for (var a : cal.entrySet()) {
            for (var e : a.getValue().entrySet()) {
                checkFormat(loader.probe(e.getValue()));
                calibration.add(new StudyImage(a.getKey(), e.getKey(), e.getValue()));
            }
        }
        return new StudyFolder(root, new ArrayList<>(byMethod.keySet()), imageNames, rated, calibration);
    }

    /** The study folder. */
    public Path root() {
        return root;
    }

    /** The database file of this study. */
    public Path database() {
        return root.resolve(DATABASE);
    }

    /** The rated methods, sorted by name. */
    public List<String> methods() {
        return methods;
    }

    /** The test images' names, sorted. */
    public List<String> images() {
        return images;
    }

    /** Every rated image (each method's output of each test image). */
    public List<StudyImage> rated() {
        return rated;
    }

    /** The calibration images (method {@link #NN} = score 1, {@link #HR} = score 5). */
    public List<StudyImage> calibration() {
        return calibration;
    }

    /** The score a calibration anchor stands for: 1 for {@code NN}, 5 for {@code HR}. */
    public static int anchorScore(String anchor) {
        return switch (anchor) {
            case NN -> 1;
            case HR -> 5;
            default -> throw new IllegalArgumentException("not a calibration anchor: " + anchor);
        };
    }

    private static List<Path> subfolders(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> dirs = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
            for (Path d : dirs) {
                if (!NAME.matcher(d.getFileName().toString()).matches()) {
                    throw new IOException(d + ": method folder names may hold letters, digits and . _ + - only");
                }
            }
            return dirs;
        }
    }

    private static Map<String, Path> imagesOf(Path dir) throws IOException {
        Map<String, Path> byName = new TreeMap<>();
        for (Path f : ImageFiles.list(dir)) {
            String name = ImageFiles.stem(f);
            Path before = byName.put(name, f);
            if (before != null) {
                throw new IOException(dir + ": two images named " + name + " (" + before.getFileName() + ", "
                        + f.getFileName() + ")");
            }
        }
        return byName;
    }

    private static List<String> sameNames(Map<String, Map<String, Path>> byMethod, Path methodsDir) throws IOException {
        TreeSet<String> all = new TreeSet<>();
        byMethod.values().forEach(m -> all.addAll(m.keySet()));
        for (var m : byMethod.entrySet()) {
            TreeSet<String> missing = new TreeSet<>(all);
            missing.removeAll(m.getValue().keySet());
            if (!missing.isEmpty()) {
                throw new IOException(methodsDir.resolve(m.getKey()) + ": no image named " + String.join(", ",
                        missing.stream().limit(5).toList()) + (missing.size() > 5 ? " (and " + (missing.size() - 5)
                        + " more)" : "") + "; every method folder must hold the same image names");
            }
        }
        return new ArrayList<>(all);
    }

    private static void checkFormat(ImageHeader h) throws IOException {
        if (h.format() != ImageFormat.PNG && h.format() != ImageFormat.JPEG) {
            throw new IOException(h.file() + ": " + h.format() + " image; a rating study shows PNG or JPEG only "
                    + "(browsers do not show " + h.format() + "), convert it to PNG");
        }
    }
}
