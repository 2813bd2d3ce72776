package io.github.srgandl4j.core.train;

import io.github.srgandl4j.core.model.Discriminator;
import io.github.srgandl4j.core.model.DiscriminatorModel;
import io.github.srgandl4j.core.nn.BatchNorm;
import io.github.srgandl4j.core.nn.DataLayout;
import io.github.srgandl4j.core.nn.GraphContext;
import io.github.srgandl4j.core.nn.Phase;
import io.github.srgandl4j.core.nn.SpectralNorm;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The discriminator's training graph: the discriminator's trainable tensors are the only
 * variables; real and generated images are placeholders (generated images are computed by the
 * generator graph beforehand, so no gradient reaches the generator). The discriminator is applied
 * twice with shared weights and separate batch statistics (scopes {@code real/} and {@code fake/}),
 * like two PyTorch forward calls; both sets of moments update the running statistics in turn. A
 * discriminator without batch normalisation (every layer per sample) runs once on both batches
 * concatenated instead: the same logits and gradients with half the ops (scope {@code real_fake/}).
 */
final class DiscriminatorTrainingGraph extends TrainingGraph {
    static final String REAL = "real";
    static final String FAKE = "fake";
    static final String LOSS = "loss";

    private final DiscriminatorModel discriminator;
    private final List<String> bnLayers;
    private final List<String> snLayers;

    DiscriminatorTrainingGraph(DiscriminatorModel discriminator, AdversarialLoss loss, OptimizerConfig optimizer) {
        this(discriminator, loss, optimizer, DataLayout.NCHW);
    }

    /** @param layout the layout the discriminator runs in inside the graph ({@link DataLayout}; the same values) */
    DiscriminatorTrainingGraph(DiscriminatorModel discriminator, AdversarialLoss loss, OptimizerConfig optimizer,
            DataLayout layout) {
        this(discriminator, loss, optimizer, Discriminator.batchNormLayers(discriminator.config()).isEmpty(), layout);
    }

    /**
     * @param jointBatch run the discriminator once on the real and generated images concatenated along the batch
     *     (one pass, half the ops), which equals two passes only without batch normalisation (the default then);
     *     false: two passes with shared weights and separate batch statistics
     */
    DiscriminatorTrainingGraph(DiscriminatorModel discriminator, AdversarialLoss loss, OptimizerConfig optimizer,
            boolean jointBatch, DataLayout layout) {
        this.discriminator = discriminator;
        this.bnLayers = Discriminator.batchNormLayers(discriminator.config());
        this.snLayers = Discriminator.spectralNormLayers(discriminator.config());
        int s = discriminator.config().inputSize();
        SDVariable real = sd.placeHolder(REAL, DataType.FLOAT, -1, 3, s, s);
        SDVariable fake = sd.placeHolder(FAKE, DataType.FLOAT, -1, 3, s, s);
        GraphContext g = new GraphContext(sd, discriminator.parameters(), Phase.TRAIN, GraphContext.Binding.VARIABLES);
        SDVariable realLogits;
        SDVariable fakeLogits;
        if (jointBatch) {
            if (!bnLayers.isEmpty()) {
                throw new IllegalArgumentException("a discriminator with batch normalisation needs separate passes");
            }
            SDVariable both = sd.concat("real_fake", 0, real, fake);
            SDVariable logits = Discriminator.build(g.withScope("real_fake/"), discriminator.config(), both,
                    "real_fake/logit", layout);
            SDVariable[] parts = sd.split(new String[] {"real/logit", "fake/logit"}, logits, 2, 0);
            realLogits = parts[0];
            fakeLogits = parts[1];
        } else {
            realLogits = Discriminator.build(g.withScope("real/"), discriminator.config(), real, "real/logit", layout);
            fakeLogits = Discriminator.build(g.withScope("fake/"), discriminator.config(), fake, "fake/logit", layout);
        }
        // renamed, not wrapped in identity: M2.1's training session gets a null result for an identity loss
        SDVariable total = loss.discriminatorLoss(sd, realLogits, fakeLogits).rename(LOSS);
        Set<String> captured = new LinkedHashSet<>();
        captured.add(LOSS);
        for (String scope : new String[] {"real/", "fake/"}) {
            for (String bn : bnLayers) {
                captured.add(scope + BatchNorm.batchMeanName(bn));
                captured.add(scope + BatchNorm.batchVarName(bn));
            }
        }
        configure(total, captured, REAL, FAKE, optimizer);
    }

    /** One optimizer step on real and generated images; returns the loss. */
    double step(INDArray real, INDArray fake) {
        powerIteration();
        fit(real, fake);
        double loss = captured(LOSS).getDouble(0);
        // spatial size halves at every stride-2 convolution: bn1 follows conv1 (stride 2) and so on
        int size = discriminator.config().inputSize();
        for (String scope : new String[] {"real/", "fake/"}) {
            for (String bn : bnLayers) {
                int i = Integer.parseInt(bn.substring(2));
                long side = size >> ((i + 1) / 2);
                BatchNorm.updateRunningStatistics(discriminator.parameters(), bn,
                        captured(scope + BatchNorm.batchMeanName(bn)), captured(scope + BatchNorm.batchVarName(bn)),
                        real.size(0) * side * side, discriminator.config().bnMomentum());
            }
        }
        return loss;
    }

    /**
     * One power iteration of every spectrally normalised layer on its current weight (before the step, as
     * PyTorch's training-mode forward); the new vectors go into the graph's constants and the model's state.
     */
    private void powerIteration() {
        for (String layer : snLayers) {
            INDArray u = sd.getArrForVarName(SpectralNorm.uName(layer));
            INDArray v = sd.getArrForVarName(SpectralNorm.vName(layer));
            SpectralNorm.powerIteration(sd.getArrForVarName(layer + "/W"), u, v);
            discriminator.parameters().assign(SpectralNorm.uName(layer), u);
            discriminator.parameters().assign(SpectralNorm.vName(layer), v);
        }
    }

    void copyWeightsToModel() {
        copyTrainableTo(discriminator.parameters());
    }
}
