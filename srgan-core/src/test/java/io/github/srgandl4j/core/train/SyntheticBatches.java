package io.github.srgandl4j.core.train;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Deterministic smooth synthetic images (sums of random sinusoids), HR in [-1, 1], LR = box
 * average of HR mapped to [0, 1]: learnable, random-access, and cheap. Optionally poisons one batch
 * with NaN.
 */
final class SyntheticBatches implements BatchSource {
    private final int batch;
    private final int crop;
    private final int scale;
    private final long seed;
    private final long nanAt;

    SyntheticBatches(int batch, int crop, int scale, long seed, long nanAt) {
        this.batch = batch;
        this.crop = crop;
        this.scale = scale;
        this.seed = seed;
        this.nanAt = nanAt;
    }

    @Override
    public Batch batch(long index) {
        SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + index);
        float[] hr = new float[batch * 3 * crop * crop];
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < 3; c++) {
                double fx = 0.05 + rng.nextDouble() * 0.4, fy = 0.05 + rng.nextDouble() * 0.4;
                double px = rng.nextDouble() * 6, py = rng.nextDouble() * 6, a = 0.3 + rng.nextDouble() * 0.5;
                for (int y = 0; y < crop; y++) {
                    for (int x = 0; x < crop; x++) {
                        hr[((n * 3 + c) * crop + y) * crop + x] = (float) (a * Math.sin(fx * x + px) * Math.cos(fy * y + py));
                    }
                }
            }
        }
        int l = crop / scale;
        float[] lr = new float[batch * 3 * l * l];
        for (int nc = 0; nc < batch * 3; nc++) {
            for (int y = 0; y < l; y++) {
                for (int x = 0; x < l; x++) {
                    double s = 0;
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            s += hr[(nc * crop + y * scale + dy) * crop + x * scale + dx];
                        }
                    }
                    lr[(nc * l + y) * l + x] = (float) ((s / (scale * scale) + 1) / 2);
                }
            }
        }
        if (index == nanAt) {
            lr[0] = Float.NaN;
        }
        INDArray lrArr = Nd4j.createFromArray(lr).reshape(batch, 3, l, l);
        INDArray hrArr = Nd4j.createFromArray(hr).reshape(batch, 3, crop, crop);
        return new Batch(lrArr.castTo(DataType.FLOAT), hrArr.castTo(DataType.FLOAT));
    }

    @Override
    public int batchSize() {
        return batch;
    }

    @Override
    public int hrCropSize() {
        return crop;
    }

    @Override
    public int scale() {
        return scale;
    }

    @Override
    public String describe() {
        return "synthetic(batch " + batch + ", crop " + crop + ", seed " + seed + ")";
    }

    @Override
    public void close() {}
}
