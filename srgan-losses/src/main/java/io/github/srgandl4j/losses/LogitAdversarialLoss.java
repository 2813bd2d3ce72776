package io.github.srgandl4j.losses;

import io.github.srgandl4j.core.train.AdversarialLoss;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The paper's adversarial losses from discriminator logits, in the stable softplus form, as the trainer's
 * {@link AdversarialLoss}: generator {@code mean(softplus(-fake))} = {@code mean(-log D(G(I_LR)))} (Ledig et al.
 * 2017, eq. 6), discriminator {@code mean(softplus(-real)) + mean(softplus(fake))} (binary cross-entropy, eq. 2).
 * See {@link Losses#generatorAdversarial} and {@link Losses#discriminator}. The losses are named
 * {@value #GENERATOR_NAME} and {@value #DISCRIMINATOR_NAME} (made unique in the graph).
 */
public record LogitAdversarialLoss() implements AdversarialLoss {
    /** Name of the generator's adversarial loss in its graph. */
    public static final String GENERATOR_NAME = "adversarial_loss";
    /** Name of the discriminator's loss in its graph. */
    public static final String DISCRIMINATOR_NAME = "discriminator_loss";

    @Override
    public SDVariable generatorLoss(SameDiff sd, SDVariable fakeLogits) {
        return Losses.generatorAdversarial(sd, Losses.uniqueName(sd, GENERATOR_NAME), fakeLogits);
    }

    @Override
    public SDVariable discriminatorLoss(SameDiff sd, SDVariable realLogits, SDVariable fakeLogits) {
        return Losses.discriminator(sd, Losses.uniqueName(sd, DISCRIMINATOR_NAME), realLogits, fakeLogits);
    }

    @Override
    public String describe() {
        return "bce-from-logits (stable softplus)";
    }
}
