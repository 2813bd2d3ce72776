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

/** {@link Losses#phaseBias} and {@link GridPenaltyContentLoss} against loops over the pixels. */
class GridPenaltyContentLossTest {
    private static final int N = 2, C = 3, H = 9, W = 10, R = 4;

    /** Phase means of a - b by hand: rows and columns 0..7 only (two whole periods each). */
    private static double[][] phaseMeans(INDArray a, INDArray b) {
        double[][] m = new double[R][R];
        int per = N * C * (H / R) * (W / R);
        for (int n = 0; n < N; n++) {
            for (int c = 0; c < C; c++) {
                for (int y = 0; y < H / R * R; y++) {
                    for (int x = 0; x < W / R * R; x++) {
                        m[y % R][x % R] += (a.getDouble(n, c, y, x) - b.getDouble(n, c, y, x)) / per;
                    }
                }
            }
        }
        return m;
    }

    private static INDArray[] inputs() {
        Nd4j.getRandom().setSeed(11);
        INDArray a = Nd4j.rand(DataType.FLOAT, N, C, H, W).muli(2).subi(1);
        INDArray b = Nd4j.rand(DataType.FLOAT, N, C, H, W).muli(2).subi(1);
        // a fixed pattern on top, as a generator's grid: +0.3 at phase (0, 1), -0.2 at phase (3, 2)
        for (int n = 0; n < N; n++) {
            for (int c = 0; c < C; c++) {
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        double p = (y % R == 0 && x % R == 1) ? 0.3 : (y % R == 3 && x % R == 2) ? -0.2 : 0;
                        a.putScalar(new long[] {n, c, y, x}, a.getDouble(n, c, y, x) + p);
                    }
                }
            }
        }
        return new INDArray[] {a, b};
    }

    @Test
    void valueAndGradientMatchTheLoops() {
        INDArray[] ab = inputs();
        double[][] m = phaseMeans(ab[0], ab[1]);
        double mean = 0;
        for (double[] row : m) {
            for (double v : row) {
                mean += v / (R * R);
            }
        }
        double expected = 0;
        for (double[] row : m) {
            for (double v : row) {
                expected += (v - mean) * (v - mean) / (R * R);
            }
        }
        SameDiff sd = SameDiff.create();
        SDVariable a = sd.var("a", ab[0]);
        SDVariable b = sd.constant("b", ab[1]);
        SDVariable loss = Losses.phaseBias(sd, "grid", a, b, C, R);
        sd.setLossVariables(loss.name());
        assertEquals(expected, sd.output(Map.of(), "grid").get("grid").getDouble(0), 1e-6);

        // d/da[n,c,y,x] = 2 (m[y%R][x%R] - mean) / R^2 / (N C (H/R) (W/R)) inside whole periods (the mean's own
        // derivative sums to zero over the phases), 0 in the left-over rows/columns
        INDArray g = sd.calculateGradients(Map.of(), "a").get("a");
        int per = N * C * (H / R) * (W / R);
        for (int n = 0; n < N; n++) {
            for (int c = 0; c < C; c++) {
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        double want = y < 8 && x < 8 ? 2 * (m[y % R][x % R] - mean) / (R * R) / per : 0;
                        assertEquals(want, g.getDouble(n, c, y, x), 1e-7, "gradient at " + n + "," + c + "," + y + "," + x);
                    }
                }
            }
        }
    }

    /** An error that is the same at every phase (a brightness offset) is no grid; the pattern on top of it is. */
    @Test
    void anOverallOffsetIsNotAGrid() {
        INDArray[] ab = inputs();
        SameDiff sd = SameDiff.create();
        SDVariable a = sd.placeHolder("a", DataType.FLOAT, N, C, H, W);
        SDVariable b = sd.placeHolder("b", DataType.FLOAT, N, C, H, W);
        Losses.phaseBias(sd, "grid", a, b, C, R);
        double plain = sd.output(Map.of("a", ab[0], "b", ab[1]), "grid").get("grid").getDouble(0);
        double offset = sd.output(Map.of("a", ab[0].add(0.25), "b", ab[1]), "grid").get("grid").getDouble(0);
        assertEquals(plain, offset, 1e-7);
        assertEquals(0, sd.output(Map.of("a", ab[1].add(0.25), "b", ab[1]), "grid").get("grid").getDouble(0), 1e-9);
        // the pattern alone (+0.3 at one phase, -0.2 at another, of 16): variance of {0.3, -0.2, 0 x 14}
        double m = 0.1 / 16;
        double want = ((0.3 - m) * (0.3 - m) + (-0.2 - m) * (-0.2 - m) + 14 * m * m) / 16;
        INDArray pattern = Nd4j.zeros(DataType.FLOAT, N, C, H, W);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                double p = (y % R == 0 && x % R == 1) ? 0.3 : (y % R == 3 && x % R == 2) ? -0.2 : 0;
                for (int n = 0; n < N; n++) {
                    for (int c = 0; c < C; c++) {
                        pattern.putScalar(new long[] {n, c, y, x}, p + 0.25);
                    }
                }
            }
        }
        assertEquals(want, sd.output(Map.of("a", pattern, "b", Nd4j.zeros(DataType.FLOAT, N, C, H, W)), "grid")
                .get("grid").getDouble(0), 1e-7);
    }

    @Test
    void contentLossAddsTheWeightedPenalty() {
        INDArray[] ab = inputs();
        SameDiff sd = SameDiff.create();
        SDVariable sr = sd.placeHolder("sr", DataType.FLOAT, -1, 3, -1, -1);
        SDVariable hr = sd.placeHolder("hr", DataType.FLOAT, -1, 3, -1, -1);
        GridPenaltyContentLoss loss = new GridPenaltyContentLoss(new PixelMseContentLoss(), R, 50);
        loss.build(sd, "c", sr, hr);
        Map<String, INDArray> out = sd.output(Map.of("sr", ab[0], "hr", ab[1]), "c", "c/main", "c/grid");
        double grid = out.get("c/grid").getDouble(0);
        assertEquals(out.get("c/main").getDouble(0) + 50 * grid, out.get("c").getDouble(0), 1e-5);
        assertEquals(ab[0].sub(ab[1]).muli(ab[0].sub(ab[1])).meanNumber().doubleValue(), out.get("c/main").getDouble(0), 1e-6);
        assertEquals("mse + 50.0 x phase bias (period 4)", loss.describe());
    }

    @Test
    void refusesBadArguments() {
        assertEquals("grid penalty weight must be finite and > 0, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> new GridPenaltyContentLoss(new PixelMseContentLoss(), 4, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GridPenaltyContentLoss(new PixelMseContentLoss(), 4, Double.NaN));
        assertEquals("grid period must be >= 2 pixels, got 1", assertThrows(IllegalArgumentException.class,
                () -> new GridPenaltyContentLoss(new PixelMseContentLoss(), 1, 1)).getMessage());
    }
}
