package io.github.srgandl4j.examples.api;

import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.train.LoggingListener;
import io.github.srgandl4j.core.train.SrganTrainer;
import io.github.srgandl4j.core.train.TrainingStage;
import io.github.srgandl4j.data.train.DatasetConfig;
import io.github.srgandl4j.data.train.SrDataset;
import io.github.srgandl4j.losses.PixelMseContentLoss;
import java.nio.file.Path;

/** Pretrains an SRResNet with pixel MSE. Arguments: HR image folder, steps, output model file. */
public final class PretrainExample {
    private PretrainExample() {}

    public static void main(String[] args) throws Exception {
        run(Path.of(args[0]), Long.parseLong(args[1]), SrResNetConfig.paper(), 96, Path.of(args[2]));
    }

    static void run(Path hrDir, long steps, SrResNetConfig config, int crop, Path out) throws Exception {
        // tag::example[]
        try (SrDataset data = SrDataset.open(DatasetConfig.builder().hrDir(hrDir).hrCropSize(crop).batchSize(4).build())) {
            SrganTrainer trainer = SrganTrainer.builder()
                    .setStage(TrainingStage.PRETRAIN)
                    .setGenerator(SrResNetModel.initialise(config, 1))
                    .setBatchSource(data)
                    .setContentLoss(new PixelMseContentLoss())
                    .optDataRoot(hrDir.toAbsolutePath().getParent())   // provenance: data paths relative to it
                    .addListener(new LoggingListener(1))
                    .build();
            try (SrResNetModel trained = trainer.train(steps)) {       // carries its provenance
                trained.save(out);
            }
        }
        // end::example[]
    }
}
