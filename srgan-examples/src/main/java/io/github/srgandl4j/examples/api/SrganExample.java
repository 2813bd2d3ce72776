package io.github.srgandl4j.examples.api;

import io.github.srgandl4j.core.model.DiscriminatorConfig;
import io.github.srgandl4j.core.model.DiscriminatorModel;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.train.SrganTrainer;
import io.github.srgandl4j.core.train.TrainingStage;
import io.github.srgandl4j.data.train.DatasetConfig;
import io.github.srgandl4j.data.train.SrDataset;
import io.github.srgandl4j.losses.ContentLossSpec;
import io.github.srgandl4j.losses.LogitAdversarialLoss;
import io.github.srgandl4j.losses.NamedContentLoss;
import java.nio.file.Path;

/** Adversarial stage. Args: SRResNet file, HR folder, steps, "vgg54"|"vgg22"|"mse", VGG19 .h5 (or -), output. */
public final class SrganExample {
    private SrganExample() {}

    public static void main(String[] args) throws Exception {
        Path vgg = args[3].equals("mse") ? null : Path.of(args[4]);
        run(Path.of(args[0]), Path.of(args[1]), Long.parseLong(args[2]), args[3], vgg, 96, Path.of(args[5]));
    }

    static void run(Path init, Path hrDir, long steps, String content, Path vgg, int crop, Path out) throws Exception {
        // tag::example[]
        try (SrDataset data = SrDataset.open(DatasetConfig.builder().hrDir(hrDir).hrCropSize(crop).batchSize(4).build());
                SrResNetModel pretrained = SrResNetModel.load(init)) {
            SrganTrainer trainer = SrganTrainer.builder()
                    .setStage(TrainingStage.ADVERSARIAL)
                    .setGenerator(pretrained)
                    .setBatchSource(data)
                    .setContentLoss(NamedContentLoss.create(ContentLossSpec.parse(content), 1 / 12.75, vgg))
                    .optDiscriminator(DiscriminatorModel.initialise(DiscriminatorConfig.of(crop, 64), 2))
                    .optAdversarialLoss(new LogitAdversarialLoss())      // weight 1e-3 by default
                    .build();
            try (SrResNetModel srgan = trainer.train(steps)) {
                srgan.save(out);
            }
        }
        // end::example[]
    }
}
