package io.github.srgandl4j.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files so that they appear complete or not at all: the content goes to a temporary file
 * in the target's folder, which is then moved over the target (atomically where the file system
 * allows). On failure the temporary file is deleted and an existing target is left untouched.
 * Used for model files, checkpoints, images and reports.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes the content of a file, given its (temporary) path. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path tmp) throws IOException;
    }

    /**
     * Writes {@code file} through {@code content}, replacing it; the parent folder must exist.
     * The new file is readable by all (rw-r--r--), like any file a program writes.
     */
    public static void write(Path file, Content content) throws IOException {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IOException(file + ": cannot write, folder " + dir + " does not exist");
        }
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        boolean done = false;
        try {
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            content.writeTo(tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Writes {@code text} as UTF-8 to {@code file}, replacing it; the parent folder must exist. */
    public static void writeString(Path file, String text) throws IOException {
        write(file, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }
}
