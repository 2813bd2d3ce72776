package io.github.srgandl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The presets against the paper's settings, written out by hand from Ledig et al. (2017): section 3.2 (x4, 16
 * blocks of 64 channels, batch 16, 96x96 crops, Adam 1e-4; SRResNets 10^6 iterations; SRGANs 10^5 iterations at
 * 1e-4 and 10^5 at 1e-5, adversarial weight 1e-3) and section 3.4 / Table 1 (the content losses).
 */
class TrainPresetTest {
    private static Map<String, String> common(String stage, String content) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("--stage", stage);
        m.put("--content", content);
        return m;
    }

    private static Map<String, String> tail(Map<String, String> m, String steps, String decayAt) {
        m.put("--scale", "4");
        m.put("--blocks", "16");
        m.put("--channels", "64");
        m.put("--batch", "16");
        m.put("--crop", "96");
        m.put("--lr", "1e-4");
        m.put("--steps", steps);
        if (decayAt != null) {
            m.put("--lr-decay-at", decayAt);
        }
        return m;
    }

    @Test
    void everyPresetHasThePapersSettings() {
        Map<String, String> srresnetMse = tail(common("pretrain", "mse"), "1000000", null);
        Map<String, String> srresnetVgg22 = common("pretrain", "vgg");
        srresnetVgg22.put("--vgg-layer", "2,2");
        tail(srresnetVgg22, "1000000", null);
        Map<String, String> srganMse = common("adversarial", "mse");
        srganMse.put("--adversarial-weight", "1e-3");
        tail(srganMse, "200000", "100000");
        Map<String, String> srganVgg22 = common("adversarial", "vgg");
        srganVgg22.put("--vgg-layer", "2,2");
        srganVgg22.put("--adversarial-weight", "1e-3");
        tail(srganVgg22, "200000", "100000");
        Map<String, String> srganVgg54 = common("adversarial", "vgg");
        srganVgg54.put("--vgg-layer", "5,4");
        srganVgg54.put("--adversarial-weight", "1e-3");
        tail(srganVgg54, "200000", "100000");

        assertEquals(srresnetMse, TrainPreset.parse("srresnet-mse").flags());
        assertEquals(srresnetVgg22, TrainPreset.parse("srresnet-vgg22").flags());
        assertEquals(srganMse, TrainPreset.parse("srgan-mse").flags());
        assertEquals(srganVgg22, TrainPreset.parse("srgan-vgg22").flags());
        assertEquals(srganVgg54, TrainPreset.parse("SRGAN-VGG54").flags());
        assertTrue(TrainPreset.SRGAN_VGG54.needsBlock5());
        assertFalse(TrainPreset.SRGAN_VGG22.needsBlock5());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainPreset.parse("srgan"));
        assertEquals("--preset must be one of srresnet-mse, srresnet-vgg22, srgan-mse, srgan-vgg22, srgan-vgg54, got 'srgan'",
                e.getMessage());
    }
}
