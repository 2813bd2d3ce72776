package io.github.srgandl4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layout choice: the CPU flags it reads, its names, and the system property that overrides it. */
class DataLayoutTest {
    private static final String PROPERTY = "srgan.test.layout";

    @TempDir
    Path tmp;

    private Path cpuinfo(String flags) throws Exception {
        Path p = tmp.resolve("cpuinfo-" + flags.hashCode());
        Files.writeString(p, "processor\t: 0\nmodel name\t: test\nflags\t\t: " + flags + "\n\nprocessor\t: 1\nflags\t\t: fpu\n");
        return p;
    }

    @Test
    void avx512CoreNeedsAllFourFlagsOfTheFirstProcessor() throws Exception {
        assertTrue(DataLayout.hasAvx512Core(cpuinfo("fpu sse avx2 avx512f avx512dq avx512cd avx512bw avx512vl avx512_vnni")));
        assertFalse(DataLayout.hasAvx512Core(cpuinfo("fpu sse avx2 fma")), "AVX2 host");
        assertFalse(DataLayout.hasAvx512Core(cpuinfo("fpu avx512f avx512cd")), "AVX-512 without BW/VL/DQ (Knights Landing)");
        assertFalse(DataLayout.hasAvx512Core(tmp.resolve("absent")), "no file: NCHW");
    }

    @Test
    void axesAndFormats() {
        assertEquals(1, DataLayout.NCHW.channelAxis());
        assertEquals(3, DataLayout.NHWC.channelAxis());
        assertArrayEquals(new int[] {0, 2, 3}, DataLayout.NCHW.reductionAxes());
        assertArrayEquals(new int[] {0, 1, 2}, DataLayout.NHWC.reductionAxes());
        assertEquals("NCHW", DataLayout.NCHW.convFormat());
        assertEquals("NHWC", DataLayout.NHWC.convFormat());
    }

    @Test
    void thePropertyOverridesAndABadValueIsNamed() {
        try {
            System.setProperty(PROPERTY, "NHWC");
            assertEquals(DataLayout.NHWC, DataLayout.configured(PROPERTY, "the test layout"));
            System.setProperty(PROPERTY, "nchw");
            assertEquals(DataLayout.NCHW, DataLayout.configured(PROPERTY, "the test layout"));
            System.setProperty(PROPERTY, "auto");
            assertEquals(DataLayout.forThisHost(), DataLayout.configured(PROPERTY, "the test layout"));
            System.clearProperty(PROPERTY);
            assertEquals(DataLayout.forThisHost(), DataLayout.configured(PROPERTY, "the test layout"));
            System.setProperty(PROPERTY, "planar");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DataLayout.configured(PROPERTY, "the test layout"));
            assertTrue(e.getMessage().contains(PROPERTY) && e.getMessage().contains("'planar'")
                    && e.getMessage().contains("the test layout"), e.getMessage());
            assertEquals(DataLayout.NHWC, DataLayout.parse(" nhwc ", "x"));
            assertThrows(IllegalArgumentException.class, () -> DataLayout.parse(null, "x"));
        } finally {
            System.clearProperty(PROPERTY);
        }
    }
}
