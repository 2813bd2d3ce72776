package io.github.srgandl4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PixelAnchoredContentLossTest {
    @Test
    void addsTheWeightedPixelMseToTheMainLoss() {
        Nd4j.getRandom().setSeed(3);
        INDArray a = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 5).muli(2).subi(1);
        INDArray b = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 5).muli(2).subi(1);
        double mse = 0;
        for (int i = 0; i < a.length(); i++) {
            double d = a.getDouble(i) - b.getDouble(i);
            mse += d * d;
        }
        mse /= a.length();
        // a main loss that is itself a pixel MSE, scaled: main = 3 * mse; total = 3 * mse + 0.5 * mse
        NamedContentLoss main = new NamedContentLoss() {
            @Override
            public SDVariable build(SameDiff sd, String name, SDVariable sr, SDVariable hr) {
                return Losses.mse(sd, name + "/inner", sr, hr).mul(name, 3.0);
            }

            @Override
            public String describe() {
                return "3 x mse";
            }
        };
        PixelAnchoredContentLoss loss = new PixelAnchoredContentLoss(main, 0.5);
        SameDiff sd = SameDiff.create();
        SDVariable sr = sd.placeHolder("sr", DataType.FLOAT, -1, 3, -1, -1);
        SDVariable hr = sd.placeHolder("hr", DataType.FLOAT, -1, 3, -1, -1);
        SDVariable total = loss.build(sd, "c", sr, hr);
        Map<String, INDArray> out = sd.output(Map.of("sr", a, "hr", b), total.name(), "c/main", "c/pixel");
        assertEquals(3.5 * mse, out.get("c").getDouble(0), 1e-5);
        assertEquals(3 * mse, out.get("c/main").getDouble(0), 1e-5);
        assertEquals(mse, out.get("c/pixel").getDouble(0), 1e-6);
        assertEquals("3 x mse + 0.5 x mse", loss.describe());
    }

    @Test
    void refusesWeightsThatAreNotPositiveAndFinite() {
        for (double w : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new PixelAnchoredContentLoss(new PixelMseContentLoss(), w));
            assertEquals("pixel MSE weight must be finite and > 0, got " + w, e.getMessage());
        }
    }
}
