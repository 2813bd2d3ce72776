package io.github.srgandl4j.core.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Resident-set figures of this process from {@code /proc/self/status} (Linux): for benchmarks and memory tests. */
public final class ProcessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {}

    /** Peak resident set size ({@code VmHWM}) in KiB, or -1 where {@code /proc} is unavailable. */
    public static long peakRssKib() {
        return field(STATUS, "VmHWM:");
    }

    /** Current resident set size ({@code VmRSS}) in KiB, or -1 where {@code /proc} is unavailable. */
    public static long rssKib() {
        return field(STATUS, "VmRSS:");
    }

    /** The value in KiB of a {@code Name:   1234 kB} line of a proc status file, or -1 if absent or unreadable. */
    static long field(Path status, String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(status);
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
        for (String line : lines) {
            if (line.startsWith(name)) {
                String[] parts = line.substring(name.length()).trim().split("\\s+");
                return Long.parseLong(parts[0]);
            }
        }
        return -1;
    }
}
