package io.github.srgandl4j.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.model.DiscriminatorConfig;
import io.github.srgandl4j.core.model.Models;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.losses.Distance;
import io.github.srgandl4j.losses.vgg.VggLayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The {@code train-campaign} recipe against its source, the campaign's script {@code training/srgan-x4-b8c64-rb.sh}
 * (its flags and their defaults, read from the script's text) and the bundled SRResNet it fine-tunes.
 */
class CampaignRecipeTest {
    private static final Path SCRIPT = Path.of("../training/srgan-x4-b8c64-rb.sh");

    @Test
    void theRecipeIsTheScriptsDefaults() throws Exception {
        String s = Files.readString(SCRIPT);
        CampaignRecipe r = CampaignRecipe.srganX4B8c64Rb();
        assertEquals(Integer.parseInt(flag(s, "--batch")), r.batch());
        assertEquals(Integer.parseInt(flag(s, "--crop")), r.crop());
        assertEquals(VggLayer.parse(flag(s, "--vgg-layer")), r.vggLayer());
        assertTrue(s.contains("--vgg-before-activation"), "the script compares features before the ReLU");
        assertTrue(r.vggBeforeActivation());
        assertEquals(Double.parseDouble(flag(s, "--vgg-scale")), r.vggScale());
        assertEquals(Distance.parse(flag(s, "--vgg-distance")), r.vggDistance());
        assertEquals(Double.parseDouble(flag(s, "--pixel-weight")), r.pixelWeight());
        assertEquals(Distance.parse(flag(s, "--pixel-loss")), r.pixelDistance());
        assertEquals("relativistic", flag(s, "--gan-loss"));
        assertEquals(Double.parseDouble(flag(s, "--adversarial-weight")), r.adversarialWeight());
        assertEquals(Double.parseDouble(flag(s, "--ema")), r.emaDecay());
        assertEquals(Double.parseDouble(flag(s, "--lr")), r.learningRate());
        assertEquals(Double.parseDouble(flag(s, "--adam-beta2")), r.beta2());
        assertEquals(io.github.srgandl4j.core.train.StepOrder.parse(flag(s, "--step-order")), r.stepOrder());
        assertEquals(0.9, r.optimizer().beta1());
        assertEquals(0.99, r.optimizer().beta2());
        assertEquals(1e-4, r.optimizer().learningRate());

        DiscriminatorConfig d = r.discriminator();
        assertEquals("spectral", flag(s, "--discriminator-norm"));
        assertEquals("gap", flag(s, "--discriminator-head"));
        assertEquals(Integer.parseInt(flag(s, "--discriminator-channels")), d.baseChannels());
        assertEquals(r.crop(), d.inputSize());
        assertFalse(d.batchNorm());
        assertTrue(d.spectralNorm());
        assertEquals(DiscriminatorConfig.Head.GLOBAL_AVERAGE, d.head());
        // hand count: 8 convolutions (32, 32, 64, 64, 128, 128, 256, 256 channels) with biases, dense 256 -> 1024 -> 1
        assertEquals(1_172_256L + 263_168L + 1_025L, d.parameterCount());
    }

    @Test
    void theGeneratorIsTheBundledSrResNetsShape() {
        // the script fine-tunes a pretrained SRResNet of the bundled model's shape (b8c64 in the script's name)
        try (SuperResolutionModel m = Models.load("srresnet")) {
            assertEquals(((SrResNetModel) m).config(), CampaignRecipe.srganX4B8c64Rb().generator());
        }
        assertEquals(8, CampaignRecipe.srganX4B8c64Rb().generator().residualBlocks());
        assertEquals(64, CampaignRecipe.srganX4B8c64Rb().generator().channels());
    }

    @Test
    void withShapeChangesOnlyBatchAndCrop() {
        CampaignRecipe r = CampaignRecipe.srganX4B8c64Rb();
        CampaignRecipe small = r.withShape(2, 16);
        assertEquals(2, small.batch());
        assertEquals(16, small.crop());
        assertEquals(16, small.discriminator().inputSize());
        assertEquals(r, small.withShape(8, 64));
        assertThrows(IllegalArgumentException.class, () -> r.withShape(2, 24));
        assertThrows(IllegalArgumentException.class, () -> r.withShape(0, 64));
    }

    /** The default the script gives {@code name} ({@code name "${VAR:-value}"}) or its literal value ({@code name value}). */
    private static String flag(String script, String name) {
        Matcher m = Pattern.compile(Pattern.quote(name) + "\\s+(?:\"\\$\\{\\w+:-([^}]+)}\"|([^\\s\"\\\\]+))").matcher(script);
        assertTrue(m.find(), name + " not in " + SCRIPT);
        return m.group(1) != null ? m.group(1) : m.group(2);
    }
}
