package io.github.srgandl4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interrupted atomic writes: a SIGTERM during a write leaves nothing behind (shutdown hook); a kill -9
 * leaves the temporary, which the next process's first write into the folder removes; temporaries of
 * running writers and files of other naming are never touched.
 */
class AtomicFilesInterruptionTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private Path interruptedWrite(Path target, boolean sigkill) throws Exception {
        try (ChildJvm child = ChildJvm.start(SlowWriteChild.class, List.of("-Xmx64m"), target.toString())) {
            String line = child.awaitLine(l -> l.startsWith("WRITING "));
            Path tmp = Path.of(line.substring("WRITING ".length()));
            assertTrue(Files.exists(tmp), tmp + " during the write");
            assertTrue(tmp.getFileName().toString().matches("\\.out\\.png\\.\\d+-\\d+\\.tmp"), tmp.toString());
            if (sigkill) {
                child.process().destroyForcibly();
            } else {
                child.process().destroy(); // SIGTERM
            }
            int exit = child.awaitExit(60);
            assertEquals(sigkill ? 137 : 143, exit, child.output());
            return tmp;
        }
    }

    @Test
    void sigtermDuringAWriteLeavesNoTemporaryAndNoTarget() throws Exception {
        Path target = dir.resolve("out.png");
        interruptedWrite(target, false);
        assertEquals(List.of(), names(), "a SIGTERM-ed write leaves nothing");
    }

    @Test
    void killDuringAWriteLeavesATemporaryThatTheNextWriteRemoves() throws Exception {
        Path target = dir.resolve("out.png");
        Path tmp = interruptedWrite(target, true);
        assertTrue(Files.exists(tmp), "kill -9 cannot clean up");
        assertFalse(Files.exists(target), "no half-written target");
        Files.writeString(dir.resolve("keep.txt"), "not ours");
        Files.writeString(dir.resolve(".notes.tmp"), "not our naming");
        // this JVM's first write into the folder removes the dead process's temporary
        AtomicFiles.writeString(dir.resolve("other.txt"), "x");
        assertEquals(List.of(".notes.tmp", "keep.txt", "other.txt"), names());
    }

    @Test
    void staleMeansTheWriterIsGoneOrTheLegacyTemporaryIsOld() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        long livePid = ProcessHandle.current().parent().orElseThrow().pid(); // the build tool: alive
        Path dead = Files.writeString(dir.resolve(".a.png." + ended.pid() + "-42.tmp"), "");
        Path live = Files.writeString(dir.resolve(".b.png." + livePid + "-42.tmp"), "");
        Path oldLegacy = Files.writeString(dir.resolve(".c.png.1234567890123456789.tmp"), "");
        Files.setLastModifiedTime(oldLegacy, FileTime.from(Instant.now().minus(AtomicFiles.LEGACY_STALE_AGE).minusSeconds(60)));
        Path newLegacy = Files.writeString(dir.resolve(".d.png.1234567890123456789.tmp"), "");
        Path ours = Files.writeString(dir.resolve(".e.png." + ProcessHandle.current().pid() + "-42.tmp"), "");
        assertTrue(AtomicFiles.isStale(dead));
        assertFalse(AtomicFiles.isStale(live));
        assertTrue(AtomicFiles.isStale(oldLegacy));
        assertFalse(AtomicFiles.isStale(newLegacy));
        assertTrue(AtomicFiles.isStale(ours), "this process has no write of it in progress");
        assertEquals(3, AtomicFiles.removeStaleTemporaries(dir));
        assertEquals(List.of(".b.png." + livePid + "-42.tmp", ".d.png.1234567890123456789.tmp"), names());
    }
}
