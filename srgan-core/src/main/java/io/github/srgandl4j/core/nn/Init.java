package io.github.srgandl4j.core.nn;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Deterministic weight initialisation (PyTorch's defaults, so that training behaves like the peer's). */
public final class Init {
    private Init() {}

    /** Uniform in [-bound, bound), float32, from a seeded generator. */
    public static INDArray uniform(SplittableRandom rng, double bound, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        return Nd4j.create(v, shape, 'c'); // not a reshaped view: a graph can then bind it without a copy
    }

    /** A float32 array filled with one value. */
    public static INDArray filled(float value, long... shape) {
        return Nd4j.valueArrayOf(shape, value, org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }
}
