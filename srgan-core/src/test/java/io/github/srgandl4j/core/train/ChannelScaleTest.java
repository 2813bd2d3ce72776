package io.github.srgandl4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.nn.Conv2d;
import io.github.srgandl4j.core.nn.DataLayout;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link ChannelScale} against values worked out by hand and against libnd4j's 1x1 {@code depthwise_conv2d} and
 * {@code depthwise_conv2d_bp}, which it replaces in the compiled training step ({@link FastOps}).
 */
class ChannelScaleTest {
    private static final int[] ONE_BY_ONE = {1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0};

    private static INDArray random(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, shape);
    }

    @Test
    void smallTensorByHand() {
        // x: N=2, C=2, 1x2; s = (2, -1), t = (0.5, 3)
        INDArray x = Nd4j.createFromArray(new float[] {1, 2, 3, 4, 5, 6, 7, 8}).reshape(2, 2, 1, 2);
        INDArray s = Nd4j.createFromArray(2f, -1f);
        INDArray t = Nd4j.createFromArray(0.5f, 3f);
        INDArray y = Nd4j.create(DataType.FLOAT, 2, 2, 1, 2);
        new ChannelScale(2).forward(x, s, t, y);
        assertArrayEquals(new float[] {2.5f, 4.5f, 0f, -1f, 10.5f, 12.5f, -4f, -5f}, y.data().asFloat(), 0f);
        new ChannelScale(1).forward(x, s, null, y);
        assertArrayEquals(new float[] {2, 4, -3, -4, 10, 12, -7, -8}, y.data().asFloat(), 0f);

        INDArray dy = Nd4j.createFromArray(new float[] {1, -1, 0.5f, 2, 3, 1, -2, 0}).reshape(2, 2, 1, 2);
        INDArray dx = Nd4j.create(DataType.FLOAT, 2, 2, 1, 2);
        INDArray ds = Nd4j.create(DataType.FLOAT, 2);
        INDArray dt = Nd4j.create(DataType.FLOAT, 2);
        new ChannelScale(3).backward(x, s, dy, dx, ds, dt);
        assertArrayEquals(new float[] {2, -2, -0.5f, -2, 6, 2, 2, 0}, dx.data().asFloat(), 0f);
        // ds_0 = 1*1 - 1*2 + 3*5 + 1*6 = 20; ds_1 = 0.5*3 + 2*4 - 2*7 + 0*8 = -4.5
        assertArrayEquals(new float[] {20f, -4.5f}, ds.data().asFloat(), 0f);
        // dt_0 = 1 - 1 + 3 + 1 = 4; dt_1 = 0.5 + 2 - 2 + 0 = 0.5
        assertArrayEquals(new float[] {4f, 0.5f}, dt.data().asFloat(), 0f);
    }

    @Test
    void equalsTheDepthwiseConvolutionItReplaces() {
        for (boolean bias : new boolean[] {true, false}) {
            long[] shape = {3, 5, 7, 9};
            INDArray x = random(1, shape);
            INDArray dy = random(2, shape);
            INDArray s = random(3, 5);
            INDArray t = bias ? random(4, 5) : null;
            INDArray w = s.reshape(1, 1, 5, 1);
            INDArray yOp = Nd4j.create(DataType.FLOAT, shape);
            INDArray dxOp = Nd4j.create(DataType.FLOAT, shape);
            INDArray dwOp = Nd4j.create(DataType.FLOAT, 1, 1, 5, 1);
            INDArray dbOp = Nd4j.create(DataType.FLOAT, 5);
            DynamicCustomOp.DynamicCustomOpsBuilder f = DynamicCustomOp.builder("depthwise_conv2d").addOutputs(yOp)
                    .addIntegerArguments(ONE_BY_ONE);
            DynamicCustomOp.DynamicCustomOpsBuilder b = DynamicCustomOp.builder("depthwise_conv2d_bp")
                    .addIntegerArguments(ONE_BY_ONE);
            if (bias) {
                f.addInputs(x, w, t);
                b.addInputs(x, w, t, dy).addOutputs(dxOp, dwOp, dbOp);
            } else {
                f.addInputs(x, w);
                b.addInputs(x, w, dy).addOutputs(dxOp, dwOp);
            }
            Nd4j.exec(f.build());
            Nd4j.exec(b.build());

            INDArray y = Nd4j.create(DataType.FLOAT, shape);
            INDArray dx = Nd4j.create(DataType.FLOAT, shape);
            INDArray ds = Nd4j.create(DataType.FLOAT, 5);
            INDArray dt = bias ? Nd4j.create(DataType.FLOAT, 5) : null;
            ChannelScale k = new ChannelScale(2);
            k.forward(x, s, t, y);
            k.backward(x, s, dy, dx, ds, dt);
            String what = bias ? "with bias" : "without bias";
            assertArrayEquals(yOp.data().asFloat(), y.data().asFloat(), 0f, what + ": y (the same fma or product)");
            assertArrayEquals(dxOp.data().asFloat(), dx.data().asFloat(), 0f, what + ": dx");
            assertSums(dwOp.data().asFloat(), ds.data().asFloat(), what + ": kernel gradient");
            if (bias) {
                assertSums(dbOp.data().asFloat(), dt.data().asFloat(), what + ": bias gradient");
            }
        }
    }

    /** Sums of 189 products: the op's float sums and ours (double) agree to a few float spacings of the largest term. */
    private static void assertSums(float[] want, float[] got, String what) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-5 * Math.max(1, Math.abs(want[i])) * 10, what + " of channel " + i);
        }
    }

    @Test
    void threadCountChangesNothingButTheSumsLastBits() {
        long[] shape = {4, 3, 6, 5}; // 12 planes: ranges of 12, 4 and 3 planes (2 threads: 6 each) and 12 parts
        INDArray x = random(5, shape);
        INDArray dy = random(6, shape);
        INDArray s = random(7, 3);
        INDArray t = random(8, 3);
        float[][] ref = null;
        for (int threads : new int[] {1, 2, 3, 4, 12, 40}) {
            INDArray y = Nd4j.create(DataType.FLOAT, shape);
            INDArray dx = Nd4j.create(DataType.FLOAT, shape);
            INDArray ds = Nd4j.create(DataType.FLOAT, 3);
            INDArray dt = Nd4j.create(DataType.FLOAT, 3);
            ChannelScale k = new ChannelScale(threads);
            k.forward(x, s, t, y);
            k.backward(x, s, dy, dx, ds, dt);
            float[][] got = {y.data().asFloat(), dx.data().asFloat(), ds.data().asFloat(), dt.data().asFloat()};
            // the same thread count twice: the same bits
            k.backward(x, s, dy, dx, ds, dt);
            assertArrayEquals(got[2], ds.data().asFloat(), 0f, threads + " threads, second run");
            if (ref == null) {
                ref = got;
            } else {
                assertArrayEquals(ref[0], got[0], 0f, threads + " threads: y");
                assertArrayEquals(ref[1], got[1], 0f, threads + " threads: dx");
                assertArrayEquals(ref[2], got[2], 1e-5f, threads + " threads: ds");
                assertArrayEquals(ref[3], got[3], 1e-5f, threads + " threads: dt");
            }
        }
    }

    @Test
    void viewsAndWrongShapesAreRefusedWithTheirShapes() {
        ChannelScale k = new ChannelScale(2);
        INDArray x = random(9, 2, 3, 4, 4);
        INDArray s = random(10, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> k.forward(x, random(11, 4), null, Nd4j.create(DataType.FLOAT, 2, 3, 4, 4)));
        assertTrue(e.getMessage().contains("3 values"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> k.forward(x.permute(0, 1, 3, 2), s, null, Nd4j.create(DataType.FLOAT, 2, 3, 4, 4)));
        assertThrows(IllegalArgumentException.class, () -> k.forward(x, s, null, Nd4j.create(DataType.FLOAT, 2, 3, 4, 5)));
        assertThrows(IllegalArgumentException.class, () -> k.forward(x.castTo(DataType.DOUBLE), s, null,
                Nd4j.create(DataType.DOUBLE, 2, 3, 4, 4)));
        assertThrows(IllegalArgumentException.class, () -> k.backward(x, s, random(12, 2, 3, 4, 5),
                Nd4j.create(DataType.FLOAT, 2, 3, 4, 4), Nd4j.create(DataType.FLOAT, 3), null));
        assertThrows(IllegalArgumentException.class, () -> new ChannelScale(0));
    }

    @Test
    void theTrainingGraphsOneByOneScaleIsReplacedAndOtherDepthwiseConvolutionsAreNot() {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("x", DataType.FLOAT, 2, 3, 6, 6);
        SDVariable w1 = sd.var("w1", Nd4j.ones(DataType.FLOAT, 1, 1, 3, 1));
        SDVariable w3 = sd.var("w3", Nd4j.ones(DataType.FLOAT, 3, 3, 3, 1));
        sd.cnn().depthWiseConv2d("one", in, w1, Conv2d.config(1, 1));
        sd.cnn().depthWiseConv2d("three", in, w3, Conv2d.config(3, 1));
        sd.cnn().depthWiseConv2d("strided", in, w1, Conv2d.config(1, 2));
        FastOps.Kernel k = FastOps.of(sd.getVariableOutputOp("one"));
        assertNotNull(k);
        assertNull(FastOps.of(sd.getVariableOutputOp("three")));
        assertNull(FastOps.of(sd.getVariableOutputOp("strided")));
        // bound to the graph's arrays it computes the op's values
        INDArray x = random(13, 2, 3, 6, 6);
        assertComputesTheGraphsOp(sd, k, x, random(14, 1, 1, 3, 1));
        // a kernel with a multiplier is refused at bind
        assertThrows(IllegalStateException.class, () -> k.bind(new INDArray[] {x, random(15, 1, 1, 3, 2)},
                new INDArray[] {Nd4j.create(DataType.FLOAT, 2, 6, 6, 6)}));
    }

    private static final int[] ONE_BY_ONE_NHWC = {1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 0};

    @Test
    void channelsLastByHand() {
        // x: N=1, H=2, W=1, C=3 (pixel 0: 1, 2, 3; pixel 1: 4, 5, 6); s = (2, -1, 0.5), t = (1, 0, -1)
        INDArray x = Nd4j.createFromArray(new float[] {1, 2, 3, 4, 5, 6}).reshape(1, 2, 1, 3);
        INDArray s = Nd4j.createFromArray(2f, -1f, 0.5f);
        INDArray t = Nd4j.createFromArray(1f, 0f, -1f);
        INDArray y = Nd4j.create(DataType.FLOAT, 1, 2, 1, 3);
        ChannelScale k = ChannelScale.channelsLast(2);
        k.forward(x, s, t, y);
        assertArrayEquals(new float[] {3, -2, 0.5f, 9, -5, 2}, y.data().asFloat(), 0f);
        INDArray dy = Nd4j.createFromArray(new float[] {1, 2, -1, 0.5f, -3, 4}).reshape(1, 2, 1, 3);
        INDArray dx = Nd4j.create(DataType.FLOAT, 1, 2, 1, 3);
        INDArray ds = Nd4j.create(DataType.FLOAT, 3);
        INDArray dt = Nd4j.create(DataType.FLOAT, 3);
        k.backward(x, s, dy, dx, ds, dt);
        assertArrayEquals(new float[] {2, -2, -0.5f, 1, 3, 2}, dx.data().asFloat(), 0f);
        // ds = (1*1 + 0.5*4, 2*2 - 3*5, -1*3 + 4*6) = (3, -11, 21); dt = (1.5, -1, 3)
        assertArrayEquals(new float[] {3f, -11f, 21f}, ds.data().asFloat(), 0f);
        assertArrayEquals(new float[] {1.5f, -1f, 3f}, dt.data().asFloat(), 0f);
        // the channel count is read from the last axis
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> k.forward(x, Nd4j.createFromArray(1f, 2f), null, Nd4j.create(DataType.FLOAT, 1, 2, 1, 3)));
        assertTrue(e.getMessage().contains("3 values"), e.getMessage());
    }

    @Test
    void channelsLastEqualsTheNhwcDepthwiseConvolutionItReplaces() {
        for (int threads : new int[] {1, 2, 3}) {
            long[] shape = {3, 7, 9, 5}; // NHWC, 5 channels
            INDArray x = random(21, shape);
            INDArray dy = random(22, shape);
            INDArray s = random(23, 5);
            INDArray t = random(24, 5);
            INDArray w = s.reshape(1, 1, 5, 1);
            INDArray yOp = Nd4j.create(DataType.FLOAT, shape);
            INDArray dxOp = Nd4j.create(DataType.FLOAT, shape);
            INDArray dwOp = Nd4j.create(DataType.FLOAT, 1, 1, 5, 1);
            INDArray dbOp = Nd4j.create(DataType.FLOAT, 5);
            Nd4j.exec(DynamicCustomOp.builder("depthwise_conv2d").addInputs(x, w, t).addOutputs(yOp)
                    .addIntegerArguments(ONE_BY_ONE_NHWC).build());
            Nd4j.exec(DynamicCustomOp.builder("depthwise_conv2d_bp").addInputs(x, w, t, dy).addOutputs(dxOp, dwOp, dbOp)
                    .addIntegerArguments(ONE_BY_ONE_NHWC).build());
            INDArray y = Nd4j.create(DataType.FLOAT, shape);
            INDArray dx = Nd4j.create(DataType.FLOAT, shape);
            INDArray ds = Nd4j.create(DataType.FLOAT, 5);
            INDArray dt = Nd4j.create(DataType.FLOAT, 5);
            ChannelScale k = ChannelScale.channelsLast(threads);
            k.forward(x, s, t, y);
            k.backward(x, s, dy, dx, ds, dt);
            assertArrayEquals(yOp.data().asFloat(), y.data().asFloat(), 0f, threads + " threads: y");
            assertArrayEquals(dxOp.data().asFloat(), dx.data().asFloat(), 0f, threads + " threads: dx");
            assertSums(dwOp.data().asFloat(), ds.data().asFloat(), threads + " threads: kernel gradient");
            assertSums(dbOp.data().asFloat(), dt.data().asFloat(), threads + " threads: bias gradient");
            // and the NCHW kernel on the same values transposed
            INDArray xc = x.permute(0, 3, 1, 2).dup('c');
            INDArray dyc = dy.permute(0, 3, 1, 2).dup('c');
            INDArray yc = Nd4j.create(DataType.FLOAT, xc.shape());
            INDArray dxc = Nd4j.create(DataType.FLOAT, xc.shape());
            INDArray dsc = Nd4j.create(DataType.FLOAT, 5);
            INDArray dtc = Nd4j.create(DataType.FLOAT, 5);
            new ChannelScale(threads).forward(xc, s, t, yc);
            new ChannelScale(threads).backward(xc, s, dyc, dxc, dsc, dtc);
            assertArrayEquals(yc.permute(0, 2, 3, 1).dup('c').data().asFloat(), y.data().asFloat(), 0f);
            assertArrayEquals(dxc.permute(0, 2, 3, 1).dup('c').data().asFloat(), dx.data().asFloat(), 0f);
            assertArrayEquals(dsc.data().asFloat(), ds.data().asFloat(), 1e-5f);
            assertArrayEquals(dtc.data().asFloat(), dt.data().asFloat(), 1e-5f);
        }
    }

    @Test
    void theChannelsLastOneByOneScaleIsReplacedToo() {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("x", DataType.FLOAT, 2, 6, 6, 3);
        SDVariable w1 = sd.var("w1", Nd4j.ones(DataType.FLOAT, 1, 1, 3, 1));
        sd.cnn().depthWiseConv2d("one", in, w1, Conv2d.config(1, 1, DataLayout.NHWC));
        FastOps.Kernel k = FastOps.of(sd.getVariableOutputOp("one"));
        assertNotNull(k);
        INDArray w = random(26, 1, 1, 3, 1);
        assertComputesTheGraphsOp(sd, k, random(25, 2, 6, 6, 3), w);
        // an NCHW-shaped input whose channel axis does not match the kernel is refused at bind
        assertThrows(IllegalStateException.class, () -> k.bind(new INDArray[] {random(27, 2, 3, 6, 6), w},
                new INDArray[] {Nd4j.create(DataType.FLOAT, 2, 3, 6, 6)}));
    }

    /** {@code k}, bound to {@code x} and kernel {@code w}, gives the values of the graph's op "one" (kernel "w1"). */
    private static void assertComputesTheGraphsOp(SameDiff sd, FastOps.Kernel k, INDArray x, INDArray w) {
        INDArray y = Nd4j.create(DataType.FLOAT, x.shape());
        k.bind(new INDArray[] {x, w}, new INDArray[] {y});
        k.exec();
        sd.getVariable("w1").setArray(w);
        INDArray want = sd.output(java.util.Map.of("x", x), "one").get("one");
        assertArrayEquals(want.data().asFloat(), y.data().asFloat(), 0f);
    }
}
