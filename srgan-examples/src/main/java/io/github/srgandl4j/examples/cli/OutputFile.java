package io.github.srgandl4j.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The checks and preparation of a command's single output file ({@code export}, {@code calibrate-bn}, {@code train}). */
final class OutputFile {
    private OutputFile() {
    }

    /** Refuses a folder, and an existing file unless {@code force}: a failure (exit 1), naming it. */
    static void refuseExisting(Path out, boolean force) throws IOException {
        if (Files.isDirectory(out)) {
            throw new IOException(out + ": is a folder; -o names the file to write");
        }
        if (Files.exists(out) && !force) {
            throw new IOException(out + ": exists; use --force to overwrite it");
        }
    }

    /** Creates the folder {@code out} goes into, if missing. */
    static void createParent(Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
