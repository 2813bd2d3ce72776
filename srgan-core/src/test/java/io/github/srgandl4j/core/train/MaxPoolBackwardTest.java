package io.github.srgandl4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link MaxPoolBackward} against values worked out by hand (ties included) and against libnd4j's {@code maxpool2d_bp},
 * which it replaces in the compiled training step ({@link FastOps}).
 */
class MaxPoolBackwardTest {
    /** The op's integer arguments for kH x kW windows: kernel = stride, no padding, dilation 1, NCHW. */
    private static int[] windows(int kH, int kW) {
        return new int[] {kH, kW, kH, kW, 0, 0, 1, 1, 0, 0, 0};
    }

    private static INDArray op(INDArray x, INDArray dy, int kH, int kW) {
        return op(x, dy, kH, kW, false);
    }

    private static INDArray op(INDArray x, INDArray dy, int kH, int kW, boolean nhwc) {
        INDArray dx = Nd4j.create(DataType.FLOAT, x.shape());
        int[] a = windows(kH, kW);
        a[10] = nhwc ? 1 : 0;
        Nd4j.exec(DynamicCustomOp.builder("maxpool2d_bp").addInputs(x, dy).addOutputs(dx).addIntegerArguments(a).build());
        return dx;
    }

    private static void assertSameBits(float[] want, float[] got, String what) {
        for (int i = 0; i < want.length; i++) {
            assertTrue(Float.floatToIntBits(want[i]) == Float.floatToIntBits(got[i]) || (want[i] == 0 && got[i] == 0),
                    what + " at " + i + ": " + want[i] + " against " + got[i]);
        }
    }

    @Test
    void firstMaximumInRowMajorOrderGetsTheGradient() {
        // four 2x2 windows: all zero; 5 twice (top right first); 3 three times (top right first); 4 alone
        INDArray x = Nd4j.createFromArray(new float[] {0, 0, 1, 5, 2, 3, 1, 2, 0, 0, 5, 0, 3, 3, 3, 4}).reshape(1, 1, 2, 8);
        INDArray dy = Nd4j.createFromArray(new float[] {10, 20, 30, 40}).reshape(1, 1, 1, 4);
        INDArray dx = Nd4j.create(DataType.FLOAT, 1, 1, 2, 8);
        float[] want = {10, 0, 0, 20, 0, 30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40};
        for (int threads : new int[] {1, 2, 5}) {
            new MaxPoolBackward(2, 2, threads).run(x, dy, dx);
            assertArrayEquals(want, dx.data().asFloat(), 0f, threads + " threads");
        }
        assertArrayEquals(want, op(x, dy, 2, 2).data().asFloat(), 0f, "libnd4j's op, the same");
        // the general path: one 2x4 window (ties: 5 at (0,3) and (1,2), the first wins) and another
        INDArray dy2 = Nd4j.createFromArray(new float[] {7, 8}).reshape(1, 1, 1, 2);
        new MaxPoolBackward(2, 4, 1).run(x, dy2, dx);
        assertArrayEquals(new float[] {0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8}, dx.data().asFloat(), 0f);
    }

    @Test
    void equalsTheOpBitForBitAfterAReluWithItsManyTies() {
        for (int[] k : new int[][] {{2, 2}, {3, 2}, {2, 3}}) {
            Nd4j.getRandom().setSeed(11 + k[0] + 10L * k[1]);
            INDArray x = Transforms.relu(Nd4j.randn(DataType.FLOAT, 3, 5, 12, 18), false); // half zeros: ties
            INDArray dy = Nd4j.randn(DataType.FLOAT, 3, 5, 12 / k[0], 18 / k[1]);
            INDArray dx = Nd4j.create(DataType.FLOAT, 3, 5, 12, 18);
            new MaxPoolBackward(k[0], k[1], 2).run(x, dy, dx);
            float[] want = op(x, dy, k[0], k[1]).data().asFloat();
            float[] got = dx.data().asFloat();
            for (int i = 0; i < want.length; i++) {
                assertTrue(Float.floatToIntBits(want[i]) == Float.floatToIntBits(got[i]) || (want[i] == 0 && got[i] == 0),
                        k[0] + "x" + k[1] + " at " + i + ": " + want[i] + " against " + got[i]);
            }
        }
    }

    @Test
    void channelsLastByHandAndAgainstTheOpWithItsTies() {
        // NHWC, 1 x 2 x 4 x 2: channel 0 holds the first example's top-left windows (0 0 / 2 3 and 1 5 / 1 2), channel 1
        // ties everywhere (all 7): its first tap, top left, wins in each window
        float[] c0 = {0, 0, 1, 5, 2, 3, 1, 2};
        float[] xv = new float[16];
        for (int i = 0; i < 8; i++) {
            xv[2 * i] = c0[i];
            xv[2 * i + 1] = 7;
        }
        INDArray x = Nd4j.createFromArray(xv).reshape(1, 2, 4, 2);
        INDArray dy = Nd4j.createFromArray(new float[] {10, 11, 20, 21}).reshape(1, 1, 2, 2);
        INDArray dx = Nd4j.create(DataType.FLOAT, 1, 2, 4, 2);
        // window 0 (columns 0-1): channel 0 max 3 at (1, 1); window 1 (columns 2-3): 5 at (0, 3)
        float[] want = new float[16];
        want[(1 * 4 + 1) * 2] = 10;
        want[(0 * 4 + 3) * 2] = 20;
        want[(0 * 4 + 0) * 2 + 1] = 11;
        want[(0 * 4 + 2) * 2 + 1] = 21;
        for (int threads : new int[] {1, 2, 3}) {
            new MaxPoolBackward(2, 2, true, threads).run(x, dy, dx);
            assertArrayEquals(want, dx.data().asFloat(), 0f, threads + " threads");
        }
        assertArrayEquals(want, op(x, dy, 2, 2, true).data().asFloat(), 0f, "libnd4j's op, the same");
        for (int[] k : new int[][] {{2, 2}, {3, 2}, {2, 3}}) {
            Nd4j.getRandom().setSeed(31 + k[0] + 10L * k[1]);
            INDArray xr = Transforms.relu(Nd4j.randn(DataType.FLOAT, 3, 12, 18, 5), false); // half zeros: ties
            INDArray dyr = Nd4j.randn(DataType.FLOAT, 3, 12 / k[0], 18 / k[1], 5);
            INDArray dxr = Nd4j.create(DataType.FLOAT, 3, 12, 18, 5);
            new MaxPoolBackward(k[0], k[1], true, 2).run(xr, dyr, dxr);
            assertSameBits(op(xr, dyr, k[0], k[1], true).data().asFloat(), dxr.data().asFloat(), k[0] + "x" + k[1] + " NHWC");
            // and the NCHW kernel on the same tensor transposed
            INDArray dxc = Nd4j.create(DataType.FLOAT, 3, 5, 12, 18);
            new MaxPoolBackward(k[0], k[1], 1).run(xr.permute(0, 3, 1, 2).dup('c'), dyr.permute(0, 3, 1, 2).dup('c'), dxc);
            assertSameBits(dxc.permute(0, 2, 3, 1).dup('c').data().asFloat(), dxr.data().asFloat(), k[0] + "x" + k[1]
                    + " NHWC against NCHW");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MaxPoolBackward(2, 2, true, 1)
                .run(Nd4j.create(DataType.FLOAT, 1, 3, 4, 2), Nd4j.create(DataType.FLOAT, 1, 1, 2, 2),
                        Nd4j.create(DataType.FLOAT, 1, 3, 4, 2)));
        assertTrue(e.getMessage().contains("NHWC tensor tiled by 2x2"), e.getMessage());
    }

    @Test
    void badShapesAreRefusedWithTheShapeNamed() {
        MaxPoolBackward k = new MaxPoolBackward(2, 2, 2);
        INDArray x = Nd4j.create(DataType.FLOAT, 1, 2, 4, 6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> k.run(Nd4j.create(DataType.FLOAT, 1, 2, 5, 6), Nd4j.create(DataType.FLOAT, 1, 2, 2, 3),
                        Nd4j.create(DataType.FLOAT, 1, 2, 5, 6)));
        assertTrue(e.getMessage().contains("2x2 windows"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> k.run(x, Nd4j.create(DataType.FLOAT, 1, 2, 2, 2), Nd4j.create(DataType.FLOAT, 1, 2, 4, 6)));
        assertTrue(e.getMessage().contains("[1, 2, 2, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> k.run(x, Nd4j.create(DataType.FLOAT, 1, 2, 2, 3), Nd4j.create(DataType.FLOAT, 1, 2, 4, 5)));
        assertThrows(IllegalArgumentException.class, () -> k.run(x.permute(0, 1, 3, 2), Nd4j.create(DataType.FLOAT, 1, 2,
                3, 2), Nd4j.create(DataType.FLOAT, 1, 2, 6, 4)));
        assertThrows(IllegalArgumentException.class, () -> new MaxPoolBackward(0, 2, 1));
    }

    @Test
    void fastOpsReplacesTheWindowedGradientOnly() {
        INDArray x = Nd4j.create(DataType.FLOAT, 1, 1, 4, 4);
        INDArray dy = Nd4j.create(DataType.FLOAT, 1, 1, 2, 2);
        assertNotNull(FastOps.of(DynamicCustomOp.builder("maxpool2d_bp").addInputs(x, dy)
                .addIntegerArguments(windows(2, 2)).build()));
        assertNull(FastOps.of(DynamicCustomOp.builder("maxpool2d_bp").addInputs(x, dy)
                .addIntegerArguments(2, 2, 1, 1, 0, 0, 1, 1, 0, 0, 0).build()), "overlapping windows");
        assertNotNull(FastOps.of(DynamicCustomOp.builder("maxpool2d_bp").addInputs(x, dy)
                .addIntegerArguments(2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 1).build()), "NHWC");
        assertNull(FastOps.of(DynamicCustomOp.builder("maxpool2d_bp").addInputs(x, dy)
                .addIntegerArguments(2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 2).build()), "an unknown layout");
        assertNull(FastOps.of(DynamicCustomOp.builder("maxpool2d_bp").addInputs(x, dy)
                .addIntegerArguments(2, 2, 2, 2, 1, 1, 1, 1, 0, 0, 0).build()), "padded");
    }
}
