package io.github.srgandl4j.core.train;

/**
 * What one training iteration measured.
 *
 * @param iteration 0-based iteration just finished (counted over the stage)
 * @param generatorLoss total generator loss
 * @param contentLoss content part of it
 * @param adversarialLoss adversarial part (unweighted; NaN in pretraining)
 * @param discriminatorLoss discriminator loss (NaN in pretraining)
 * @param learningRate generator learning rate used
 * @param seconds wall time of the iteration, data loading included
 */
public record IterationStats(long iteration, double generatorLoss, double contentLoss, double adversarialLoss,
        double discriminatorLoss, double learningRate, double seconds) {}
