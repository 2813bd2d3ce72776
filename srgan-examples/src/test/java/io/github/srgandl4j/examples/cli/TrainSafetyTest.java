package io.github.srgandl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.model.ModelArchive;
import io.github.srgandl4j.core.model.ModelFiles;
import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.train.Checkpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code srgan train} never destroys what it did not make and refuses bad options before any work:
 * an existing -o model, a checkpoint folder of an earlier run, sizes and intervals out of bounds,
 * damaged or non-finite model files, and unknown subcommands. Each case checks the exit code, the
 * message and that nothing was written or deleted. Runs on generated images (no shared data).
 */
class TrainSafetyTest {
    @TempDir
    Path tmp;
    Path data;

    @BeforeEach
    void data() throws IOException {
        data = TinyTrainingData.write(tmp.resolve("hr"));
    }

    private CliRun train(Path ckpt, Path out, String... more) {
        List<String> args = TinyTrainingData.pretrain(data, ckpt);
        args.addAll(List.of("-o", out.toString()));
        for (int i = 0; i < more.length; i++) {
            int at = args.indexOf(more[i]);
            boolean valued = i + 1 < more.length && !more[i + 1].startsWith("--");
            if (at >= 0 && valued) {
                args.set(at + 1, more[++i]); // a flag the tiny run sets already: replace its value
            } else {
                args.add(more[i]);
            }
        }
        return CliRun.of(args.toArray(new String[0]));
    }

    private static List<String> names(Path d) throws IOException {
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void anExistingModelIsOverwrittenOnlyWithForceAndCheckedBeforeTraining() throws IOException {
        Path out = Files.writeString(tmp.resolve("g.srgan"), "an earlier model");
        Path ckpt = tmp.resolve("ckpt");
        CliRun r = train(ckpt, out, "--steps", "2");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains(out + ": exists; use --force to overwrite it"), r.err());
        assertEquals("an earlier model", Files.readString(out));
        assertFalse(Files.exists(ckpt), "refused before any training (no checkpoint written)");

        CliRun forced = train(ckpt, out, "--steps", "2", "--force");
        assertEquals(0, forced.exit(), forced.err());
        assertEquals(1, SrResNetModel.load(out).config().residualBlocks());

        // resuming writes -o again: the same rule
        CliRun resumed = train(ckpt, out, "--steps", "3", "--resume");
        assertEquals(1, resumed.exit(), resumed.err());
        assertTrue(resumed.err().contains("use --force to overwrite it"), resumed.err());
        assertEquals(Checkpoints.fileFor(ckpt, 2), Checkpoints.latest(ckpt).orElseThrow(), "no step taken");

        CliRun folder = train(tmp.resolve("c2"), Files.createDirectories(tmp.resolve("adir")), "--steps", "1", "--force");
        assertEquals(1, folder.exit(), folder.err());
        assertTrue(folder.err().contains("is a folder; -o names the file to write"), folder.err());
    }

    @Test
    void aFreshRunRefusesACheckpointFolderOfAnEarlierRunUnlessForced() throws IOException {
        Path ckpt = tmp.resolve("ckpt");
        assertEquals(0, train(ckpt, tmp.resolve("a.srgan"), "--steps", "4", "--checkpoint-every", "1").exit());
        List<String> before = names(ckpt);
        assertEquals(List.of("checkpoint-000000003.srgan", "checkpoint-000000004.srgan"), before);
        long size = Files.size(ckpt.resolve(before.get(1)));

        CliRun fresh = train(ckpt, tmp.resolve("b.srgan"), "--steps", "2", "--checkpoint-every", "1");
        assertEquals(1, fresh.exit(), fresh.err());
        assertTrue(fresh.err().contains(ckpt + ": holds 2 checkpoint(s) of an earlier run (newest: checkpoint-000000004.srgan); "
                + "use --resume to continue it, another --checkpoint-dir, or --force to delete them and start afresh"), fresh.err());
        assertEquals(before, names(ckpt));
        assertEquals(size, Files.size(ckpt.resolve(before.get(1))));
        assertFalse(Files.exists(tmp.resolve("b.srgan")));

        CliRun forced = train(ckpt, tmp.resolve("b.srgan"), "--steps", "2", "--checkpoint-every", "1", "--force");
        assertEquals(0, forced.exit(), forced.err());
        assertTrue(forced.err().contains("--force: deleted 2 checkpoint(s) of an earlier run"), forced.err());
        assertEquals(List.of("checkpoint-000000001.srgan", "checkpoint-000000002.srgan"), names(ckpt),
                "the new run's own checkpoints, the earlier run's gone, nothing of either deleted by mistake");
        // other files in the folder are not checkpoints and are never touched
        Files.writeString(ckpt.resolve("notes.txt"), "mine");
        CliRun again = train(ckpt, tmp.resolve("c.srgan"), "--steps", "1", "--force");
        assertEquals(0, again.exit(), again.err());
        assertEquals(List.of("checkpoint-000000001.srgan", "notes.txt"), names(ckpt));
    }

    @Test
    void sizesAndIntervalsAreUsageErrorsNamingTheFlag() throws IOException {
        Object[][] cases = {
            {"--batch", "0", "--batch must be >= 1, got 0"},
            {"--log-every", "0", "--log-every must be >= 1, got 0"},
            {"--checkpoint-every", "-1", "--checkpoint-every must be >= 0 (0: only at the end), got -1"},
            {"--blocks", "100000", "--blocks must be in 0..256, got 100000"},
            {"--channels", "100000", "--channels must be in 1..512, got 100000"},
            {"--blocks", "-1", "--blocks must be in 0..256, got -1"},
            {"--scale", "3", "--scale must be 2, 4 or 8, got 3"},
            {"--crop", "30", "--crop must be a positive multiple of --scale 4, got 30"},
            {"--val-every", "0", "--val-every must be >= 1, got 0"},
        };
        Path out = tmp.resolve("o.srgan");
        Path ckpt = tmp.resolve("ckpt");
        for (Object[] c : cases) {
            CliRun r = train(ckpt, out, "--steps", "1", (String) c[0], (String) c[1]);
            assertEquals(2, r.exit(), c[0] + " " + c[1] + ": " + r.err());
            assertTrue(r.err().contains((String) c[2]), r.err());
        }
        CliRun both = train(ckpt, out, "--steps", "1", "--blocks", "256", "--channels", "512");
        assertEquals(2, both.exit(), both.err());
        assertTrue(both.err().contains("--blocks 256 --channels 512: 256 residual blocks of 512 channels make "), both.err());
        assertTrue(both.err().contains("more than the limit of 100000000"), both.err());
        CliRun advCrop = CliRun.of("train", "--stage", "adversarial", "--init", out.toString(), "--content", "mse",
                "--data", data.toString(), "--crop", "20", "--steps", "1", "--checkpoint-dir", ckpt.toString(),
                "-o", out.toString());
        assertEquals(2, advCrop.exit(), advCrop.err());
        assertTrue(advCrop.err().contains("--crop (the discriminator's input) must be a multiple of 16"), advCrop.err());
        assertFalse(Files.exists(out), "nothing written");
        assertFalse(Files.exists(ckpt), "nothing written");
    }

    @Test
    void damagedOrNonFiniteInitModelsFailNamingFileAndProblem() throws IOException {
        Path ckpt = tmp.resolve("ckpt");
        SrResNetModel m = SrResNetModel.initialise(SrResNetConfig.of(4, 1, 4), 2);
        m.parameters().get("tail/conv/W").putScalar(0, Float.NaN);
        Path nan = tmp.resolve("nan.srgan");
        m.save(nan);
        CliRun r = train(ckpt, tmp.resolve("o.srgan"), "--steps", "1", "--init", nan.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains(nan.toAbsolutePath() + ": tensor 'tail/conv/W' holds NaN at index 0"), r.err());

        ModelArchive a = SrResNetModel.initialise(SrResNetConfig.of(4, 1, 4), 2).toArchive();
        Map<String, Object> header = new LinkedHashMap<>(a.header());
        @SuppressWarnings("unchecked")
        Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) header.get("config"));
        config.put("residualBlocks", 100_000);
        header.put("config", config);
        Path huge = tmp.resolve("huge.srgan");
        ModelFiles.write(huge, new ModelArchive(a.kind(), header, a.parameters(), a.blobs()));
        CliRun h = train(ckpt, tmp.resolve("o.srgan"), "--steps", "1", "--init", huge.toString());
        assertEquals(1, h.exit(), h.err());
        assertTrue(h.err().contains(huge.toAbsolutePath() + ": invalid header: residualBlocks must be in 0..256, got 100000"),
                h.err());
        assertFalse(Files.exists(tmp.resolve("o.srgan")));
    }

    @Test
    void aDamagedNewestCheckpointSuggestsTheOlderOne() throws IOException {
        Path ckpt = tmp.resolve("ckpt");
        Path out = tmp.resolve("o.srgan");
        assertEquals(0, train(ckpt, out, "--steps", "4", "--checkpoint-every", "2").exit());
        Path newest = Checkpoints.fileFor(ckpt, 4);
        byte[] b = Files.readAllBytes(newest);
        Files.write(newest, java.util.Arrays.copyOf(b, 100));
        CliRun r = train(ckpt, out, "--steps", "6", "--resume", "--force");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains(newest.toAbsolutePath() + ": is truncated or corrupt"), r.err());
        assertTrue(r.err().contains("the older checkpoint checkpoint-000000002.srgan (iteration 2) reads fine: move "
                + "checkpoint-000000004.srgan out of"), r.err());
        assertArrayEquals(java.util.Arrays.copyOf(b, 100), Files.readAllBytes(newest), "left as it was");
    }

    @Test
    void unknownSubcommandIsAUsageErrorEvenWithHelp() {
        CliRun r = CliRun.of("no-such-command", "--help");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("no-such-command"), r.err());
        assertEquals(2, CliRun.of("no-such-command").exit());
        assertEquals(2, CliRun.of("train", "--help", "extra-word").exit());
        CliRun help = CliRun.of("--help");
        assertEquals(0, help.exit(), help.err());
        assertTrue(help.out().contains("train"), help.out());
        assertEquals(0, CliRun.of("help", "train").exit());
        assertEquals(0, CliRun.of("train", "--help").exit());
    }
}
