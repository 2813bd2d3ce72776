package io.github.srgandl4j.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes files so that they appear complete or not at all: the content goes to a temporary file
 * in the target's folder, is flushed to disk (fsync), and is then moved over the target
 * atomically. On failure the temporary file is deleted and an existing target is left untouched.
 * Used for model files, checkpoints, images and reports.
 *
 * <p>Temporary files are named {@code .NAME.PID-RANDOM.tmp} (PID: the writing process). They are
 * deleted when the JVM shuts down normally or on SIGTERM/SIGINT (a shutdown hook) while a write is
 * in progress. After a kill -9 or a power loss they stay behind; the first write of a process into
 * a folder then removes the stale temporaries of this naming whose writing process no longer runs
 * ({@link #removeStaleTemporaries}). Temporaries of the older naming {@code .NAME.DIGITS.tmp}
 * (no PID) are removed once they are more than an hour old.
 *
 * <p>Where the file system cannot move atomically, the move falls back to a plain replacing move
 * and says so with a warning naming the file (readers may then briefly see a missing target).
 */
public final class AtomicFiles {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);
    /** {@code .NAME.PID-RANDOM.tmp} (group 1: name, 2: pid), this version's temporaries. */
    private static final Pattern TEMP = Pattern.compile("\\.(.+)\\.(\\d+)-\\d+\\.tmp");
    /** {@code .NAME.DIGITS.tmp}: temporaries of earlier versions (Files.createTempFile's naming). */
    private static final Pattern LEGACY_TEMP = Pattern.compile("\\.(.+)\\.\\d{10,20}\\.tmp");
    /** Age after which a temporary of the legacy naming (no PID) counts as stale. */
    static final Duration LEGACY_STALE_AGE = Duration.ofHours(1);

    private static final long PID = ProcessHandle.current().pid();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();
    private static final Set<Path> CLEANED_FOLDERS = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::deleteInProgress, "srgan-atomic-files-cleanup"));
    }

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
        if (dir != null && CLEANED_FOLDERS.add(dir)) {
            removeStaleTemporaries(dir);
        }
        Path tmp = createTemporary(abs);
        boolean done = false;
        try {
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            content.writeTo(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true); // the content is on disk before the name points at it
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                LOG.warn("{}: the file system cannot replace files atomically; replacing it with a plain move", abs);
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            syncFolder(dir);
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
            IN_PROGRESS.remove(tmp);
        }
    }

    /** Writes {@code text} as UTF-8 to {@code file}, replacing it; the parent folder must exist. */
    public static void writeString(Path file, String text) throws IOException {
        write(file, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    /**
     * Deletes the temporaries of this class's naming in {@code dir} that no running write owns: those
     * whose writing process has ended, and those of the older naming without a PID that are more than
     * {@link #LEGACY_STALE_AGE} old. Returns how many it deleted; problems are logged, not thrown.
     * Called automatically on the first write of a process into a folder.
     */
    public static int removeStaleTemporaries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (isStale(p)) {
                    try {
                        if (Files.deleteIfExists(p)) {
                            removed++;
                            LOG.info("removed a stale temporary file left by an interrupted write: {}", p);
                        }
                    } catch (IOException e) {
                        LOG.warn("cannot remove the stale temporary file {}: {}", p, e.toString());
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list {} for stale temporary files: {}", dir, e.toString());
        }
        return removed;
    }

    /** Whether {@code p} is a temporary of this class's naming that no running write owns. */
    static boolean isStale(Path p) {
        String name = p.getFileName().toString();
        Matcher m = TEMP.matcher(name);
        if (m.matches()) {
            long pid;
            try {
                pid = Long.parseLong(m.group(2));
            } catch (NumberFormatException e) {
                return false;
            }
            if (pid == PID) {
                return !IN_PROGRESS.contains(p.toAbsolutePath());
            }
            Optional<ProcessHandle> owner = ProcessHandle.of(pid);
            return owner.isEmpty() || !owner.get().isAlive();
        }
        if (LEGACY_TEMP.matcher(name).matches()) {
            try {
                FileTime t = Files.getLastModifiedTime(p);
                return t.toInstant().isBefore(Instant.now().minus(LEGACY_STALE_AGE));
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    private static Path createTemporary(Path target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            long r = RANDOM.nextLong() & Long.MAX_VALUE;
            Path tmp = target.resolveSibling("." + target.getFileName() + "." + PID + "-" + r + ".tmp").toAbsolutePath();
            IN_PROGRESS.add(tmp);
            try {
                return Files.createFile(tmp);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                IN_PROGRESS.remove(tmp);
                if (attempt > 10) {
                    throw e;
                }
            } catch (AccessDeniedException e) {
                IN_PROGRESS.remove(tmp);
                throw new IOException("cannot write " + target + ": permission denied in " + target.getParent(), e);
            } catch (FileSystemException e) {
                IN_PROGRESS.remove(tmp);
                String why = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
                throw new IOException("cannot write " + target + ": " + why, e);
            }
        }
    }

    /** fsyncs a folder so that a completed rename survives a power loss (not possible on every platform). */
    private static void syncFolder(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            LOG.debug("cannot fsync the folder {} (not supported here): {}", dir, e.toString());
        }
    }

    /** The shutdown hook: deletes the temporaries of writes still in progress (SIGTERM, SIGINT, System.exit). */
    private static void deleteInProgress() {
        for (Path p : IN_PROGRESS) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException | RuntimeException e) {
                // the JVM is exiting; nothing else can be done with it
            }
        }
    }
}
