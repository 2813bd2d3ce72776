package io.github.srgandl4j.core.train;

import io.github.srgandl4j.core.model.DiscriminatorModel;
import io.github.srgandl4j.core.model.SrResNetModel;
import java.util.Map;

/**
 * Everything needed to continue training exactly: the networks (weights and BN statistics), both
 * optimizers' state, the stage and the iteration (which also fixes the data order, since batch
 * {@code i} is a pure function of the batch source and {@code i}), and the settings it ran with.
 *
 * @param stage training stage
 * @param iteration iterations completed
 * @param generator the generator
 * @param discriminator the discriminator, or null in pretraining
 * @param generatorOptimizer Adam state of the generator ({@code variable/M}, {@code variable/V})
 * @param discriminatorOptimizer Adam state of the discriminator (empty in pretraining)
 * @param settings the trainer's settings, as JSON-compatible values (checked on resume)
 * @param generatorAverage the exponential moving average of the generator's tensors, or null when not kept
 */
public record TrainingState(TrainingStage stage, long iteration, SrResNetModel generator,
        DiscriminatorModel discriminator, Map<String, org.nd4j.linalg.api.ndarray.INDArray> generatorOptimizer,
        Map<String, org.nd4j.linalg.api.ndarray.INDArray> discriminatorOptimizer, Map<String, Object> settings,
        io.github.srgandl4j.core.nn.Parameters generatorAverage) {
    /** A state without a generator average. */
    public TrainingState(TrainingStage stage, long iteration, SrResNetModel generator, DiscriminatorModel discriminator,
            Map<String, org.nd4j.linalg.api.ndarray.INDArray> generatorOptimizer,
            Map<String, org.nd4j.linalg.api.ndarray.INDArray> discriminatorOptimizer, Map<String, Object> settings) {
        this(stage, iteration, generator, discriminator, generatorOptimizer, discriminatorOptimizer, settings, null);
    }
}
