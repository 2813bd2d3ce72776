package io.github.srgandl4j.core.onnx;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Plain-Java loop implementations of the ONNX op semantics (from the ONNX operator spec), as an
 * independent reference for the SameDiff translations. All arrays NCHW, float math in double.
 */
final class ReferenceOps {
    private ReferenceOps() {}

    static double[][][][] toArray(INDArray a) {
        long[] s = a.shape();
        double[][][][] out = new double[(int) s[0]][(int) s[1]][(int) s[2]][(int) s[3]];
        INDArray d = a.castTo(DataType.DOUBLE);
        for (int n = 0; n < s[0]; n++) {
            for (int c = 0; c < s[1]; c++) {
                for (int h = 0; h < s[2]; h++) {
                    for (int w = 0; w < s[3]; w++) {
                        out[n][c][h][w] = d.getDouble(n, c, h, w);
                    }
                }
            }
        }
        return out;
    }

    static INDArray fromArray(double[][][][] a) {
        return Nd4j.createFromArray(a).castTo(DataType.FLOAT);
    }

    /** Conv with weights [M, C/group, kH, kW], pads [top, left, bottom, right]. */
    static INDArray conv(INDArray xIn, INDArray wIn, INDArray bias, int[] strides, int[] pads, int[] dil, int group) {
        double[][][][] x = toArray(xIn);
        double[][][][] w = toArray(wIn);
        int n = x.length, c = x[0].length, h = x[0][0].length, wd = x[0][0][0].length;
        int m = w.length, cg = w[0].length, kh = w[0][0].length, kw = w[0][0][0].length;
        int oh = (h + pads[0] + pads[2] - ((kh - 1) * dil[0] + 1)) / strides[0] + 1;
        int ow = (wd + pads[1] + pads[3] - ((kw - 1) * dil[1] + 1)) / strides[1] + 1;
        int mg = m / group;
        double[][][][] out = new double[n][m][oh][ow];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < m; o++) {
                int g = o / mg;
                for (int y = 0; y < oh; y++) {
                    for (int xx = 0; xx < ow; xx++) {
                        double s = bias == null ? 0 : bias.getDouble(o);
                        for (int i = 0; i < cg; i++) {
                            for (int ky = 0; ky < kh; ky++) {
                                for (int kx = 0; kx < kw; kx++) {
                                    int iy = y * strides[0] - pads[0] + ky * dil[0];
                                    int ix = xx * strides[1] - pads[1] + kx * dil[1];
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                        s += x[b][g * cg + i][iy][ix] * w[o][i][ky][kx];
                                    }
                                }
                            }
                        }
                        out[b][o][y][xx] = s;
                    }
                }
            }
        }
        return fromArray(out);
    }

    /** ConvTranspose with weights [C, M, kH, kW], symmetric pads p, no output padding. */
    static INDArray convTranspose(INDArray xIn, INDArray wIn, INDArray bias, int[] strides, int[] pads) {
        double[][][][] x = toArray(xIn);
        double[][][][] w = toArray(wIn);
        int n = x.length, c = x[0].length, h = x[0][0].length, wd = x[0][0][0].length;
        int m = w[0].length, kh = w[0][0].length, kw = w[0][0][0].length;
        int oh = strides[0] * (h - 1) + kh - 2 * pads[0];
        int ow = strides[1] * (wd - 1) + kw - 2 * pads[1];
        double[][][][] out = new double[n][m][oh][ow];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < m; o++) {
                for (int y = 0; y < oh; y++) {
                    for (int xx = 0; xx < ow; xx++) {
                        out[b][o][y][xx] = bias == null ? 0 : bias.getDouble(o);
                    }
                }
            }
            for (int i = 0; i < c; i++) {
                for (int iy = 0; iy < h; iy++) {
                    for (int ix = 0; ix < wd; ix++) {
                        for (int o = 0; o < m; o++) {
                            for (int ky = 0; ky < kh; ky++) {
                                for (int kx = 0; kx < kw; kx++) {
                                    int y = iy * strides[0] - pads[0] + ky;
                                    int xx = ix * strides[1] - pads[1] + kx;
                                    if (y >= 0 && y < oh && xx >= 0 && xx < ow) {
                                        out[b][o][y][xx] += x[b][i][iy][ix] * w[i][o][ky][kx];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return fromArray(out);
    }

    /** DepthToSpace, mode "CRD" or "DCR". */
    static INDArray depthToSpace(INDArray xIn, int r, String mode) {
        double[][][][] x = toArray(xIn);
        int n = x.length, c = x[0].length / (r * r), h = x[0][0].length, w = x[0][0][0].length;
        double[][][][] out = new double[n][c][h * r][w * r];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int xx = 0; xx < w; xx++) {
                        for (int i = 0; i < r; i++) {
                            for (int j = 0; j < r; j++) {
                                int src = mode.equals("CRD") ? ch * r * r + i * r + j : (i * r + j) * c + ch;
                                out[b][ch][y * r + i][xx * r + j] = x[b][src][y][xx];
                            }
                        }
                    }
                }
            }
        }
        return fromArray(out);
    }

    /**
     * Resize by integer scale s in H and W, following the ONNX reference: source coordinate from the
     * transformation mode, nearest (with nearest_mode) or linear with the neighbours clamped to the border.
     */
    static INDArray resize(INDArray xIn, int s, String mode, String transform, String nearestMode) {
        double[][][][] x = toArray(xIn);
        int n = x.length, c = x[0].length, h = x[0][0].length, w = x[0][0][0].length;
        double[][][][] out = new double[n][c][h * s][w * s];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h * s; y++) {
                    for (int xx = 0; xx < w * s; xx++) {
                        double sy = source(y, s, transform);
                        double sx = source(xx, s, transform);
                        if (mode.equals("nearest")) {
                            int iy = clamp(round(sy, nearestMode), h);
                            int ix = clamp(round(sx, nearestMode), w);
                            out[b][ch][y][xx] = x[b][ch][iy][ix];
                        } else {
                            int y0 = (int) Math.floor(sy);
                            int x0 = (int) Math.floor(sx);
                            double fy = sy - y0;
                            double fx = sx - x0;
                            double[][] p = x[b][ch];
                            out[b][ch][y][xx] = (1 - fy) * ((1 - fx) * p[clamp(y0, h)][clamp(x0, w)] + fx * p[clamp(y0, h)][clamp(x0 + 1, w)])
                                    + fy * ((1 - fx) * p[clamp(y0 + 1, h)][clamp(x0, w)] + fx * p[clamp(y0 + 1, h)][clamp(x0 + 1, w)]);
                        }
                    }
                }
            }
        }
        return fromArray(out);
    }

    private static double source(int o, int s, String transform) {
        return switch (transform) {
            case "half_pixel", "pytorch_half_pixel" -> (o + 0.5) / s - 0.5;
            case "asymmetric" -> (double) o / s;
            default -> throw new IllegalArgumentException(transform);
        };
    }

    private static int round(double v, String mode) {
        return switch (mode) {
            case "floor" -> (int) Math.floor(v);
            case "ceil" -> (int) Math.ceil(v);
            case "round_prefer_floor" -> v - Math.floor(v) == 0.5 ? (int) Math.floor(v) : (int) Math.round(v);
            case "round_prefer_ceil" -> v - Math.floor(v) == 0.5 ? (int) Math.ceil(v) : (int) Math.round(v);
            default -> throw new IllegalArgumentException(mode);
        };
    }

    private static int clamp(int i, int size) {
        return Math.max(0, Math.min(size - 1, i));
    }
}
