package io.github.srgandl4j.losses.vgg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The layout choice: the system property that overrides it (the CPU flags: core's DataLayoutTest). */
class VggLayoutTest {
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
            assertTrue(e.getMessage().contains(VggLayout.PROPERTY) && e.getMessage().contains("'planar'")
                    && e.getMessage().contains("VGG19"), e.getMessage());
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
