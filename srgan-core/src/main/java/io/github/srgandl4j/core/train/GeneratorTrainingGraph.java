package io.github.srgandl4j.core.train;

import io.github.srgandl4j.core.model.Discriminator;
import io.github.srgandl4j.core.model.DiscriminatorModel;
import io.github.srgandl4j.core.model.SrResNet;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.nn.BatchNorm;
import io.github.srgandl4j.core.nn.DataLayout;
import io.github.srgandl4j.core.nn.GraphContext;
import io.github.srgandl4j.core.nn.Parameters;
import io.github.srgandl4j.core.nn.Phase;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The generator's training graph: the generator's trainable tensors are the only SameDiff
 * variables; the content loss's extras (VGG) and, in the adversarial stage, the discriminator are
 * constants, so {@code fit()} updates the generator alone and keeps Adam's state across steps. The
 * discriminator's constants are the discriminator model's own arrays (not a copy: the paper's
 * discriminator has 19 M weights), which the trainer updates from the discriminator's graph before
 * each generator step ({@link #syncDiscriminator} copies only where SameDiff made a copy).
 *
 * <p>Loss: {@code content + adversarialWeight * adversarial(D(G(lr)))}; the discriminator copy
 * runs in training mode (batch statistics), as PyTorch's discriminator does during the generator
 * step. Running BN statistics of the generator are updated from the moments captured in the step.
 */
final class GeneratorTrainingGraph extends TrainingGraph {
    static final String LR = "lr";
    static final String HR = "hr";
    static final String SR = "sr";
    static final String LOSS = "loss";
    static final String CONTENT = "loss_content";
    static final String ADVERSARIAL = "loss_adversarial";
    private static final String D_PREFIX = "D/";
    private static final String D_REAL_SCOPE = "D/real/";

    private final SrResNetModel generator;
    private final List<String> bnLayers;
    private final boolean adversarial;
    private final double adversarialWeight;
    private final boolean captureOutput;
    /** Names of the discriminator copy's constants (the deferred inputs of a split step), found at first use. */
    private Set<String> discriminatorCopy;

    /**
     * @param captureOutput keep a copy of each step's generator output ({@link #lastOutput()}), for a discriminator
     *     step after the generator's (generator-first order)
     */
    GeneratorTrainingGraph(SrResNetModel generator, ContentLoss content, AdversarialLoss adversarialLoss,
            double adversarialWeight, DiscriminatorModel discriminator, OptimizerConfig optimizer, boolean captureOutput) {
        this(generator, content, adversarialLoss, adversarialWeight, discriminator, optimizer, captureOutput,
                DataLayout.NCHW);
    }

    /** @param discriminatorLayout the layout the discriminator copy runs in ({@link DataLayout}; the same values) */
    GeneratorTrainingGraph(SrResNetModel generator, ContentLoss content, AdversarialLoss adversarialLoss,
            double adversarialWeight, DiscriminatorModel discriminator, OptimizerConfig optimizer, boolean captureOutput,
            DataLayout discriminatorLayout) {
        this.generator = generator;
        this.adversarial = adversarialLoss != null;
        this.adversarialWeight = adversarialWeight;
        this.captureOutput = captureOutput;
        this.bnLayers = SrResNet.batchNormLayers(generator.config());
        SDVariable lr = sd.placeHolder(LR, DataType.FLOAT, -1, 3, -1, -1);
        SDVariable hr = sd.placeHolder(HR, DataType.FLOAT, -1, 3, -1, -1);
        GraphContext g = new GraphContext(sd, generator.parameters(), Phase.TRAIN, GraphContext.Binding.VARIABLES);
        SDVariable sr = SrResNet.build(g, generator.config(), lr, SR);
        // losses are renamed, not wrapped in identity: M2.1's training session gets a null result for an identity loss
        SDVariable contentLoss = content.define(sd, sr, hr).rename(CONTENT);
        SDVariable total;
        Set<String> captured = new LinkedHashSet<>();
        captured.add(CONTENT);
        if (adversarial) {
            GraphContext d = new GraphContext(sd, discriminator.parameters(), Phase.TRAIN,
                    GraphContext.Binding.SHARED_CONSTANTS, D_PREFIX, D_PREFIX);
            SDVariable fakeLogits = Discriminator.build(d, discriminator.config(), sr, D_PREFIX + "logit",
                    discriminatorLayout);
            SDVariable adv;
            if (adversarialLoss.generatorNeedsRealLogits()) {
                // a relativistic loss: the same constant discriminator on the HR batch (own scope and batch statistics)
                SDVariable realLogits = Discriminator.build(d.withScope(D_REAL_SCOPE), discriminator.config(), hr,
                        D_REAL_SCOPE + "logit", discriminatorLayout);
                adv = adversarialLoss.generatorLoss(sd, realLogits, fakeLogits).rename(ADVERSARIAL);
            } else {
                adv = adversarialLoss.generatorLoss(sd, fakeLogits).rename(ADVERSARIAL);
            }
            total = contentLoss.add(LOSS, adv.mul(adversarialWeight));
            captured.add(ADVERSARIAL);
        } else {
            total = contentLoss;
        }
        if (captureOutput) {
            captured.add(SR);
        }
        for (String bn : bnLayers) {
            captured.add(BatchNorm.batchMeanName(bn));
            captured.add(BatchNorm.batchVarName(bn));
        }
        configure(total, captured, LR, HR, optimizer);
    }

    /**
     * Makes the graph's discriminator constants equal the discriminator's current trainable tensors and the state the
     * graph uses (spectral-norm vectors; BN runs on batch statistics here): nothing to do for those it shares, a copy
     * for any SameDiff copied (it copies views).
     */
    void syncDiscriminator(Parameters discriminator) {
        for (String n : discriminator.names()) {
            INDArray target = sd.getArrForVarName(D_PREFIX + n);
            INDArray source = discriminator.get(n);
            if (target != null && target != source) {
                target.assign(source);
            }
        }
    }

    /** Number of the discriminator's tensors this graph reads in place (shared, not copied) from {@code discriminator}. */
    int sharedDiscriminatorTensors(Parameters discriminator) {
        int shared = 0;
        for (String n : discriminator.names()) {
            shared += sd.getArrForVarName(D_PREFIX + n) == discriminator.get(n) ? 1 : 0;
        }
        return shared;
    }

    /** The generator's output for {@code lr} in training mode (batch statistics), without updating anything. */
    INDArray generate(INDArray lr) {
        return output(Map.of(LR, lr), SR).get(SR);
    }

    /**
     * The generator's output computed in the last step (before that step's update, in training mode), as a
     * discriminator step after the generator's uses it; valid until the next step. Needs {@code captureOutput}.
     */
    INDArray lastOutput() {
        if (!captureOutput) {
            throw new IllegalStateException("this generator graph does not keep its output (captureOutput false)");
        }
        return captured(SR);
    }

    /** One optimizer step; returns {total, content, adversarial (NaN if none)}. */
    double[] step(INDArray lr, INDArray hr) {
        fit(lr, hr);
        return afterStep(lr);
    }

    /**
     * One optimizer step in the paper's order with one generator forward pass (compiled executor only):
     * {@code onFakes} receives the generator's output for {@code lr} (training mode, before this step's update;
     * valid during the call) before anything reads the discriminator copy, so it may take the discriminator's
     * step and {@link #syncDiscriminator} its new weights, which the rest of this step then uses.
     */
    double[] step(INDArray lr, INDArray hr, java.util.function.Consumer<INDArray> onFakes) {
        if (discriminatorCopy == null) {
            discriminatorCopy = new LinkedHashSet<>();
            for (org.nd4j.autodiff.samediff.SDVariable v : sd.variables()) {
                if (v.isConstant() && v.name().startsWith(D_PREFIX)) {
                    discriminatorCopy.add(v.name());
                }
            }
        }
        fitSplit(lr, hr, SR, discriminatorCopy, onFakes);
        return afterStep(lr);
    }

    private double[] afterStep(INDArray lr) {
        double content = captured(CONTENT).getDouble(0);
        double adv = adversarial ? captured(ADVERSARIAL).getDouble(0) : Double.NaN;
        long valuesPerChannel = lr.size(0) * lr.size(2) * lr.size(3);
        for (String bn : bnLayers) {
            BatchNorm.updateRunningStatistics(generator.parameters(), bn, captured(BatchNorm.batchMeanName(bn)),
                    captured(BatchNorm.batchVarName(bn)), valuesPerChannel, generator.config().bnMomentum());
        }
        return new double[] {adversarial ? content + adversarialWeight * adv : content, content, adv};
    }

    /** Copies the trained tensors back into the generator's parameters. */
    void copyWeightsToModel() {
        copyTrainableTo(generator.parameters());
        generator.invalidate();
    }
}
