package io.github.srgandl4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.DataFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PolyphaseTest {
    @Test
    void coarseKernelSizes() {
        assertEquals(5, Polyphase.coarseKernelSize(9, 2));
        assertEquals(3, Polyphase.coarseKernelSize(3, 2));
        assertEquals(3, Polyphase.coarseKernelSize(9, 4));
        assertEquals(1, Polyphase.coarseKernelSize(1, 2));
        assertThrows(IllegalArgumentException.class, () -> Polyphase.coarseKernelSize(4, 2));
    }

    @Test
    void oneTapByHand() {
        // 3x3 kernel, 1 input and 1 output channel, r = 2: the centre tap for output phase (0,0) reads
        // input phase (0,0) at coarse offset 0; the tap at fine offset (-1,-1) reads phase (1,1) at coarse (-1,-1)
        INDArray w = Nd4j.zeros(DataType.FLOAT, 3, 3, 1, 1);
        w.putScalar(new int[] {0, 0, 0, 0}, 7f);
        INDArray c = Polyphase.kernel(w, 2);
        assertArrayEquals(new long[] {3, 3, 4, 4}, c.shape());
        // output phase (0,0) (co 0): fine row 2Y + 0 - 1 = 2(Y-1) + 1 -> coarse offset -1 (ey 0), input phase (1,1) (ci 3)
        assertEquals(7f, c.getFloat(0, 0, 3, 0));
        // output phase (1,1) (co 3): fine row 2Y + 1 - 1 = 2Y -> coarse offset 0 (ey 1), input phase (0,0)
        assertEquals(7f, c.getFloat(1, 1, 0, 3));
        assertEquals(4 * 7f, c.sumNumber().floatValue(), 1e-6, "each output phase uses the tap once");
    }

    @Test
    void convolutionAfterTheShuffleEqualsPolyphaseConvolutionBefore() {
        for (int[] kcr : new int[][] {{9, 2}, {3, 2}, {5, 3}}) {
            int k = kcr[0];
            int r = kcr[1];
            int cin = 3;
            int cout = 2;
            Nd4j.getRandom().setSeed(k * 10 + r);
            INDArray x = Nd4j.rand(DataType.FLOAT, 2, r * r * cin, 7, 5).subi(0.5);
            INDArray w = Nd4j.rand(DataType.FLOAT, k, k, cin, cout).subi(0.5);
            INDArray b = Nd4j.rand(DataType.FLOAT, cout);
            SameDiff sd = SameDiff.create();
            SDVariable xv = sd.constant(x);
            SDVariable fine = sd.cnn().conv2d("fine", sd.cnn().depthToSpace(xv, r, DataFormat.NCHW), sd.constant(w),
                    sd.constant(b), Conv2d.config(k, 1));
            long kc = Polyphase.coarseKernelSize(k, r);
            sd.cnn().depthToSpace("poly", sd.cnn().conv2d(xv, sd.constant(Polyphase.kernel(w, r)),
                    sd.constant(Polyphase.bias(b, r)), Conv2d.config(kc, 1)), r, DataFormat.NCHW);
            Map<String, INDArray> out = sd.output(Map.of(), "fine", "poly");
            assertArrayEquals(new long[] {2, cout, 7L * r, 5L * r}, out.get("poly").shape());
            double diff = out.get("fine").sub(out.get("poly")).amaxNumber().doubleValue();
            assertTrue(diff < 1e-5, "k " + k + " r " + r + ": max abs difference " + diff);
        }
    }

    @Test
    void inGraphKernelEqualsHostKernelAndPassesGradients() {
        int k = 9;
        int cin = 4;
        int cout = 3;
        Nd4j.getRandom().setSeed(5);
        INDArray w = Nd4j.rand(DataType.FLOAT, k, k, cin, cout);
        INDArray g = Nd4j.rand(DataType.FLOAT, 5, 5, 16, 12);
        SameDiff sd = SameDiff.create();
        SDVariable wv = sd.var("w", w);
        SDVariable coarse = Polyphase.kernel(sd, wv, k, cin, cout, 2);
        coarse.mul(sd.constant(g)).sum("loss");
        sd.setLossVariables("loss");
        assertEquals(0.0, coarse.eval().sub(Polyphase.kernel(w, 2)).amaxNumber().doubleValue());
        // d loss / d w[i] = sum of g over the coarse elements copying w[i]
        INDArray grad = sd.calculateGradients(Map.of(), "w").get("w");
        int[] idx = Polyphase.kernelIndex(k, cin, cout, 2);
        float[] gf = g.dup('c').data().asFloat();
        float[] expected = new float[(int) w.length()];
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < expected.length) {
                expected[idx[i]] += gf[i];
            }
        }
        assertEquals(0.0, grad.reshape(-1).sub(Nd4j.createFromArray(expected)).amaxNumber().doubleValue(), 1e-5);
        // every fine tap is used by exactly r*r (phase pairs) coarse elements
        int[] uses = new int[expected.length];
        for (int i : idx) {
            if (i < uses.length) {
                uses[i]++;
            }
        }
        for (int u : uses) {
            assertEquals(4, u);
        }
    }
}
