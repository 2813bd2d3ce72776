package io.github.srgandl4j.core.upscale;

import io.github.srgandl4j.core.model.SuperResolutionModel;

/**
 * Geometric self-ensemble (EDSR's "+" results, BasicSR's {@code self_ensemble}): the network runs on the 8
 * flips and transposes of its input (the symmetries of a square), each output is mapped back, and the 8 are
 * averaged. Typically a little more PSNR for 8 times the work; on a network that is itself symmetric the
 * result is its own output.
 *
 * <p>Transform {@code t} (0-7) transposes height and width if bit 4 is set, then flips the width if bit 1 is set
 * and the height if bit 2 is set; its inverse undoes the flips, then the transpose. Works on one
 * [3, H, W] float tile at a time, as {@link TiledInference} hands them over.
 */
final class SelfEnsemble {
    /** How many transforms are averaged. */
    static final int TRANSFORMS = 8;

    private SelfEnsemble() {}

    /**
     * The mean of the model's outputs on the 8 transforms of {@code tile} ([3, th, tw], C order, in the
     * model's input range), mapped back: [3, th * scale, tw * scale], C order. Sums in double, in a fixed order.
     */
    static float[] forward(SuperResolutionModel model, float[] tile, int th, int tw) {
        int s = model.scale();
        int oh = th * s;
        int ow = tw * s;
        double[] sum = new double[3 * oh * ow];
        for (int t = 0; t < TRANSFORMS; t++) {
            boolean swap = (t & 4) != 0;
            float[] out = TiledInference.forward(model, transform(tile, th, tw, t), swap ? tw : th, swap ? th : tw);
            accumulateInverse(out, oh, ow, t, sum);
        }
        float[] mean = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            mean[i] = (float) (sum[i] / TRANSFORMS);
        }
        return mean;
    }

    /** {@code x} ([3, h, w]) under transform {@code t}: [3, w, h] if it transposes, else [3, h, w]. */
    static float[] transform(float[] x, int h, int w, int t) {
        float[] y = new float[x.length];
        int th = (t & 4) != 0 ? w : h;
        int tw = (t & 4) != 0 ? h : w;
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < h; r++) {
                for (int q = 0; q < w; q++) {
                    y[(c * th + row(r, q, th, t)) * tw + col(r, q, tw, t)] = x[(c * h + r) * w + q];
                }
            }
        }
        return y;
    }

    /**
     * Adds to {@code sum} ([3, h, w]) the output {@code out} of the network on transform {@code t} of the input,
     * mapped back to the input's frame (out is [3, w, h] if {@code t} transposes).
     */
    static void accumulateInverse(float[] out, int h, int w, int t, double[] sum) {
        int th = (t & 4) != 0 ? w : h;
        int tw = (t & 4) != 0 ? h : w;
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < h; r++) {
                for (int q = 0; q < w; q++) {
                    sum[(c * h + r) * w + q] += out[(c * th + row(r, q, th, t)) * tw + col(r, q, tw, t)];
                }
            }
        }
    }

    /** Row, in the transformed frame of height {@code th}, of position (r, q). */
    private static int row(int r, int q, int th, int t) {
        int a = (t & 4) != 0 ? q : r;
        return (t & 2) != 0 ? th - 1 - a : a;
    }

    /** Column, in the transformed frame of width {@code tw}, of position (r, q). */
    private static int col(int r, int q, int tw, int t) {
        int b = (t & 4) != 0 ? r : q;
        return (t & 1) != 0 ? tw - 1 - b : b;
    }
}
