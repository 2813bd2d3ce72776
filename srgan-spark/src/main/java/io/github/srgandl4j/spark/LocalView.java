package io.github.srgandl4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;

/**
 * A local {@link Path} for a file on any Hadoop file system, so that the library's file-based
 * code (image decoding, PNG writing, model loading) runs unchanged on it.
 *
 * <p>On the local file system ({@code file:}) the view is the file itself: nothing is copied,
 * and error messages name the real file. On any other file system the file is copied into a
 * private temporary folder under the same file name (so its extension still tells the format),
 * and {@link #describe} turns messages naming the copy back into messages naming the original.
 * {@link #close} deletes the copy.
 */
public final class LocalView implements AutoCloseable {
    private final Path local;
    private final Path tempDir;
    private final String original;

    private LocalView(Path local, Path tempDir, String original) {
        this.local = local;
        this.tempDir = tempDir;
        this.original = original;
    }

    /** True if {@code fs} is the local file system ({@code file:}), whose paths are usable as they are. */
    public static boolean isLocal(FileSystem fs) {
        return "file".equals(fs.getUri().getScheme());
    }

    /** The local file of {@code file} on the local file system. */
    public static Path localPath(org.apache.hadoop.fs.Path file) {
        return Path.of(file.toUri().getPath());
    }

    /**
     * A local view of {@code file} for reading. A missing or unreadable remote file is not an error
     * here: the view then points at a file that does not exist, and the reader reports it by the
     * original name.
     */
    public static LocalView forReading(FileSystem fs, org.apache.hadoop.fs.Path file) throws IOException {
        if (isLocal(fs)) {
            return new LocalView(localPath(file), null, null);
        }
        Path dir = Files.createTempDirectory("srgan-spark-in");
        Path copy = dir.resolve(file.getName());
        try {
            fs.copyToLocalFile(false, file, new org.apache.hadoop.fs.Path(copy.toUri()), true);
        } catch (java.io.FileNotFoundException e) {
            // left absent: reported by the reader, named by describe()
        }
        return new LocalView(copy, dir, file.toString());
    }

    /** A local folder standing for the remote folder {@code dir}: the folder itself when local, else a fresh temporary one. */
    public static LocalView forWriting(FileSystem fs, org.apache.hadoop.fs.Path dir) throws IOException {
        if (isLocal(fs)) {
            return new LocalView(localPath(dir), null, null);
        }
        Path tmp = Files.createTempDirectory("srgan-spark-out");
        return new LocalView(tmp, tmp, dir.toString());
    }

    /** The local file (or folder). */
    public Path path() {
        return local;
    }

    /** True if this is a temporary copy (remote file system). */
    public boolean isCopy() {
        return tempDir != null;
    }

    /** {@code message} with the local copy's path replaced by the original's. */
    public String describe(String message) {
        if (tempDir == null || message == null) {
            return message;
        }
        String m = message.replace(local.toAbsolutePath().toString(), original);
        return m.replace(local.toString(), original);
    }

    @Override
    public void close() {
        if (tempDir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(tempDir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary folder " + tempDir, e);
        }
    }
}
