package io.github.srgandl4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.nn.Parameters;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * {@link JvmAdam} and {@link GeneratorEma}'s JVM update against ND4J's native ops (libnd4j's {@code adam_updater} and
 * {@code subi}; {@code muli}/{@code mul}/{@code addi}) and against values worked out by hand.
 */
class JvmAdamTest {
    private static final long[][] SHAPES = {{3, 3, 16, 16}, {16}, {1}, {9, 9, 3, 16}, {FloatCopies.MAX_LENGTH}};

    /** A state view as SameDiff's initializeTraining makes it: one [1, 2n] array per variable, M and V its halves. */
    private static GradientUpdater<?> adam(OptimizerConfig config, long n) {
        return config.toUpdater().instantiate(Nd4j.zeros(DataType.FLOAT, 1, 2 * n), true);
    }

    private static float[] floats(INDArray a) {
        return a.dup().data().asFloat();
    }

    @Test
    void equalsNd4jsAdamToTheBitOverManyIterationsAndALearningRateDrop() {
        OptimizerConfig config = new OptimizerConfig(1e-4, 0.9, 0.999, 1e-8, 7, 0.1);
        JvmAdam jvm = new JvmAdam();
        Nd4j.getRandom().setSeed(42);
        for (long[] shape : SHAPES) {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            GradientUpdater<?> nat = adam(config, n);
            GradientUpdater<?> onJvm = adam(config, n);
            INDArray paramNative = Nd4j.randn(DataType.FLOAT, shape);
            INDArray paramJvm = paramNative.dup();
            int[] iterations = {0, 1, 2, 3, 6, 7, 8, 9, 10799, 10800, 19999};
            for (int it : iterations) {
                INDArray g = Nd4j.randn(DataType.FLOAT, shape).muli(it % 2 == 0 ? 0.01 : 3);
                if (it == 3) {
                    g.reshape(g.length()).get(NDArrayIndex.interval(0, Math.min(n, 5))).assign(0); // update 0, not NaN
                }
                INDArray gNative = g.dup();
                INDArray gJvm = g.dup();
                nat.applyUpdater(gNative, it, 0);
                paramNative.subi(gNative);
                assertTrue(jvm.update(onJvm, gJvm, paramJvm, it, 0));
                jvm.applyTo(paramJvm, gJvm, true);
                String what = java.util.Arrays.toString(shape) + " iteration " + it;
                assertArrayEquals(floats(gNative), floats(gJvm), 0f, what + ": update");
                assertArrayEquals(floats(paramNative), floats(paramJvm), 0f, what + ": parameter");
                for (String k : new String[] {"M", "V"}) {
                    assertArrayEquals(floats(state(nat, k)), floats(state(onJvm, k)), 0f, what + ": " + k);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static INDArray state(GradientUpdater<?> u, String key) {
        return ((Map<String, INDArray>) u.getState()).get(key);
    }

    @Test
    void eachDecayOfAMultiStepScheduleReachesTheUpdate() {
        // with the same gradient every iteration Adam's bias-corrected update is lr * g / (|g| + eps'), i.e. the
        // learning rate itself for g = 1 (eps' <= 1e-8 / sqrt(1 - 0.999) = 3.2e-7): 1e-3 before step 2, 1e-4 before 4, 1e-5
        OptimizerConfig config = OptimizerConfig.adam(1e-3).withDecays(java.util.List.of(2L, 4L), 0.1);
        GradientUpdater<?> u = adam(config, 4);
        INDArray param = Nd4j.zeros(DataType.FLOAT, 4);
        JvmAdam jvm = new JvmAdam();
        double[] want = {1e-3, 1e-3, 1e-4, 1e-4, 1e-5, 1e-5, 1e-5};
        for (int it = 0; it < want.length; it++) {
            INDArray g = Nd4j.ones(DataType.FLOAT, 4);
            assertTrue(jvm.update(u, g, param, it, 0));
            for (float v : floats(g)) {
                assertEquals(want[it], v, want[it] * 1e-5, "update at iteration " + it);
            }
        }
    }

    @Test
    void firstStepByHand() {
        // t = 1: m = (1 - beta1) g, v = (1 - beta2) g^2, step size = lr sqrt(1 - beta2) / (1 - beta1), update = m step / (sqrt(v) + eps)
        double lr = 1e-3;
        double[] grads = {0.5, -2.0, 0.0};
        INDArray g = Nd4j.createFromArray(new float[] {0.5f, -2f, 0f});
        INDArray p = Nd4j.createFromArray(new float[] {1f, 1f, 1f});
        GradientUpdater<?> u = adam(OptimizerConfig.adam(lr), 3);
        JvmAdam jvm = new JvmAdam();
        assertTrue(jvm.update(u, g, p, 0, 0));
        jvm.applyTo(p, g, true);
        // beta1 and beta2 are float32 in the native op: 1 - beta2 is 9.99987e-4, not 1e-3
        double b1 = (float) 0.9;
        double b2 = (float) 0.999;
        double stepSize = lr * Math.sqrt(1 - b2) / (1 - b1);
        for (int i = 0; i < 3; i++) {
            double m = (1 - b1) * grads[i];
            double v = (1 - b2) * grads[i] * grads[i];
            double update = m * stepSize / (Math.sqrt(v) + 1e-8);
            // float32 arithmetic: relative 1e-6
            assertEquals(update, g.getDouble(i), 1e-6 * Math.abs(update), "update " + i);
            assertEquals(1 - update, p.getDouble(i), 1e-6, "parameter " + i);
            assertEquals(m, state(u, "M").getDouble(i), 1e-6 * Math.abs(m), "M " + i);
            assertEquals(v, state(u, "V").getDouble(i), 1e-6 * Math.abs(v), "V " + i);
        }
        assertEquals(lr, g.getDouble(0), 1e-9, "Adam's first step is lr * sign(g)");
        assertEquals(-lr, g.getDouble(1), 1e-9);
        assertEquals(0.05, state(u, "M").getDouble(0), 1e-7);
        assertEquals(0.004, state(u, "V").getDouble(1), 1e-7);
        assertEquals(0, g.getDouble(2), 0);
    }

    /**
     * The variable 1 after Adam's first step (lr 1e-3) on the gradient 0.5, whose update is 1e-3: {@code change}
     * acts on the update array between {@code update} and {@code applyTo}, as a {@code preUpdate} listener can.
     */
    private static double afterFirstStep(java.util.function.Consumer<INDArray> change, boolean minimize) {
        INDArray g = Nd4j.createFromArray(new float[] {0.5f});
        INDArray p = Nd4j.createFromArray(new float[] {1f});
        JvmAdam jvm = new JvmAdam();
        assertTrue(jvm.update(adam(OptimizerConfig.adam(1e-3), 1), g, p, 0, 0));
        change.accept(g);
        jvm.applyTo(p, g, minimize);
        return p.getDouble(0);
    }

    @Test
    void anUpdateChangedBeforeItIsAppliedIsAppliedAsChanged() {
        // ND4J's path subtracts the update array as it is after the listeners
        assertEquals(0.99, afterFirstStep(g -> g.muli(10), true), 1e-6, "1 - 10 x 1e-3");
    }

    @Test
    void maximisingAddsTheUpdate() {
        assertEquals(1.001, afterFirstStep(g -> { }, false), 1e-6);
    }

    @Test
    void leavesOtherUpdatersLongVariablesAndStridedArraysToNd4jUnchanged() {
        JvmAdam jvm = new JvmAdam();
        INDArray g = Nd4j.createFromArray(new float[] {0.5f, 1f});
        INDArray p = Nd4j.createFromArray(new float[] {1f, 2f});
        GradientUpdater<?> sgd = new Sgd(0.1).instantiate((INDArray) null, true);
        assertFalse(jvm.update(sgd, g, p, 0, 0), "SGD is not Adam");
        INDArray strided = Nd4j.createFromArray(new float[] {1f, 9f, 2f, 9f}).get(NDArrayIndex.interval(0, 2, 4));
        GradientUpdater<?> u = adam(OptimizerConfig.adam(1e-3), 2);
        assertFalse(jvm.update(u, g, strided, 0, 0), "a strided parameter view");
        assertFalse(jvm.update(u, g, Nd4j.createFromArray(new double[] {1, 2}), 0, 0), "a double parameter");
        assertFalse(jvm.update(u, g, Nd4j.createFromArray(new float[] {1f, 2f, 3f}), 0, 0), "another length");
        long n = FloatCopies.MAX_LENGTH + 1L;
        assertFalse(jvm.update(adam(OptimizerConfig.adam(1e-3), n), Nd4j.ones(DataType.FLOAT, n),
                Nd4j.ones(DataType.FLOAT, n), 0, 0), "longer than MAX_LENGTH: ND4J's two threads are faster");
        assertArrayEquals(new float[] {0.5f, 1f}, floats(g), 0f, "gradient untouched");
        assertArrayEquals(new float[] {0f, 0f}, floats(state(u, "M")), 0f, "state untouched");
        assertThrows(IllegalStateException.class, () -> jvm.applyTo(p, g, true), "nothing pending");
    }

    @Test
    void emaOnTheJvmEqualsNd4jsOpsToTheBit() { // 64 channels: the upsampling kernels (147,456) stay native
        SrResNetModel initial = SrResNetModel.initialise(SrResNetConfig.of(4, 1, 64), 3);
        GeneratorEma ema = new GeneratorEma(0.999, initial, null);
        Parameters expected = initial.parameters().copy();
        Parameters current = initial.parameters().copy();
        Nd4j.getRandom().setSeed(7);
        for (int step = 0; step < 5; step++) {
            for (String n : current.names()) {
                current.get(n).addi(Nd4j.randn(DataType.FLOAT, current.get(n).shape()).muli(0.1));
                expected.get(n).muli(0.999).addi(current.get(n).mul(1 - 0.999));
            }
            ema.update(current);
        }
        for (String n : expected.names()) {
            assertArrayEquals(floats(expected.get(n)), floats(ema.model().parameters().get(n)), 0f, n);
        }
    }

    @Test
    void emaByHand() {
        SrResNetModel initial = SrResNetModel.initialise(SrResNetConfig.of(4, 2, 16), 3);
        GeneratorEma ema = new GeneratorEma(0.75, initial, null);
        Parameters current = initial.parameters().copy();
        String name = current.names().iterator().next();
        float before = ema.model().parameters().get(name).getFloat(0);
        current.get(name).putScalar(0, before + 4);
        ema.update(current);
        assertEquals(before + 1, ema.model().parameters().get(name).getFloat(0), 1e-6, "0.75 x + 0.25 (x + 4) = x + 1");
    }
}
