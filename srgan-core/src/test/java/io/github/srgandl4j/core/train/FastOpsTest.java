package io.github.srgandl4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.PowDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.ThresholdReluBp;
import org.nd4j.linalg.factory.Nd4j;

/** The replacements against libnd4j's own ops, element by element, on values with exact zeros and both signs. */
class FastOpsTest {
    private static INDArray values(long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 5, 7).subi(0.5).muli(4);
        x.putScalar(0, 0.0);
        x.putScalar(1, -0.0);
        x.putScalar(2, 0.25); // equal to the threshold below
        return x;
    }

    private static void assertSameValues(INDArray want, INDArray got, String what) {
        float[] w = want.data().asFloat();
        float[] g = got.data().asFloat();
        assertEquals(w.length, g.length);
        for (int i = 0; i < w.length; i++) {
            // equal as numbers (0 == -0): a masked-out gradient may come out as -0
            assertEquals(w[i] == 0f ? 0f : w[i], g[i] == 0f ? 0f : g[i], 0f, what + " at " + i);
        }
    }

    private static INDArray run(FastOps.Kernel k, INDArray out, INDArray... in) {
        k.bind(in, new INDArray[] {out});
        k.exec();
        return out;
    }

    @Test
    void leakyReluEqualsTheOp() {
        INDArray x = values(1);
        LeakyReLU op = new LeakyReLU(x, Nd4j.create(DataType.FLOAT, x.shape()), 0.2);
        INDArray want = Nd4j.exec(op);
        FastOps.Kernel k = FastOps.of(new LeakyReLU(x, 0.2));
        assertNotNull(k);
        assertSameValues(want, run(k, Nd4j.create(DataType.FLOAT, x.shape()), x), "leakyrelu");
        // and by hand for a few values
        INDArray y = run(FastOps.of(new LeakyReLU(x, 0.2)), Nd4j.create(DataType.FLOAT, x.shape()), x);
        for (int i = 0; i < 10; i++) {
            float v = x.getFloat(i);
            assertEquals(v > 0 ? v : 0.2f * v, y.getFloat(i), 0f, "leakyrelu(" + v + ")");
        }
    }

    @Test
    void leakyReluBackwardEqualsTheOp() {
        INDArray x = values(2);
        INDArray dy = values(3);
        INDArray want = Nd4j.exec(new LeakyReLUBp(x, dy, Nd4j.create(DataType.FLOAT, x.shape()), 0.2))[0];
        FastOps.Kernel k = FastOps.of(new LeakyReLUBp(x, dy, null, 0.2));
        assertNotNull(k);
        assertSameValues(want, run(k, Nd4j.create(DataType.FLOAT, x.shape()), x, dy), "lrelu_bp");
    }

    @Test
    void reluBackwardEqualsTheOpAtZeroAndAtAnotherThreshold() {
        INDArray x = values(4);
        INDArray dy = values(5);
        for (double t : new double[] {0.0, 0.25}) {
            INDArray want = Nd4j.exec(new ThresholdReluBp(x, dy, Nd4j.create(DataType.FLOAT, x.shape()), t))[0];
            FastOps.Kernel k = FastOps.of(new ThresholdReluBp(x, dy, null, t));
            assertNotNull(k);
            assertSameValues(want, run(k, Nd4j.create(DataType.FLOAT, x.shape()), x, dy), "thresholdedrelu_bp " + t);
        }
    }

    @Test
    void maxPoolOverWindowsEqualsTheOpAndReadsTheInputAfresh() {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("x", DataType.FLOAT, 2, 3, 6, 8);
        sd.cnn().maxPooling2d("p", in, Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2)
                .paddingMode(PaddingMode.VALID).type(Pooling2D.Pooling2DType.MAX).isNHWC(false).build());
        org.nd4j.autodiff.functions.DifferentialFunction pool = sd.getVariableOutputOp("p");
        FastOps.Kernel k = FastOps.of(pool);
        assertNotNull(k);
        INDArray x = values(7).reshape(2, 3, 5, 7); // odd sizes are refused at bind
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> k.bind(new INDArray[] {x}, new INDArray[] {Nd4j.create(DataType.FLOAT, 2, 3, 2, 3)}));
        INDArray x2 = Nd4j.create(DataType.FLOAT, 2, 3, 6, 8);
        INDArray y = Nd4j.create(DataType.FLOAT, 2, 3, 3, 4);
        k.bind(new INDArray[] {x2}, new INDArray[] {y});
        for (long seed : new long[] {8, 9}) { // the plan writes new values into the same input array each step
            Nd4j.getRandom().setSeed(seed);
            x2.assign(Nd4j.rand(DataType.FLOAT, 2, 3, 6, 8).subi(0.5));
            k.exec();
            INDArray want = sd.output(java.util.Map.of("x", x2), "p").get("p");
            assertSameValues(want, y, "maxpool2d, seed " + seed);
            // by hand: the window at (n=1, c=2, i=1, j=3)
            float m = Float.NEGATIVE_INFINITY;
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    m = Math.max(m, x2.getFloat(1, 2, 2 + a, 6 + b));
                }
            }
            assertEquals(m, y.getFloat(1, 2, 1, 3), 0f);
        }
        // overlapping windows (stride 1) are not replaced
        SameDiff sd2 = SameDiff.create();
        sd2.cnn().maxPooling2d("q", sd2.placeHolder("x", DataType.FLOAT, 2, 3, 6, 8), Pooling2DConfig.builder().kH(2)
                .kW(2).sH(1).sW(1).paddingMode(PaddingMode.VALID).type(Pooling2D.Pooling2DType.MAX).isNHWC(false).build());
        assertNull(FastOps.of(sd2.getVariableOutputOp("q")));
    }

    @Test
    void channelsLastMaxPoolOverWindowsEqualsTheOp() {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("x", DataType.FLOAT, 2, 6, 8, 3);
        sd.cnn().maxPooling2d("p", in, Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2)
                .paddingMode(PaddingMode.VALID).type(Pooling2D.Pooling2DType.MAX).isNHWC(true).build());
        FastOps.Kernel k = FastOps.of(sd.getVariableOutputOp("p"));
        assertNotNull(k);
        INDArray x = Nd4j.create(DataType.FLOAT, 2, 6, 8, 3);
        INDArray y = Nd4j.create(DataType.FLOAT, 2, 3, 4, 3);
        k.bind(new INDArray[] {x}, new INDArray[] {y});
        Nd4j.getRandom().setSeed(10);
        x.assign(Nd4j.rand(DataType.FLOAT, 2, 6, 8, 3).subi(0.5));
        k.exec();
        assertSameValues(sd.output(java.util.Map.of("x", x), "p").get("p"), y, "maxpool2d NHWC");
        // by hand: the window at (n=1, i=1, j=3, c=2)
        float m = Float.NEGATIVE_INFINITY;
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                m = Math.max(m, x.getFloat(1, 2 + a, 6 + b, 2));
            }
        }
        assertEquals(m, y.getFloat(1, 1, 3, 2), 0f);
    }

    @Test
    void squaresGradientIsTheOpsToTheBit() {
        // _powderivative(x; 2) = 2 pow(x, 1); as 2 x, bit for bit, signed zeros, infinities and NaN included
        INDArray x = values(7);
        x.putScalar(3, Float.POSITIVE_INFINITY);
        x.putScalar(4, Float.NEGATIVE_INFINITY);
        x.putScalar(5, Float.NaN);
        x.putScalar(6, Float.MIN_VALUE);
        x.putScalar(7, Float.MAX_VALUE); // 2 x overflows to infinity in both
        INDArray want = Nd4j.exec(new PowDerivative(x, Nd4j.create(DataType.FLOAT, x.shape()), 2.0));
        SameDiff sd = SameDiff.create();
        SDVariable v = sd.var("x", x);
        new PowDerivative(sd, v, false, 2.0).outputVariable().rename("d");
        FastOps.Kernel k = FastOps.of(sd.getVariableOutputOp("d"));
        assertNotNull(k);
        INDArray got = run(k, Nd4j.create(DataType.FLOAT, x.shape()), x);
        float[] w = want.data().asFloat();
        float[] g = got.data().asFloat();
        for (int i = 0; i < w.length; i++) {
            if (Float.isNaN(w[i])) {
                assertTrue(Float.isNaN(g[i]), "NaN at " + i);
            } else {
                assertEquals(Float.floatToRawIntBits(w[i]), Float.floatToRawIntBits(g[i]), "bits at " + i + ", x = "
                        + x.getFloat(i) + ": " + w[i] + " against " + g[i]);
            }
        }
        assertEquals(-0.0f, g[1], 0f); // 2 * -0
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(g[1]));
        assertEquals(2 * x.getFloat(8), g[8], 0f);
        // other exponents keep the op
        new PowDerivative(sd, v, false, 3.0).outputVariable().rename("d3");
        assertNull(FastOps.of(sd.getVariableOutputOp("d3")));
    }

    @Test
    void otherOpsAndSlopesAreLeftAlone() {
        INDArray x = values(6);
        assertNull(FastOps.of(new LeakyReLU(x, 1.5)), "slope above 1: max(x, a x) is not leaky ReLU");
        assertNull(FastOps.of(new LeakyReLU(x, -0.1)));
        assertNull(FastOps.of(DynamicCustomOp.builder("relu_bp").addInputs(x, x).build()));
    }

    @Test
    void channelsLastPerChannelMeanIsAProductWithOnes() {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("x", DataType.FLOAT, -1, -1, -1, -1);
        in.mean("rows", true, 0, 1, 2);
        in.mean("planes", true, 0, 2, 3);
        in.mean("all", false, 0, 1, 2, 3);
        FastOps.Kernel k = FastOps.of(sd.getVariableOutputOp("rows"));
        assertNotNull(k);
        assertNull(FastOps.of(sd.getVariableOutputOp("planes")), "NCHW means stay libnd4j's (fast there)");
        assertNull(FastOps.of(sd.getVariableOutputOp("all")));
        assertTrue(k.reordersSums());
        // by hand: x = 1..24 as [1, 2, 3, 4]; channel c holds c+1, c+5, ..., c+21, whose mean is c + 11
        float[] v = new float[24];
        for (int i = 0; i < v.length; i++) {
            v[i] = i + 1;
        }
        INDArray x = Nd4j.createFromArray(v).reshape(1, 2, 3, 4);
        INDArray out = run(k, Nd4j.create(DataType.FLOAT, 1, 1, 1, 4), x);
        for (int c = 0; c < 4; c++) {
            assertEquals(11 + c, out.getFloat(c), 1e-5, "channel " + c + " (BLAS scales each term by 1/6)");
        }
        // against libnd4j's mean on random values (BLAS sums: equal within float rounding)
        INDArray r = values(7).reshape(2, 5, 7, 3).dup();
        INDArray want = r.mean(true, 0, 1, 2);
        INDArray got = run(k, Nd4j.create(DataType.FLOAT, 1, 1, 1, 3), r);
        for (int c = 0; c < 3; c++) {
            assertEquals(want.getFloat(c), got.getFloat(c), 1e-6, "channel " + c);
        }
        // a view that is not dense runs libnd4j's op
        INDArray view = values(8).permute(0, 2, 3, 1);
        INDArray viaOp = run(k, Nd4j.create(DataType.FLOAT, 1, 1, 1, 3), view);
        assertEquals(view.mean(true, 0, 1, 2).toString(), viaOp.toString());
    }
}
