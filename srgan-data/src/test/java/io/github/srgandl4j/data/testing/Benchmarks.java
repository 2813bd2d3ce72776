package io.github.srgandl4j.data.testing;

import io.github.srgandl4j.core.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared benchmark sets (Set5, Set14, BSD100) as reached through {@link SharedData}. */
public final class Benchmarks {
    public static final List<String> SETS = List.of("Set5", "Set14", "BSD100");

    private Benchmarks() {}

    public static Path hrDir(String set) {
        return SharedData.require("data/benchmarks/" + set + "/HR");
    }

    public static Path lrDir(String set) {
        return SharedData.require("data/benchmarks/" + set + "/LR_bicubic_x4");
    }

    /** HR files of a set, sorted by name. */
    public static List<Path> hrFiles(String set) {
        try (Stream<Path> s = Files.list(hrDir(set))) {
            return s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The LR file paired with an HR file ({@code _HR.png} -> {@code _LR.png}). */
    public static Path lrFor(String set, Path hr) {
        return lrDir(set).resolve(hr.getFileName().toString().replace("_HR.png", "_LR.png"));
    }
}
