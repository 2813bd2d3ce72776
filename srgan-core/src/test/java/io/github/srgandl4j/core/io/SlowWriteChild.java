package io.github.srgandl4j.core.io;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child process for {@link AtomicFilesInterruptionTest}: starts an atomic write of {@code args[0]},
 * writes half its content, prints {@code WRITING <temporary path>} and waits to be killed.
 */
public final class SlowWriteChild {
    private SlowWriteChild() {}

    public static void main(String[] args) throws Exception {
        AtomicFiles.write(Path.of(args[0]), tmp -> {
            Files.writeString(tmp, "half of the content");
            System.out.println("WRITING " + tmp);
            System.out.flush();
            try {
                Thread.sleep(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
