package io.github.srgandl4j.losses.vgg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layout choice: the CPU flags it reads, and the system property that overrides it. */
class VggLayoutTest {
    @TempDir
    Path tmp;

    private Path cpuinfo(String flags) throws Exception {
        Path p = tmp.resolve("cpuinfo-" + flags.hashCode());
        Files.writeString(p, "processor\t: 0\nmodel name\t: test\nflags\t\t: " + flags + "\n\nprocessor\t: 1\nflags\t\t: fpu\n");
        return p;
    }

    @Test
    void avx512CoreNeedsAllFourFlagsOfTheFirstProcessor() throws Exception {
        assertTrue(VggLayout.hasAvx512Core(cpuinfo("fpu sse avx2 avx512f avx512dq avx512cd avx512bw avx512vl avx512_vnni")));
        assertFalse(VggLayout.hasAvx512Core(cpuinfo("fpu sse avx2 fma")), "AVX2 host");
        assertFalse(VggLayout.hasAvx512Core(cpuinfo("fpu avx512f avx512cd")), "AVX-512 without BW/VL/DQ (Knights Landing)");
        assertFalse(VggLayout.hasAvx512Core(tmp.resolve("absent")), "no file: NCHW");
    }

    @Test
    void thePropertyOverridesAndABadValueIsNamed() {
        String old = System.getProperty(VggLayout.PROPERTY);
        try {
            System.setProperty(VggLayout.PROPERTY, "NHWC");
            assertEquals(VggLayout.NHWC, VggLayout.configured());
            System.setProperty(VggLayout.PROPERTY, "nchw");
            assertEquals(VggLayout.NCHW, VggLayout.configured());
            System.setProperty(VggLayout.PROPERTY, "auto");
            assertEquals(VggLayout.forThisHost(), VggLayout.configured());
            System.setProperty(VggLayout.PROPERTY, "planar");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, VggLayout::configured);
            assertTrue(e.getMessage().contains(VggLayout.PROPERTY) && e.getMessage().contains("'planar'"), e.getMessage());
            assertEquals(VggLayout.NHWC, VggLayout.parse(" nhwc "));
            assertThrows(IllegalArgumentException.class, () -> VggLayout.parse(null));
        } finally {
            if (old == null) {
                System.clearProperty(VggLayout.PROPERTY);
            } else {
                System.setProperty(VggLayout.PROPERTY, old);
            }
        }
    }
}
