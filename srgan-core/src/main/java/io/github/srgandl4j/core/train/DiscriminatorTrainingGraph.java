package io.github.srgandl4j.core.train;

import io.github.srgandl4j.core.model.Discriminator;
import io.github.srgandl4j.core.model.DiscriminatorModel;
import io.github.srgandl4j.core.nn.BatchNorm;
import io.github.srgandl4j.core.nn.GraphContext;
import io.github.srgandl4j.core.nn.Parameters;
import io.github.srgandl4j.core.nn.Phase;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/**
 * The discriminator's training graph: the discriminator's trainable tensors are the only
 * variables; real and generated images are placeholders (generated images are computed by the
 * generator graph beforehand, so no gradient reaches the generator). The discriminator is applied
 * twice with shared weights and separate batch statistics (scopes {@code real/} and {@code fake/}),
 * like two PyTorch forward calls; both sets of moments update the running statistics in turn.
 */
final class DiscriminatorTrainingGraph {
    static final String REAL = "real";
    static final String FAKE = "fake";
    static final String LOSS = "loss";

    private final SameDiff sd = SameDiff.create();
    private final DiscriminatorModel discriminator;
    private final List<String> bnLayers = Discriminator.batchNormLayers();
    private final ActivationCapture capture;

    DiscriminatorTrainingGraph(DiscriminatorModel discriminator, AdversarialLoss loss, OptimizerConfig optimizer) {
        this.discriminator = discriminator;
        int s = discriminator.config().inputSize();
        SDVariable real = sd.placeHolder(REAL, DataType.FLOAT, -1, 3, s, s);
        SDVariable fake = sd.placeHolder(FAKE, DataType.FLOAT, -1, 3, s, s);
        GraphContext g = new GraphContext(sd, discriminator.parameters(), Phase.TRAIN, GraphContext.Binding.VARIABLES);
        SDVariable realLogits = Discriminator.build(g.withScope("real/"), discriminator.config(), real, "real/logit");
        SDVariable fakeLogits = Discriminator.build(g.withScope("fake/"), discriminator.config(), fake, "fake/logit");
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
        sd.setLossVariables(total);
        capture = new ActivationCapture();
        TrainingConfig.Builder tc = TrainingConfig.builder();
        capture.register(tc, captured, 0);
        sd.setTrainingConfig(tc
                .updater(optimizer.toUpdater())
                .dataSetFeatureMapping(REAL)
                .dataSetLabelMapping(FAKE)
                .build());
        sd.setListeners(capture);
        GradientFunctions.create(sd);
    }

    void setIteration(long iteration) {
        sd.getTrainingConfig().setIterationCount(Math.toIntExact(iteration));
    }

    void restoreOptimizerState(Map<String, INDArray> state) {
        OptimizerState.restore(sd, state);
    }

    Map<String, INDArray> optimizerState() {
        return OptimizerState.snapshot(sd);
    }

    /** One optimizer step on real and generated images; returns the loss. */
    double step(INDArray real, INDArray fake) {
        sd.fit(new MultiDataSet(new INDArray[] {real}, new INDArray[] {fake}));
        double loss = capture.get(LOSS).getDouble(0);
        // spatial size halves at every stride-2 convolution: bn1 follows conv1 (stride 2) and so on
        int size = discriminator.config().inputSize();
        for (String scope : new String[] {"real/", "fake/"}) {
            for (int i = 1; i < 8; i++) {
                long side = size >> ((i + 1) / 2);
                String bn = "bn" + i;
                BatchNorm.updateRunningStatistics(discriminator.parameters(), bn,
                        capture.get(scope + BatchNorm.batchMeanName(bn)), capture.get(scope + BatchNorm.batchVarName(bn)),
                        real.size(0) * side * side, discriminator.config().bnMomentum());
            }
        }
        return loss;
    }

    void copyWeightsToModel() {
        Parameters p = discriminator.parameters();
        for (String n : p.names(Parameters.Role.TRAINABLE)) {
            p.assign(n, sd.getArrForVarName(n));
        }
    }
}
