package io.github.srgandl4j.core.train;

import io.github.srgandl4j.core.model.DiscriminatorModel;
import io.github.srgandl4j.core.model.ModelArchive;
import io.github.srgandl4j.core.model.ModelFileException;
import io.github.srgandl4j.core.model.ModelFiles;
import io.github.srgandl4j.core.model.ModelHeaders;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.nn.Parameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checkpoint files ({@code checkpoint-<iteration>.srgan} in a folder): a model file of kind
 * {@code checkpoint} whose tensors are the generator's ({@code G/}), the discriminator's
 * ({@code D/}), both optimizers' states ({@code optG/}, {@code optD/}) and, when kept, the moving average of the
 * generator ({@code E/}). Written atomically.
 */
public final class Checkpoints {
    /** Model-file kind tag. */
    public static final String KIND = "checkpoint";
    private static final String MOMENT_BLOB = "moments/";
    private static final Pattern NAME = Pattern.compile("checkpoint-(\\d+)\\.srgan");

    private Checkpoints() {}

    /** The checkpoint file for an iteration in {@code dir}. */
    public static Path fileFor(Path dir, long iteration) {
        // Locale.ROOT: ASCII digits under any default locale (ar-EG would give Arabic-Indic ones, which list() skips)
        return dir.resolve(String.format(Locale.ROOT, "checkpoint-%09d.srgan", iteration));
    }

    /** The checkpoint with the highest iteration in {@code dir}, if any. */
    public static Optional<Path> latest(Path dir) {
        return list(dir).stream().reduce((a, b) -> b);
    }

    /** Checkpoint files in {@code dir}, oldest first. */
    public static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(Checkpoints::iterationOf))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new IllegalStateException("cannot list checkpoint folder " + dir + ": " + e, e);
        }
    }

    /** The iteration in a checkpoint file's name, or -1 if the name is not a checkpoint's. */
    public static long iterationOf(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Writes a checkpoint atomically, with the Adam moments in float32 (exact). */
    public static void write(Path file, TrainingState s) {
        write(file, s, MomentPrecision.FLOAT32);
    }

    /**
     * Writes a checkpoint atomically; with {@link MomentPrecision#BFLOAT16} the Adam moments are stored as bfloat16
     * blobs ({@code moments/optG/...}, {@code moments/optD/...}, shapes in the header's {@code momentShapes}).
     */
    public static void write(Path file, TrainingState s, MomentPrecision moments) {
        Parameters all = new Parameters();
        copy(s.generator().parameters(), "G/", all);
        if (s.discriminator() != null) {
            copy(s.discriminator().parameters(), "D/", all);
        }
        if (s.generatorAverage() != null) {
            copy(s.generatorAverage(), "E/", all);
        }
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        Map<String, Object> momentShapes = new LinkedHashMap<>();
        Map<String, INDArray> optimizers = new LinkedHashMap<>();
        s.generatorOptimizer().forEach((k, v) -> optimizers.put("optG/" + k, v));
        s.discriminatorOptimizer().forEach((k, v) -> optimizers.put("optD/" + k, v));
        optimizers.forEach((k, v) -> {
            if (moments == MomentPrecision.FLOAT32) {
                all.add(k, Parameters.Role.STATE, v.dup());
            } else {
                blobs.put(MOMENT_BLOB + k, MomentPrecision.encode(v));
                momentShapes.put(k, v.shape());
            }
        });
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("stage", s.stage().name());
        header.put("iteration", s.iteration());
        header.put("generator", s.generator().toArchive().header());
        if (s.discriminator() != null) {
            header.put("discriminator", s.discriminator().toArchive().header());
        }
        header.put("settings", s.settings());
        if (moments != MomentPrecision.FLOAT32) {
            header.put("momentPrecision", moments.label());
            header.put("momentShapes", momentShapes);
        }
        ModelFiles.write(file, new ModelArchive(KIND, header, all, blobs));
    }

    /** Reads a checkpoint; problems are {@link ModelFileException}s naming the file. */
    @SuppressWarnings("unchecked")
    public static TrainingState read(Path file) {
        ModelArchive a = ModelFiles.read(file);
        if (!KIND.equals(a.kind())) {
            throw new ModelFileException(file.toAbsolutePath(), "holds a '" + a.kind() + "', expected a training checkpoint");
        }
        try {
            Map<String, Object> h = a.header();
            TrainingStage stage = TrainingStage.valueOf((String) h.get("stage"));
            long iteration = ((Number) h.get("iteration")).longValue();
            Map<String, Object> gh = ModelHeaders.map(h, "generator");
            SrResNetModel g = new SrResNetModel(String.valueOf(gh.get("name")),
                    ModelHeaders.srResNetConfig(ModelHeaders.map(gh, "config")), extract(a.parameters(), "G/"),
                    ModelHeaders.provenance(ModelHeaders.map(gh, "provenance")));
            DiscriminatorModel d = null;
            if (h.containsKey("discriminator")) {
                Map<String, Object> dh = ModelHeaders.map(h, "discriminator");
                d = new DiscriminatorModel(ModelHeaders.discriminatorConfig(ModelHeaders.map(dh, "config")),
                        extract(a.parameters(), "D/"), ModelHeaders.provenance(ModelHeaders.map(dh, "provenance")));
            }
            Parameters withMoments = a.parameters();
            if (h.containsKey("momentPrecision")) {
                MomentPrecision.parse(String.valueOf(h.get("momentPrecision")));
                withMoments = new Parameters();
                for (String n : a.parameters().names()) {
                    withMoments.add(n, a.parameters().role(n), a.parameters().get(n));
                }
                for (Map.Entry<String, Object> e : ModelHeaders.map(h, "momentShapes").entrySet()) {
                    long[] shape = ((List<Number>) e.getValue()).stream().mapToLong(Number::longValue).toArray();
                    byte[] data = a.blobs().get(MOMENT_BLOB + e.getKey());
                    if (data == null) {
                        throw new IllegalArgumentException("no data for optimizer moment " + e.getKey());
                    }
                    withMoments.add(e.getKey(), Parameters.Role.STATE, MomentPrecision.decode(data, shape));
                }
            }
            return new TrainingState(stage, iteration, g, d, arrays(withMoments, "optG/"),
                    arrays(withMoments, "optD/"), (Map<String, Object>) h.getOrDefault("settings", Map.of()),
                    hasPrefix(a.parameters(), "E/") ? extract(a.parameters(), "E/") : null);
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            throw new ModelFileException(file.toAbsolutePath(), "invalid checkpoint: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a checkpoint to resume from. If it cannot be read (a run killed while the disk filled,
     * a damaged copy), the error says so and names the newest older checkpoint in the same folder
     * that reads fine, so that the user can set the broken one aside and resume from it; nothing is
     * skipped silently.
     */
    public static TrainingState readForResume(Path file) {
        try {
            return read(file);
        } catch (ModelFileException e) {
            Path dir = file.toAbsolutePath().getParent();
            long broken = iterationOf(file);
            List<Path> older = list(dir);
            for (int i = older.size() - 1; i >= 0; i--) {
                Path p = older.get(i);
                if (broken >= 0 && iterationOf(p) >= broken) {
                    continue;
                }
                try {
                    TrainingState s = read(p);
                    throw new ModelFileException(e.file(), e.problem()
                            + "; the older checkpoint " + p.getFileName() + " (iteration " + s.iteration()
                            + ") reads fine: move " + file.getFileName() + " out of " + dir + " and resume again to continue from it",
                            e);
                } catch (ModelFileException unreadable) {
                    if (unreadable.getCause() == e) {
                        throw unreadable;
                    }
                    // this one is damaged too: try the next older one
                }
            }
            throw e;
        }
    }

    private static void copy(Parameters from, String prefix, Parameters to) {
        for (String n : from.names()) {
            to.add(prefix + n, from.role(n), from.get(n).dup());
        }
    }

    private static boolean hasPrefix(Parameters all, String prefix) {
        return all.names().stream().anyMatch(n -> n.startsWith(prefix));
    }

    private static Parameters extract(Parameters all, String prefix) {
        Parameters p = new Parameters();
        for (String n : all.names()) {
            if (n.startsWith(prefix)) {
                p.add(n.substring(prefix.length()), all.role(n), all.get(n));
            }
        }
        return p;
    }

    private static Map<String, INDArray> arrays(Parameters all, String prefix) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (String n : all.names()) {
            if (n.startsWith(prefix)) {
                m.put(n.substring(prefix.length()), all.get(n));
            }
        }
        return m;
    }
}
