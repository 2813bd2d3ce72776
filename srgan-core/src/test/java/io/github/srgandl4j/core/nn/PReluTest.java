package io.github.srgandl4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** PReLU's value and gradients against PyTorch's definition computed by hand, per element. */
class PReluTest {
    private static final int N = 2, C = 3, H = 4, W = 5;

    @Test
    void valuesAndGradientsMatchTheDefinition() {
        Parameters p = new Parameters();
        PRelu.declare(p, "act", C);
        float[] a = {0.25f, -0.5f, 1.5f};
        p.get("act/alpha").assign(Nd4j.createFromArray(a));
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.randn(DataType.FLOAT, N, C, H, W);
        x.putScalar(new long[] {0, 0, 0, 0}, 0f); // an exact zero: gradient alpha (PyTorch: x > 0 ? 1 : alpha)
        INDArray w = Nd4j.randn(DataType.FLOAT, N, C, H, W);
        SameDiff sd = SameDiff.create();
        SDVariable xv = sd.var("x", x);
        SDVariable y = PRelu.apply(new GraphContext(sd, p, Phase.TRAIN, GraphContext.Binding.VARIABLES), "act", xv);
        y.mul(sd.constant("w", w)).sum("loss");
        sd.setLossVariables("loss");
        INDArray out = sd.output(Map.<String, INDArray>of(), "act").get("act");
        Map<String, INDArray> grads = sd.calculateGradients(Map.of(), List.of("x", "act/alpha"));
        double[] gAlpha = new double[C];
        for (int n = 0; n < N; n++) {
            for (int c = 0; c < C; c++) {
                for (int h = 0; h < H; h++) {
                    for (int k = 0; k < W; k++) {
                        float v = x.getFloat(n, c, h, k);
                        float g = w.getFloat(n, c, h, k);
                        String at = "[" + n + "," + c + "," + h + "," + k + "]";
                        assertEquals(v > 0 ? v : a[c] * v, out.getFloat(n, c, h, k), 1e-6, "value " + at);
                        assertEquals(v > 0 ? g : a[c] * g, grads.get("x").getFloat(n, c, h, k), 1e-6, "dx " + at);
                        gAlpha[c] += Math.min(v, 0) * g;
                    }
                }
            }
        }
        for (int c = 0; c < C; c++) {
            assertEquals(gAlpha[c], grads.get("act/alpha").getDouble(c), 1e-4, "d alpha " + c);
        }
    }
}
