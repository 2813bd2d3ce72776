package io.github.srgandl4j.examples.bench;

import io.github.srgandl4j.core.train.Batch;
import io.github.srgandl4j.core.train.BatchSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One fixed random batch held in memory, handed out as a fresh copy for every index (the
 * trainer closes what it gets), like the peer's fixed tensors: LR uniform in [0, 1], HR uniform
 * in [-1, 1]. Data loading costs nothing measurable, so timings are the trainer's alone.
 */
final class RandomBatchSource implements BatchSource {
    private final INDArray lr;
    private final INDArray hr;
    private final int crop;

    RandomBatchSource(int batch, int crop, long seed) {
        this.crop = crop;
        Nd4j.getRandom().setSeed(seed);
        this.lr = Nd4j.rand(DataType.FLOAT, batch, 3, crop / 4, crop / 4);
        this.hr = Nd4j.rand(DataType.FLOAT, batch, 3, crop, crop).muli(2).subi(1);
    }

    @Override
    public Batch batch(long index) {
        return new Batch(lr.dup(), hr.dup());
    }

    @Override
    public int batchSize() {
        return (int) lr.size(0);
    }

    @Override
    public int hrCropSize() {
        return crop;
    }

    @Override
    public int scale() {
        return 4;
    }

    @Override
    public String describe() {
        return "random fixed batch " + lr.size(0) + "x3x" + crop + "x" + crop;
    }

    @Override
    public void close() {
        lr.close();
        hr.close();
    }
}
