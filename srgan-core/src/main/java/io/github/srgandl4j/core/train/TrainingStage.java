package io.github.srgandl4j.core.train;

/** The two stages of the paper's training. */
public enum TrainingStage {
    /** SRResNet: the generator alone, content loss only (the paper: MSE). */
    PRETRAIN,
    /** SRGAN: one discriminator step then one generator step per iteration, content + adversarial loss. */
    ADVERSARIAL
}
