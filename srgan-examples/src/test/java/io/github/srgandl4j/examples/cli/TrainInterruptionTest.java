package io.github.srgandl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.testing.ChildJvm;
import io.github.srgandl4j.core.train.Checkpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a {@code srgan train} process (a child JVM) during training, then {@code --resume}: the
 * result is bit for bit the model of an uninterrupted run, and the checkpoint folder ends with the
 * run's two newest checkpoints and no temporary file (one left by a kill during a checkpoint write is
 * removed by the resumed run).
 */
class TrainInterruptionTest {
    private static final String STEPS = "12";

    @TempDir
    Path tmp;

    private static String[] args(List<String> base, String... more) {
        List<String> a = new ArrayList<>(base);
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    @Test
    void killedTrainingResumesToTheUninterruptedResult() throws Exception {
        Path data = TinyTrainingData.write(tmp.resolve("hr"));
        Path straightOut = tmp.resolve("straight.srgan");
        CliRun straight = CliRun.of(args(TinyTrainingData.pretrain(data, tmp.resolve("ck-straight")), "--steps", STEPS,
                "--checkpoint-every", "1", "-o", straightOut.toString()));
        assertEquals(0, straight.exit(), straight.err());

        Path ckpt = tmp.resolve("ck");
        Path out = tmp.resolve("resumed.srgan");
        String[] run = args(TinyTrainingData.pretrain(data, ckpt), "--steps", STEPS, "--checkpoint-every", "1", "-o",
                out.toString());
        try (ChildJvm child = ChildJvm.start(SrganCli.class, List.of("-Xmx1g"), run)) {
            child.awaitLine(l -> l.contains("checkpoint at iteration 3:"));
            child.process().destroyForcibly(); // SIGKILL: no shutdown hook, no finally
            assertEquals(137, child.awaitExit(120), child.output());
        }
        assertFalse(Files.exists(out), "killed before the end: no model");
        long killedAt = Checkpoints.iterationOf(Checkpoints.latest(ckpt).orElseThrow());
        assertTrue(killedAt >= 3 && killedAt < Long.parseLong(STEPS), "killed at " + killedAt);

        CliRun resumed = CliRun.of(args(TinyTrainingData.pretrain(data, ckpt), "--steps", STEPS, "--checkpoint-every", "1",
                "--resume", "-o", out.toString()));
        assertEquals(0, resumed.exit(), resumed.err());
        SrResNetModel a = SrResNetModel.load(straightOut);
        SrResNetModel b = SrResNetModel.load(out);
        for (String n : a.parameters().names()) {
            assertArrayEquals(a.parameters().get(n).data().asFloat(), b.parameters().get(n).data().asFloat(), 0f, n);
        }
        assertEquals(a.provenance().details().get("iterations"), b.provenance().details().get("iterations"));
        try (Stream<Path> s = Files.list(ckpt)) {
            assertEquals(List.of("checkpoint-000000011.srgan", "checkpoint-000000012.srgan"),
                    s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
        }
    }
}
