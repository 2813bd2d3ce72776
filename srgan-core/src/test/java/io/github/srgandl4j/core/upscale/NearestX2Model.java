package io.github.srgandl4j.core.upscale;

import io.github.srgandl4j.core.model.Provenance;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.core.onnx.ValueRange;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A test model: nearest-neighbour x2 on [0, 1], then {@link #adjust} on its [3, 2h, 2w] output; counts its calls.
 */
abstract class NearestX2Model implements SuperResolutionModel {
    private final String name;
    int calls;

    NearestX2Model(String name) {
        this.name = name;
    }

    /** Changes the output of call number {@link #calls} in place. */
    abstract void adjust(float[] out, int outHeight, int outWidth);

    @Override
    public String name() {
        return name;
    }

    @Override
    public int scale() {
        return 2;
    }

    @Override
    public ValueRange inputRange() {
        return new ValueRange(0, 1);
    }

    @Override
    public ValueRange outputRange() {
        return new ValueRange(0, 1);
    }

    @Override
    public int receptiveRadius() {
        return 0;
    }

    @Override
    public INDArray forward(INDArray lr) {
        calls++;
        int h = (int) lr.size(2);
        int w = (int) lr.size(3);
        float[] in = lr.dup('c').data().asFloat();
        float[] out = new float[3 * 4 * h * w];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 2 * h; y++) {
                for (int x = 0; x < 2 * w; x++) {
                    out[(c * 2 * h + y) * 2 * w + x] = in[(c * h + y / 2) * w + x / 2];
                }
            }
        }
        adjust(out, 2 * h, 2 * w);
        return Nd4j.createFromArray(out).reshape(1, 3, 2 * h, 2 * w);
    }

    @Override
    public Provenance provenance() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void save(Path file) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
}
