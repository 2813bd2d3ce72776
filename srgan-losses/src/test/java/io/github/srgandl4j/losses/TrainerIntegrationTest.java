package io.github.srgandl4j.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.model.Discriminator;
import io.github.srgandl4j.core.model.DiscriminatorConfig;
import io.github.srgandl4j.core.model.DiscriminatorModel;
import io.github.srgandl4j.core.model.SrResNet;
import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.nn.GraphContext;
import io.github.srgandl4j.core.nn.Parameters;
import io.github.srgandl4j.core.nn.Phase;
import io.github.srgandl4j.core.train.Batch;
import io.github.srgandl4j.core.train.BatchSource;
import io.github.srgandl4j.core.train.IterationStats;
import io.github.srgandl4j.core.train.OptimizerConfig;
import io.github.srgandl4j.core.train.SrganTrainer;
import io.github.srgandl4j.core.train.TrainingListener;
import io.github.srgandl4j.core.train.TrainingStage;
import io.github.srgandl4j.losses.vgg.ReferenceData;
import io.github.srgandl4j.losses.vgg.Vgg19FeatureExtractor;
import io.github.srgandl4j.losses.vgg.Vgg19Weights;
import io.github.srgandl4j.losses.vgg.VggLayer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * This module's losses plugged into core's {@link SrganTrainer} (adversarial stage, VGG phi_2,2 content loss,
 * logit adversarial loss): the first step's content, adversarial and total generator losses equal those computed
 * outside the trainer, training runs with finite losses, moves the generator and leaves the VGG19 weights
 * bit-for-bit unchanged.
 */
class TrainerIntegrationTest {

    /** Batches of the 32x32 reference crop (and its colour negative), LR by 4x4 box averaging into [0, 1]. */
    private static final class CropBatches implements BatchSource {
        private final INDArray hr;
        private final INDArray lr;

        CropBatches() throws Exception {
            INDArray crop = ReferenceData.cropMinus1To1();
            INDArray inverted = crop.neg();
            hr = Nd4j.concat(0, crop, inverted);
            INDArray zeroOne = hr.add(1).div(2).reshape(2, 3, 8, 4, 8, 4);
            lr = zeroOne.mean(3, 5).reshape(2, 3, 8, 8);
        }

        @Override
        public Batch batch(long index) {
            return new Batch(lr.dup(), hr.dup());
        }

        @Override
        public int batchSize() {
            return 2;
        }

        @Override
        public int hrCropSize() {
            return 32;
        }

        @Override
        public int scale() {
            return 4;
        }

        @Override
        public String describe() {
            return "Set5 baby 32x32 reference crop";
        }

        @Override
        public void close() {}
    }

    /** The output "out" of a one-input graph built by {@code build} (input placeholder "in"). */
    private static INDArray forward(java.util.function.Consumer<SameDiff> build, INDArray input) {
        SameDiff sd = SameDiff.create();
        build.accept(sd);
        return sd.output(Map.of("in", input), "out").get("out");
    }

    @Test
    void adversarialTrainingWithVggContentLossMovesOnlyTheGenerator() throws Exception {
        Vgg19Weights vgg = Vgg19Weights.load(ReferenceData.weightsOnly(), VggLayer.PHI_2_2);
        Map<VggLayer, float[]> vggBefore = new HashMap<>();
        for (VggLayer l : vgg.layers()) {
            vggBefore.put(l, vgg.get(l).kernel().dup().data().asFloat());
        }
        SrResNetModel generator = SrResNetModel.initialise(SrResNetConfig.of(4, 1, 8), 7);
        Parameters generatorAtStart = generator.parameters().copy();
        CropBatches batches = new CropBatches();
        float[] genBefore = generator.parameters().get(generator.parameters().names().iterator().next())
                .dup().data().asFloat();
        List<IterationStats> stats = new ArrayList<>();
        NamedContentLoss content = NamedContentLoss.create(ContentLossSpec.vgg(VggLayer.PHI_2_2), VggContentLoss.PAPER_FEATURE_SCALE, vgg);
        SrganTrainer trainer = SrganTrainer.builder()
                .setStage(TrainingStage.ADVERSARIAL)
                .setGenerator(generator)
                .setBatchSource(batches)
                .setContentLoss(content)
                .optDiscriminator(DiscriminatorModel.initialise(DiscriminatorConfig.of(32, 4), 8))
                .optAdversarialLoss(new LogitAdversarialLoss())
                .optAdversarialWeight(1e-3)
                .optGeneratorOptimizer(OptimizerConfig.adam(1e-3))
                .optDiscriminatorOptimizer(OptimizerConfig.adam(1e-3))
                .addListener(new TrainingListener() {
                    @Override
                    public void iterationDone(IterationStats s, long total) {
                        stats.add(s);
                    }
                })
                .build();
        trainer.train(1);
        // the first generator step's losses, computed here outside the trainer's graph: the starting generator's
        // output (BN on batch statistics, as in training), the discriminator after its first step (it steps
        // before the generator), VGG features by the extractor, then the paper's formulas by hand
        Batch batch = batches.batch(0);
        INDArray sr = forward(sd -> SrResNet.build(new GraphContext(sd, generatorAtStart, Phase.TRAIN,
                GraphContext.Binding.CONSTANTS), generator.config(), sd.placeHolder("in", DataType.FLOAT, 2, 3, 8, 8), "out"),
                batch.lr());
        DiscriminatorModel d1 = trainer.discriminator();
        INDArray logits = forward(sd -> Discriminator.build(new GraphContext(sd, d1.parameters(), Phase.TRAIN,
                GraphContext.Binding.CONSTANTS), d1.config(), sd.placeHolder("in", DataType.FLOAT, 2, 3, 32, 32), "out"), sr);
        Vgg19FeatureExtractor extractor = new Vgg19FeatureExtractor(vgg, VggLayer.PHI_2_2);
        INDArray diff = extractor.features(sr).sub(extractor.features(batch.hr())).muli(VggContentLoss.PAPER_FEATURE_SCALE);
        double expectedContent = diff.mul(diff).meanNumber().doubleValue();
        double adversarial = 0;
        for (double z : logits.dup().data().asDouble()) {
            adversarial += Math.log1p(Math.exp(-z)) / logits.length(); // softplus(-z) = -log sigmoid(z)
        }
        IterationStats first = stats.get(0);
        assertEquals(expectedContent, first.contentLoss(), 1e-4 * expectedContent, first.toString());
        assertEquals(adversarial, first.adversarialLoss(), 1e-4 * adversarial, first.toString());
        assertEquals(expectedContent + 1e-3 * adversarial, first.generatorLoss(), 1e-4 * expectedContent, first.toString());
        trainer.train(3);

        assertEquals(3, stats.size());
        for (IterationStats s : stats) {
            assertTrue(Double.isFinite(s.generatorLoss()) && Double.isFinite(s.discriminatorLoss()), s.toString());
        }
        float[] genAfter = trainer.generator().parameters().get(trainer.generator().parameters().names().iterator().next())
                .dup().data().asFloat();
        assertFalse(java.util.Arrays.equals(genBefore, genAfter), "the generator did not train");
        for (VggLayer l : vgg.layers()) {
            assertArrayEquals(vggBefore.get(l), vgg.get(l).kernel().dup().data().asFloat(), 0f, l.kerasName() + " changed");
        }
        // the same extractor still gives the Keras reference features
        INDArray f = new Vgg19FeatureExtractor(vgg, VggLayer.PHI_2_2).features(ReferenceData.cropMinus1To1());
        double maxDiff = org.nd4j.linalg.ops.transforms.Transforms.abs(f.sub(ReferenceData.referenceFeaturesNchw()))
                .maxNumber().doubleValue();
        assertTrue(maxDiff < 0.01, "features drifted by " + maxDiff);
    }

    /**
     * VGG19 channels-last inside the compiled training step (its pools and their gradients as the JVM kernels, its
     * frozen convolutions' input gradients as rotated-kernel convolutions, all NHWC) trains the generator as the NCHW
     * graph does: the same losses and weights after two iterations (to the bit where oneDNN runs one kernel for both
     * layouts, as on AVX-512 hosts; within float rounding elsewhere).
     */
    @Test
    void channelsLastVggTrainsAsTheNchwGraph() throws Exception {
        Vgg19Weights vgg = Vgg19Weights.load(ReferenceData.weightsOnly(), VggLayer.PHI_2_2);
        Parameters[] after = new Parameters[2];
        List<List<IterationStats>> stats = new ArrayList<>();
        io.github.srgandl4j.losses.vgg.VggLayout[] layouts = {io.github.srgandl4j.losses.vgg.VggLayout.NCHW,
                io.github.srgandl4j.losses.vgg.VggLayout.NHWC};
        for (int k = 0; k < 2; k++) {
            List<IterationStats> s = new ArrayList<>();
            stats.add(s);
            Vgg19FeatureExtractor extractor = new Vgg19FeatureExtractor(vgg, VggLayer.PHI_2_2).withLayout(layouts[k]);
            SrganTrainer trainer = SrganTrainer.builder()
                    .setStage(TrainingStage.ADVERSARIAL)
                    .setGenerator(SrResNetModel.initialise(SrResNetConfig.of(4, 1, 8), 7))
                    .setBatchSource(new CropBatches())
                    .setContentLoss(new VggContentLoss(extractor, VggContentLoss.PAPER_FEATURE_SCALE, true, Distance.L1))
                    .optDiscriminator(DiscriminatorModel.initialise(DiscriminatorConfig.of(32, 4), 8))
                    .optAdversarialLoss(new LogitAdversarialLoss())
                    .optGeneratorOptimizer(OptimizerConfig.adam(1e-3))
                    .optDiscriminatorOptimizer(OptimizerConfig.adam(1e-3))
                    .addListener(new TrainingListener() {
                        @Override
                        public void iterationDone(IterationStats it, long total) {
                            s.add(it);
                        }
                    })
                    .build();
            trainer.train(2);
            after[k] = trainer.generator().parameters();
        }
        for (int i = 0; i < 2; i++) {
            double c = stats.get(0).get(i).contentLoss();
            assertEquals(c, stats.get(1).get(i).contentLoss(), 1e-5 * c, "content loss of iteration " + i);
        }
        for (String name : after[0].names()) {
            INDArray a = after[0].get(name);
            INDArray b = after[1].get(name);
            double diff = org.nd4j.linalg.ops.transforms.Transforms.abs(a.sub(b)).maxNumber().doubleValue();
            assertTrue(diff <= 1e-5 + 1e-5 * org.nd4j.linalg.ops.transforms.Transforms.abs(a).maxNumber().doubleValue(),
                    name + ": NHWC and NCHW differ by " + diff);
        }
    }
}
