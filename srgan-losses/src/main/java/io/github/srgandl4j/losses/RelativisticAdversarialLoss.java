package io.github.srgandl4j.losses;

import io.github.srgandl4j.core.train.AdversarialLoss;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The relativistic average GAN losses of ESRGAN (Wang et al. 2018; Jolicoeur-Martineau 2018) from discriminator
 * logits, as the trainer's {@link AdversarialLoss}: the discriminator estimates whether a real image is more
 * realistic than the average generated one and vice versa, and the generator's loss uses the logits of both real
 * and generated images ({@link #generatorNeedsRealLogits()}). Formulas: {@link Losses#relativisticDiscriminator}
 * and {@link Losses#relativisticGenerator}. Losses are named {@value LogitAdversarialLoss#GENERATOR_NAME} and
 * {@value LogitAdversarialLoss#DISCRIMINATOR_NAME} (made unique in the graph).
 */
public record RelativisticAdversarialLoss() implements AdversarialLoss {
    @Override
    public boolean generatorNeedsRealLogits() {
        return true;
    }

    /** Refused: this loss needs the real images' logits too. */
    @Override
    public SDVariable generatorLoss(SameDiff sd, SDVariable fakeLogits) {
        throw new UnsupportedOperationException("the relativistic generator loss needs the real images' logits: "
                + "use generatorLoss(sd, realLogits, fakeLogits)");
    }

    @Override
    public SDVariable generatorLoss(SameDiff sd, SDVariable realLogits, SDVariable fakeLogits) {
        return Losses.relativisticGenerator(sd, Losses.uniqueName(sd, LogitAdversarialLoss.GENERATOR_NAME),
                realLogits, fakeLogits);
    }

    @Override
    public SDVariable discriminatorLoss(SameDiff sd, SDVariable realLogits, SDVariable fakeLogits) {
        return Losses.relativisticDiscriminator(sd, Losses.uniqueName(sd, LogitAdversarialLoss.DISCRIMINATOR_NAME),
                realLogits, fakeLogits);
    }

    @Override
    public String describe() {
        return "relativistic-average bce-from-logits (ESRGAN)";
    }
}
