package io.github.srgandl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.data.io.ImageLoader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cases that need a JVM of their own (issue #17 items 8 and 13): the C locale with a non-ASCII file
 * name in a folder, the launcher's locale fix, and kill -9 while an output PNG is being written.
 */
class ProcessRobustnessTest {
    @TempDir
    Path tmp;

    Path model;

    @BeforeEach
    void model() {
        model = tmp.resolve("tiny.srgan");
        SrResNetModel.initialise(SrResNetConfig.of(2, 1, 4), 3).save(model);
    }

    private ProcessBuilder cli(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), SrganCli.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG"));
        pb.environment().putAll(env);
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        return pb;
    }

    private static String run(ProcessBuilder pb, int[] exit) throws Exception {
        Path log = Files.createTempFile("srgan-cli", ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "CLI did not finish");
        exit[0] = p.exitValue();
        String out = Files.readString(log, StandardCharsets.ISO_8859_1);
        Files.delete(log);
        return out;
    }

    private static void png(Path f, int w, int h) throws IOException {
        BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                b.setRGB(x, y, (x * 5) << 16 | (y * 5) << 8 | 77);
            }
        }
        ImageIO.write(b, "png", f.toFile());
    }

    /** Copies {@code a.png} to a file named u-umlaut + ".png" (UTF-8 bytes), through the shell, whatever the JVM's charset. */
    private void nonAsciiCopy(Path dir) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", "cp a.png \"$(printf '\\303\\274-photo.png')\"")
                .directory(dir.toFile()).start();
        assertEquals(0, p.waitFor());
    }

    private static boolean hasLocale(String name) throws Exception {
        Process p = new ProcessBuilder("locale", "-a").redirectErrorStream(true).start();
        String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        p.waitFor();
        return all.lines().anyMatch(l -> l.equalsIgnoreCase(name));
    }

    @Test
    void underLangCANonAsciiNameIsReportedAndTheOtherFilesAreWritten() throws Exception {
        assumeTrue(Files.exists(Path.of("/bin/sh")), "needs /bin/sh");
        Path in = Files.createDirectory(tmp.resolve("in"));
        png(in.resolve("a.png"), 5, 4);
        png(in.resolve("z.png"), 4, 5);
        nonAsciiCopy(in);
        int[] exit = new int[1];
        String out = run(cli(Map.of("LANG", "C", "LC_ALL", "C"), "upscale", "--model", model.toString(), "in", "-o",
                "out"), exit);
        assertEquals(1, exit[0], out);
        assertTrue(out.contains("the file name is not valid in this system's file-name encoding")
                && out.contains("LC_ALL=C.UTF-8"), out);
        assertTrue(out.contains("upscaled 2, failed 1"), out);
        try (Stream<Path> s = Files.list(tmp.resolve("out"))) {
            assertEquals(List.of("a.png", "z.png"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        // in a UTF-8 locale (what the launcher picks) all three are written
        String utf8 = hasLocale("C.UTF-8") ? "C.UTF-8" : hasLocale("C.utf8") ? "C.utf8" : null;
        assumeTrue(utf8 != null, "no C.UTF-8 locale installed");
        String out2 = run(cli(Map.of("LANG", "C", "LC_ALL", utf8), "upscale", "--model", model.toString(), "in", "-o",
                "out2"), exit);
        assertEquals(0, exit[0], out2);
        try (Stream<Path> s = Files.list(tmp.resolve("out2"))) {
            assertEquals(3, s.count());
        }
    }

    @Test
    void theLauncherSwitchesACLocaleToUtf8() throws Exception {
        Path launcher = Path.of("..", "srgan").toAbsolutePath().normalize();
        assumeTrue(Files.exists(launcher) && Files.exists(Path.of("/bin/bash")), "needs the launcher and bash");
        assumeTrue(hasLocale("C.UTF-8") || hasLocale("C.utf8") || hasLocale("en_US.UTF-8") || hasLocale("en_US.utf8"),
                "no UTF-8 locale installed");
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-c", "source <(sed -n '/^# BEGIN locale/,/^# END locale/p' \""
                + launcher + "\"); locale charmap");
        pb.environment().keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG"));
        pb.environment().put("LANG", "C");
        int[] exit = new int[1];
        String out = run(pb, exit);
        assertEquals(0, exit[0], out);
        assertEquals("UTF-8", out.strip().lines().reduce((a, b) -> b).orElse(""), out);
    }

    /**
     * A {@code -Pcuda} build beside a CPU build leaves both backends in target/lib: the launcher refuses to start (exit
     * 1, the folder named on stderr) instead of letting ND4J choose. The launcher runs from a copy in a fake tree whose
     * jars are empty files, newer than any source, so it neither rebuilds nor, with one backend, gets past {@code java}.
     */
    @Test
    void theLauncherRefusesALibFolderWithBothBackends() throws Exception {
        Path launcher = Path.of("..", "srgan").toAbsolutePath().normalize();
        assumeTrue(Files.exists(launcher) && Files.exists(Path.of("/bin/bash")), "needs the launcher and bash");
        Path root = tmp.resolve("tree");
        Path lib = Files.createDirectories(root.resolve("srgan-examples/target/lib"));
        Files.copy(launcher, root.resolve("srgan"));
        Files.createFile(root.resolve("srgan-examples/target/srgan-examples-0.1.0-SNAPSHOT.jar"));
        for (String jar : List.of("nd4j-api-1.0.0-M2.1.jar", "nd4j-native-api-1.0.0-M2.1.jar",
                "nd4j-cuda-11.6-1.0.0-M2.1.jar", "nd4j-cuda-11.6-1.0.0-M2.1-linux-x86_64.jar")) {
            Files.createFile(lib.resolve(jar));
        }
        int[] exit = new int[1];
        // CUDA alone (it needs nd4j-native-api, which is no backend): past the check, java then fails on the empty jars
        String cudaOnly = run(new ProcessBuilder("/bin/bash", root.resolve("srgan").toString(), "--version"), exit);
        assertFalse(cudaOnly.contains("both the CPU"), cudaOnly);
        Files.createFile(lib.resolve("nd4j-native-1.0.0-M2.1.jar"));
        Files.createFile(lib.resolve("nd4j-native-1.0.0-M2.1-linux-x86_64-onednn.jar"));
        String both = run(new ProcessBuilder("/bin/bash", root.resolve("srgan").toString(), "--version"), exit);
        assertEquals(1, exit[0], both);
        assertTrue(both.contains("srgan: error: " + lib + " holds both the CPU (nd4j-native) and the CUDA (nd4j-cuda)"),
                both);
    }

    @Test
    void killDuringAPngWriteLeavesNoOutputAndARerunWritesIt() throws Exception {
        Path in = tmp.resolve("big.png");
        png(in, 48, 40);
        Path out = tmp.resolve("out");
        Process p = cli(Map.of(), "upscale", "--model", model.toString(), "--tile", "8", "big.png", "-o", "out")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("cli.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        boolean writing = false;
        while (!writing && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            writing = Files.isDirectory(out) && hasTemp(out);
        }
        assertTrue(writing, "the PNG write never started: " + Files.readString(tmp.resolve("cli.log")));
        p.destroyForcibly(); // SIGKILL
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertFalse(Files.exists(out.resolve("big.png")), "no partial output under the final name");
        CliRun r = CliRun.of("upscale", "--model", model.toString(), "--tile", "8", in.toString(), "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(96, new ImageLoader().read(out.resolve("big.png")).width(), "x2 model");
    }

    private static boolean hasTemp(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(f -> f.getFileName().toString().endsWith(".tmp"));
        }
    }
}
