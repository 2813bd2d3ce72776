package io.github.srgandl4j.core.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs a main class of the test classpath in a child JVM (for tests that kill a process: SIGTERM
 * with {@link Process#destroy()}, SIGKILL with {@link Process#destroyForcibly()}). The child's
 * stdout and stderr are merged and can be waited on line by line.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BufferedReader output;
    private final StringBuilder seen = new StringBuilder();

    private ChildJvm(Process process) {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts {@code mainClass} with {@code args}, the test JVM's classpath and {@code jvmOptions}. */
    public static ChildJvm start(Class<?> mainClass, List<String> jvmOptions, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        return new ChildJvm(pb.start());
    }

    /** Reads output lines until one matches (returned), or fails when the child ends first. */
    public String awaitLine(Predicate<String> match) throws IOException {
        String line;
        while ((line = output.readLine()) != null) {
            seen.append(line).append('\n');
            if (match.test(line)) {
                return line;
            }
        }
        throw new AssertionError("the child process ended without the expected line; its output:\n" + seen);
    }

    /** Reads the rest of the output and waits for the exit code (at most {@code seconds}). */
    public int awaitExit(long seconds) throws InterruptedException {
        try {
            String line;
            while ((line = output.readLine()) != null) {
                seen.append(line).append('\n');
            }
        } catch (IOException e) {
            // Process.destroy() closes the streams of a killed child: its output ends there
        }
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child process did not end within " + seconds + " s; its output:\n" + seen);
        }
        return process.exitValue();
    }

    /** All output read so far. */
    public String output() {
        return seen.toString();
    }

    public Process process() {
        return process;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
