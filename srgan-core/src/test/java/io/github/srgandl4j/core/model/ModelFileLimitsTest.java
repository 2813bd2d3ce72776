package io.github.srgandl4j.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.nn.Parameters;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files that would give silent garbage or unbounded allocation: non-finite weights, headers that
 * do not match the tensors present, sizes beyond the documented bounds.
 */
class ModelFileLimitsTest {
    @TempDir
    Path dir;

    private static SrResNetModel small() {
        return SrResNetModel.initialise(SrResNetConfig.of(4, 2, 8), 1);
    }

    /** The archive of {@code m} with {@code key} of its configuration header set to {@code value}. */
    @SuppressWarnings("unchecked")
    private static ModelArchive withConfig(SrResNetModel m, String key, Object value) {
        ModelArchive a = m.toArchive();
        Map<String, Object> header = new LinkedHashMap<>(a.header());
        Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) header.get("config"));
        config.put(key, value);
        header.put("config", config);
        return new ModelArchive(a.kind(), header, a.parameters(), a.blobs());
    }

    @Test
    void nonFiniteWeightsAreRefusedNamingFileAndTensor() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
            SrResNetModel m = small();
            m.parameters().get("res1/conv2/W").putScalar(new long[] {1, 2, 3, 4}, bad);
            Path f = dir.resolve("nan-" + bad + ".srgan");
            m.save(f);
            ModelFileException e = assertThrows(ModelFileException.class, () -> Models.load(f));
            assertEquals(f.toAbsolutePath(), e.file());
            assertTrue(e.getMessage().contains("tensor 'res1/conv2/W' holds " + bad + " at index "), e.getMessage());
        }
    }

    @Test
    void aHeaderClaimingMoreBlocksThanItsTensorsFailsBeforeAllocating() {
        Path huge = dir.resolve("huge.srgan");
        ModelFiles.write(huge, withConfig(small(), "residualBlocks", 100_000));
        ModelFileException e = assertThrows(ModelFileException.class, () -> Models.load(huge));
        assertTrue(e.getMessage().contains("residualBlocks must be in 0..256, got 100000"), e.getMessage());

        Path more = dir.resolve("more.srgan");
        ModelFiles.write(more, withConfig(small(), "residualBlocks", 200));
        e = assertThrows(ModelFileException.class, () -> Models.load(more));
        assertTrue(e.getMessage().endsWith("the header says 200 residual blocks, the file holds tensors for 2"), e.getMessage());

        Path wide = dir.resolve("wide.srgan");
        ModelFiles.write(wide, withConfig(small(), "channels", 512));
        e = assertThrows(ModelFileException.class, () -> SrResNetModel.load(wide));
        assertTrue(e.getMessage().endsWith("tensor 'head/conv/W' has shape [9, 9, 3, 8], the configuration needs [9, 9, 3, 512]"),
                e.getMessage());

        Path x8 = dir.resolve("x8.srgan"); // x8 needs a third upsampling stage the tensors lack
        ModelFiles.write(x8, withConfig(small(), "scale", 8));
        e = assertThrows(ModelFileException.class, () -> SrResNetModel.load(x8));
        long needed = SrResNetConfig.of(8, 2, 8).parameterCount();
        long present = SrResNetConfig.of(4, 2, 8).parameterCount();
        assertTrue(e.getMessage().endsWith("needs " + needed + " trainable values, the file's tensors hold " + present),
                e.getMessage());
    }

    @Test
    void configurationBoundsAreEnforced() {
        IllegalArgumentException blocks = assertThrows(IllegalArgumentException.class, () -> SrResNetConfig.of(4, 257, 64));
        assertEquals("residualBlocks must be in 0..256, got 257", blocks.getMessage());
        IllegalArgumentException channels = assertThrows(IllegalArgumentException.class,
                () -> SrResNetConfig.of(4, 16, 100_000));
        assertEquals("channels must be in 1..512, got 100000", channels.getMessage());
        // each within bounds, together too large: 256 blocks of 512 channels, 1.2 billion parameters
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> SrResNetConfig.of(4, 256, 512));
        assertTrue(both.getMessage().endsWith("more than the limit of 100000000"), both.getMessage());
        assertEquals(1_550_659, SrResNetConfig.paper().parameterCount(), "the paper's generator is well inside");
        assertThrows(IllegalArgumentException.class, () -> DiscriminatorConfig.of(2048, 64));
        assertThrows(IllegalArgumentException.class, () -> DiscriminatorConfig.of(96, 100_000));
    }

    @Test
    void aDiscriminatorHeaderNotMatchingItsTensorsIsRefused() {
        DiscriminatorModel d = DiscriminatorModel.initialise(DiscriminatorConfig.of(16, 4), 2);
        ModelArchive a = d.toArchive();
        Map<String, Object> header = new LinkedHashMap<>(a.header());
        @SuppressWarnings("unchecked")
        Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) header.get("config"));
        config.put("denseUnits", 16384);
        header.put("config", config);
        Path f = dir.resolve("d.srgan");
        ModelFiles.write(f, new ModelArchive(a.kind(), header, a.parameters(), a.blobs()));
        ModelFileException e = assertThrows(ModelFileException.class, () -> DiscriminatorModel.load(f));
        assertTrue(e.getMessage().contains("trainable values, the file's tensors hold " + d.config().parameterCount()),
                e.getMessage());
        Parameters none = new Parameters();
        assertThrows(IllegalArgumentException.class, () -> new DiscriminatorModel(d.config(), none, d.provenance()));
    }
}
