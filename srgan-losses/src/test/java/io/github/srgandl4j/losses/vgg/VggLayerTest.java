package io.github.srgandl4j.losses.vgg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class VggLayerTest {
    @Test
    void parsesTheUsualForms() {
        for (String s : List.of("5,4", " 5 , 4 ", "phi_5,4", "5_4", "54", "vgg54", "block5_conv4", "BLOCK5_CONV4")) {
            assertEquals(new VggLayer(5, 4), VggLayer.parse(s), s);
        }
        assertEquals(new VggLayer(2, 2), VggLayer.parse("2,2"));
        assertEquals("phi_5,4", VggLayer.PHI_5_4.toString());
        assertEquals("block2_conv2", VggLayer.PHI_2_2.kerasName());
    }

    @Test
    void rejectsLayersVgg19DoesNotHave() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VggLayer.parse("2,3"));
        assertEquals("VGG19 block 2 has convolutions 1..2, got conv 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VggLayer.parse("6,1"));
        assertEquals("VGG19 has blocks 1..5, got block 6", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VggLayer.parse("relu5"));
        assertTrue(e.getMessage().startsWith("cannot parse VGG layer 'relu5'"), e.getMessage());
    }

    @Test
    void shapesAndOrderFollowVgg19() {
        List<VggLayer> all = VggLayer.all();
        assertEquals(16, all.size());
        assertEquals("block1_conv1,block1_conv2,block2_conv1,block2_conv2,block3_conv1,block3_conv2,block3_conv3,"
                        + "block3_conv4,block4_conv1,block4_conv2,block4_conv3,block4_conv4,block5_conv1,block5_conv2,"
                        + "block5_conv3,block5_conv4",
                all.stream().map(VggLayer::kerasName).collect(Collectors.joining(",")));
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i, all.get(i).index());
        }
        assertArrayEquals(new long[] {3, 3, 64, 128}, new VggLayer(2, 1).kernelShape());
        assertArrayEquals(new long[] {3, 3, 256, 512}, new VggLayer(4, 1).kernelShape());
        assertArrayEquals(new long[] {3, 3, 512, 512}, new VggLayer(5, 4).kernelShape());
        assertEquals(16, VggLayer.PHI_5_4.downsamplingFactor());
        assertEquals(List.of(new VggLayer(1, 1), new VggLayer(1, 2), new VggLayer(2, 1), new VggLayer(2, 2)),
                VggLayer.PHI_2_2.withPredecessors());
        // Keras reports 20,024,384 parameters for VGG19 with include_top=False
        long params = all.stream().mapToLong(l -> 9L * l.inputChannels() * l.outputChannels() + l.outputChannels()).sum();
        assertEquals(20_024_384L, params);
    }
}
