package io.github.srgandl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.testing.SharedData;
import io.github.srgandl4j.core.train.IterationStats;
import io.github.srgandl4j.core.train.OptimizerConfig;
import io.github.srgandl4j.core.train.SrganTrainer;
import io.github.srgandl4j.core.train.TrainingListener;
import io.github.srgandl4j.core.train.TrainingStage;
import io.github.srgandl4j.data.train.DatasetConfig;
import io.github.srgandl4j.data.train.SrDataset;
import io.github.srgandl4j.losses.PixelMseContentLoss;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trainer with the real data pipeline: MSE pretraining learns on the shared T91 images. */
class TrainingOnSharedDataTest {
    @Test
    void msePretrainingOnT91LowersTheLossByAtLeast30PercentIn100Steps() throws Exception {
        DatasetConfig cfg = DatasetConfig.builder().hrDir(SharedData.require("data/train/t91"))
                .scale(4).hrCropSize(32).batchSize(8).seed(3).build();
        List<Double> losses = new ArrayList<>();
        try (SrDataset data = SrDataset.open(cfg)) {
            SrganTrainer t = SrganTrainer.builder()
                    .setStage(TrainingStage.PRETRAIN)
                    .setGenerator(SrResNetModel.initialise(SrResNetConfig.of(4, 2, 16), 1))
                    .setBatchSource(data)
                    .setContentLoss(new PixelMseContentLoss())
                    .optGeneratorOptimizer(OptimizerConfig.adam(1e-3))
                    .addListener(new TrainingListener() {
                        @Override
                        public void iterationDone(IterationStats s, long total) {
                            losses.add(s.generatorLoss());
                        }
                    })
                    .build();
            t.train(100);
        }
        double first = losses.subList(0, 10).stream().mapToDouble(d -> d).average().orElseThrow();
        double last = losses.subList(90, 100).stream().mapToDouble(d -> d).average().orElseThrow();
        assertTrue(last < 0.7 * first, "mean loss of steps 1-10 " + first + ", of steps 91-100 " + last);
    }
}
