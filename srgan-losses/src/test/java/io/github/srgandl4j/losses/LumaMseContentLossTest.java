package io.github.srgandl4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LumaMseContentLossTest {

    /** A graph sr, hr (placeholders) -> loss, with sr's gradient available. */
    private static SameDiff graph(NamedContentLoss loss) {
        SameDiff sd = SameDiff.create();
        SDVariable sr = sd.var("sr", DataType.FLOAT, 1, 3, 1, 2);
        SDVariable hr = sd.placeHolder("hr", DataType.FLOAT, 1, 3, 1, 2);
        loss.build(sd, "content", sr, hr).markAsLoss();
        return sd;
    }

    private static double value(NamedContentLoss loss, INDArray sr, INDArray hr) {
        SameDiff sd = graph(loss);
        sd.getVariable("sr").setArray(sr);
        return sd.output(Map.of("hr", hr), "content").get("content").getDouble(0);
    }

    /** Two pixels [1, 3, 1, 2]: channel c of pixel p at (c, p). */
    private static INDArray image(double[][] rgbOfPixels) {
        INDArray a = Nd4j.zeros(DataType.FLOAT, 1, 3, 1, 2);
        for (int p = 0; p < 2; p++) {
            for (int c = 0; c < 3; c++) {
                a.putScalar(new long[] {0, c, 0, p}, rgbOfPixels[p][c]);
            }
        }
        return a;
    }

    @Test
    void lumaMseOnAHandExample() {
        // pixel 1: d = (0.5, -0.5, 0.25) -> dY = (65.481 * 0.5 - 128.553 * 0.5 + 24.966 * 0.25) / 255 = -0.0991941
        // pixel 2: d = (0.1, 0.1, 0.1) -> dY = 0.1 * 219 / 255 = 0.0858824; mean of the squares 0.0086076258
        INDArray sr = image(new double[][] {{0.5, -0.5, 0.25}, {0.2, 0.2, 0.2}});
        INDArray hr = image(new double[][] {{0, 0, 0}, {0.1, 0.1, 0.1}});
        assertEquals(0.0086076258, value(new LumaMseContentLoss(), sr, hr), 2e-8);
        assertEquals("mse-y", new LumaMseContentLoss().describe());
    }

    @Test
    void aColourChangeThatKeepsTheLumaCostsNothing() {
        // dG chosen so that 65.481 dR + 128.553 dG + 24.966 dB = 0: invisible to PSNR on Y, not to the RGB MSE
        double dr = 0.4, db = -0.3;
        double dg = -(65.481 * dr + 24.966 * db) / 128.553;
        INDArray sr = image(new double[][] {{dr, dg, db}, {-dr, -dg, -db}});
        INDArray hr = Nd4j.zeros(DataType.FLOAT, 1, 3, 1, 2);
        assertEquals(0, value(new LumaMseContentLoss(), sr, hr), 1e-9);
        assertTrue(value(new PixelMseContentLoss(), sr, hr) > 0.05);
    }

    @Test
    void itsGradientMatchesFiniteDifferences() {
        INDArray sr = image(new double[][] {{0.5, -0.5, 0.25}, {0.2, 0.7, -0.2}});
        INDArray hr = image(new double[][] {{0.1, 0.3, -0.4}, {0.1, 0.1, 0.1}});
        SameDiff sd = graph(new LumaMseContentLoss());
        sd.getVariable("sr").setArray(sr.dup());
        INDArray grad = sd.calculateGradients(Map.of("hr", hr), "sr").get("sr");
        double h = 1e-3;
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < 2; p++) {
                long[] at = {0, c, 0, p};
                INDArray plus = sr.dup();
                plus.putScalar(at, sr.getDouble(at) + h);
                INDArray minus = sr.dup();
                minus.putScalar(at, sr.getDouble(at) - h);
                double fd = (value(new LumaMseContentLoss(), plus, hr) - value(new LumaMseContentLoss(), minus, hr)) / (2 * h);
                assertEquals(fd, grad.getDouble(at), 2e-4, "d loss / d sr at channel " + c + ", pixel " + p);
            }
        }
    }

    @Test
    void theSpecNamesIt() throws Exception {
        assertEquals(ContentLossSpec.lumaMse(), ContentLossSpec.parse("MSE-Y"));
        assertEquals(ContentLossSpec.lumaMse(), ContentLossSpec.parse("mse-luma"));
        assertEquals("mse-y", ContentLossSpec.lumaMse().toString());
        assertTrue(NamedContentLoss.create(ContentLossSpec.lumaMse(), 1 / 12.75, (Path) null) instanceof LumaMseContentLoss);
    }
}
