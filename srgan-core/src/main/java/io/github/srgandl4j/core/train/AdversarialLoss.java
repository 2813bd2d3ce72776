package io.github.srgandl4j.core.train;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** The GAN losses, from discriminator logits (srgan-losses provides the paper's, in stable softplus form). */
public interface AdversarialLoss {
    /** The generator's loss on the logits of generated images, e.g. {@code mean(-log sigmoid(fake))}. */
    SDVariable generatorLoss(SameDiff sd, SDVariable fakeLogits);

    /**
     * Whether {@link #generatorLoss(SameDiff, SDVariable, SDVariable)} needs the logits of real images (a
     * relativistic loss does); the trainer then applies its constant copy of the discriminator to the HR batch too.
     */
    default boolean generatorNeedsRealLogits() {
        return false;
    }

    /**
     * The generator's loss given the logits of real images as well (constants for the generator); by default
     * {@link #generatorLoss(SameDiff, SDVariable)}, which ignores them.
     */
    default SDVariable generatorLoss(SameDiff sd, SDVariable realLogits, SDVariable fakeLogits) {
        return generatorLoss(sd, fakeLogits);
    }

    /** The discriminator's loss, e.g. binary cross-entropy with real = 1 and generated = 0. */
    SDVariable discriminatorLoss(SameDiff sd, SDVariable realLogits, SDVariable fakeLogits);

    /** A short description for logs and provenance. */
    String describe();
}
