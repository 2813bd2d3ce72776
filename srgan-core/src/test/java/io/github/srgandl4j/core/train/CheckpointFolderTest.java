package io.github.srgandl4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.model.ModelFileException;
import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.model.SrResNetModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint folder: a run prunes only its own checkpoints, names are ASCII under any default
 * locale, and a damaged newest checkpoint's error points at the older one that reads fine.
 */
class CheckpointFolderTest {
    private static final SrResNetConfig TINY = SrResNetConfig.of(4, 1, 4);

    @TempDir
    Path dir;

    private SrganTrainer.Builder pretrain(Path ckpt, long every) {
        return SrganTrainer.builder()
                .setStage(TrainingStage.PRETRAIN)
                .setGenerator(SrResNetModel.initialise(TINY, 3))
                .setBatchSource(new SyntheticBatches(2, 16, 4, 6, -1))
                .setContentLoss(TestLosses.MSE)
                .optCheckpoints(ckpt, every);
    }

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void aFreshRunNeverDeletesCheckpointsItDidNotWrite() throws IOException {
        Path ckpt = dir.resolve("ckpt");
        pretrain(ckpt, 1).build().train(2); // an earlier run: checkpoints 1 and 2
        Path foreign = Files.copy(Checkpoints.fileFor(ckpt, 2), Checkpoints.fileFor(ckpt, 100)); // and a later one
        byte[] foreignBytes = Files.readAllBytes(foreign);
        SrganTrainer t = pretrain(ckpt, 1).build();
        t.train(3);
        // before the fix the "keep the two newest" rule kept 100 and one other, deleting each new checkpoint
        // right after writing it; now the run keeps its own newest two (2 and 3) and deletes its own 1 only
        assertEquals(List.of("checkpoint-000000002.srgan", "checkpoint-000000003.srgan", "checkpoint-000000100.srgan"),
                names(ckpt));
        assertArrayEquals(foreignBytes, Files.readAllBytes(foreign), "the other run's checkpoint is untouched");
        assertEquals(3, Checkpoints.read(Checkpoints.fileFor(ckpt, 3)).iteration());
    }

    @Test
    void aResumedRunPrunesItsOwnEarlierCheckpoints() throws IOException {
        Path ckpt = dir.resolve("ckpt");
        pretrain(ckpt, 1).optKeepCheckpoints(5).build().train(3);
        SrganTrainer t = pretrain(ckpt, 1).optResumeFrom(Checkpoints.fileFor(ckpt, 3)).build();
        t.train(5);
        assertEquals(List.of("checkpoint-000000004.srgan", "checkpoint-000000005.srgan"), names(ckpt));
    }

    @Test
    void namesUseAsciiDigitsUnderAnArabicDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("ar-EG"));
            // the default formatting really differs under this locale (else the test proves nothing)
            assertTrue(!String.format("%d", 7).equals("7"), "ar-EG formats digits as Arabic-Indic");
            Path f = Checkpoints.fileFor(dir, 1234);
            assertEquals("checkpoint-000001234.srgan", f.getFileName().toString());
            pretrain(dir.resolve("ar"), 1).build().train(2);
            assertEquals(Checkpoints.fileFor(dir.resolve("ar"), 2), Checkpoints.latest(dir.resolve("ar")).orElseThrow());
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void aDamagedNewestCheckpointNamesTheOlderOneThatReadsFine() throws IOException {
        Path ckpt = dir.resolve("ckpt");
        pretrain(ckpt, 1).optKeepCheckpoints(5).build().train(3);
        Path newest = Checkpoints.fileFor(ckpt, 3);
        byte[] b = Files.readAllBytes(newest);
        Files.write(newest, java.util.Arrays.copyOf(b, b.length / 2)); // truncated, e.g. by a full disk
        Files.write(Checkpoints.fileFor(ckpt, 2), new byte[0]); // the next older one is damaged too
        ModelFileException e = assertThrows(ModelFileException.class, () -> pretrain(ckpt, 1).optResumeFrom(newest).build());
        assertTrue(e.getMessage().startsWith("model file " + newest.toAbsolutePath() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("the older checkpoint checkpoint-000000001.srgan (iteration 1) reads fine: move "
                + "checkpoint-000000003.srgan out of"), e.getMessage());
        // with no readable older one the plain error stays
        Files.write(Checkpoints.fileFor(ckpt, 1), new byte[] {1, 2, 3});
        ModelFileException plain = assertThrows(ModelFileException.class, () -> Checkpoints.readForResume(newest));
        assertTrue(!plain.getMessage().contains("older checkpoint"), plain.getMessage());
    }
}
