package io.github.srgandl4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Spectral normalisation against a matrix with known singular values and against finite differences. */
class SpectralNormTest {
    /** W = R(a) diag(3, 1.5, 0.5) R(b)^T as a [3, 3] matrix, R rotations about different axes: singular values 3, 1.5, 0.5. */
    private static double[][] knownMatrix() {
        double a = 0.7;
        double b = -0.4;
        double[][] r1 = {{Math.cos(a), -Math.sin(a), 0}, {Math.sin(a), Math.cos(a), 0}, {0, 0, 1}};
        double[][] r2 = {{1, 0, 0}, {0, Math.cos(b), -Math.sin(b)}, {0, Math.sin(b), Math.cos(b)}};
        double[] s = {3, 1.5, 0.5};
        double[][] w = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    w[i][j] += r1[i][k] * s[k] * r2[j][k];
                }
            }
        }
        return w;
    }

    private static Parameters layer(double[][] w, long seed) {
        Parameters p = new Parameters();
        p.add("fc/W", Parameters.Role.TRAINABLE, Nd4j.createFromArray(w).castTo(DataType.DOUBLE));
        Parameters f = new Parameters();
        f.add("fc/W", Parameters.Role.TRAINABLE, Nd4j.createFromArray(w).castTo(DataType.FLOAT));
        SpectralNorm.declare(f, "fc", w.length, w[0].length, new SplittableRandom(seed));
        p.add("fc/sn_u", Parameters.Role.STATE, f.get("fc/sn_u").castTo(DataType.DOUBLE));
        p.add("fc/sn_v", Parameters.Role.STATE, f.get("fc/sn_v").castTo(DataType.DOUBLE));
        return p;
    }

    @Test
    void powerIterationFindsTheLargestSingularValueAndTheGraphDividesByIt() {
        double[][] w = knownMatrix();
        Parameters p = layer(w, 3);
        for (int i = 0; i < 60; i++) {
            SpectralNorm.powerIteration(p.get("fc/W"), p.get("fc/sn_u"), p.get("fc/sn_v"));
        }
        SameDiff sd = SameDiff.create();
        GraphContext g = new GraphContext(sd, p, Phase.TRAIN, GraphContext.Binding.VARIABLES);
        SDVariable wsn = SpectralNorm.apply(g, "fc", g.tensor("fc/W"));
        Map<String, INDArray> out = sd.output(Map.of(), wsn.name(), "fc/sigma");
        assertEquals(3.0, out.get("fc/sigma").getDouble(0), 1e-9);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(w[i][j] / 3, out.get(wsn.name()).getDouble(i, j), 1e-9, "W_sn[" + i + "][" + j + "]");
            }
        }
    }

    /** sum(c * W / (v^T W u)) for fixed u, v, by loops. */
    private static double loss(double[][] w, double[][] c, double[] u, double[] v) {
        double sigma = 0;
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < w[0].length; j++) {
                sigma += v[i] * w[i][j] * u[j];
            }
        }
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < w[0].length; j++) {
                s += c[i][j] * w[i][j] / sigma;
            }
        }
        return s;
    }

    @Test
    void gradientFlowsThroughTheWeightAndSigmaNotThroughUAndV() {
        double[][] w = {{1.0, -0.5}, {0.25, 2.0}, {-1.5, 0.75}}; // 3 inputs, 2 outputs
        double[][] c = {{0.3, -1.2}, {0.8, 0.5}, {-0.7, 1.1}};
        Parameters p = layer(w, 5);
        SpectralNorm.powerIteration(p.get("fc/W"), p.get("fc/sn_u"), p.get("fc/sn_v"));
        double[] u = p.get("fc/sn_u").dup().data().asDouble();
        double[] v = p.get("fc/sn_v").dup().data().asDouble();
        SameDiff sd = SameDiff.create();
        GraphContext g = new GraphContext(sd, p, Phase.TRAIN, GraphContext.Binding.VARIABLES);
        SDVariable wsn = SpectralNorm.apply(g, "fc", g.tensor("fc/W"));
        SDVariable l = wsn.mul(sd.constant("c", Nd4j.createFromArray(c))).sum("l");
        sd.setLossVariables(l);
        assertEquals(loss(w, c, u, v), sd.output(Map.of(), "l").get("l").getDouble(0), 1e-12);
        INDArray grad = sd.calculateGradients(Map.of(), "fc/W").get("fc/W");
        double h = 1e-6;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                double[][] plus = {w[0].clone(), w[1].clone(), w[2].clone()};
                double[][] minus = {w[0].clone(), w[1].clone(), w[2].clone()};
                plus[i][j] += h;
                minus[i][j] -= h;
                double fd = (loss(plus, c, u, v) - loss(minus, c, u, v)) / (2 * h);
                assertEquals(fd, grad.getDouble(i, j), 1e-7, "dL/dW[" + i + "][" + j + "]");
            }
        }
    }
}
