package io.github.srgandl4j.data.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns file-system failures into messages that say what failed and why: {@code cannot write
 * OUT: permission denied}, {@code cannot create folder DIR: read-only file system}, instead of
 * the bare path of a temporary file that Java's exceptions carry.
 */
public final class WriteFailures {
    private WriteFailures() {}

    /**
     * A failure while writing {@code file}. File-system errors and plain I/O errors become
     * {@code cannot write FILE: REASON}; errors that already explain themselves (a refused NaN
     * sample, an error raised by the content) pass unchanged.
     */
    public static IOException describe(Path file, IOException e) {
        if (e instanceof PngEncoder.NonFiniteSampleException || e instanceof WriteException) {
            return e;
        }
        if (e.getClass() == IOException.class && String.valueOf(e.getMessage()).contains(file.toString())) {
            return e; // already names the file
        }
        if (e instanceof FileSystemException || e.getClass() == IOException.class) {
            return new WriteException("cannot write " + file + ": " + reason(e), e);
        }
        return e;
    }

    /** {@code Files.createDirectories(dir)}, failing with {@code cannot create folder DIR: REASON}. */
    public static void createFolder(Path dir) throws IOException {
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (IOException e) {
            throw new WriteException("cannot create folder " + dir + ": " + reason(e), e);
        }
    }

    /** The reason of a file-system failure in a few words. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder" + (((NoSuchFileException) e).getFile() != null ? " ("
                    + ((NoSuchFileException) e).getFile() + ")" : "");
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return "a file of that name is in the way (" + f.getFile() + ")";
        }
        if (e instanceof FileSystemException fse) {
            if (fse.getReason() != null) {
                return fse.getReason().toLowerCase(Locale.ROOT);
            }
            return e.getClass().getSimpleName();
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.toLowerCase(Locale.ROOT).startsWith("no space")
                ? "no space left on device" : m;
    }

    /** A write failure whose message is already complete. */
    public static final class WriteException extends IOException {
        private static final long serialVersionUID = 1L;

        WriteException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
