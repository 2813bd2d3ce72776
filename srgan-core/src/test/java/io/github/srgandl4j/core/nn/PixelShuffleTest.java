package io.github.srgandl4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.srgandl4j.core.testing.FiniteDifferences;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PixelShuffleTest {
    /** Plain-Java CRD reference: out[n, c, h*r+i, w*r+j] = in[n, c*r*r + i*r + j, h, w]. */
    static float[] reference(float[] in, int n, int c, int h, int w, int r) {
        float[] out = new float[in.length];
        int cin = c * r * r;
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        for (int i = 0; i < r; i++) {
                            for (int j = 0; j < r; j++) {
                                int src = ((b * cin + ch * r * r + i * r + j) * h + y) * w + x;
                                int dst = ((b * c + ch) * h * r + y * r + i) * w * r + x * r + j;
                                out[dst] = in[src];
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void crdMatchesReferenceLoopForTwoInputSizes(int r) {
        SameDiff sd = SameDiff.create();
        int c = 3;
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, c * r * r, -1, -1);
        PixelShuffle.crd(sd, "y", x, c, r);
        for (int[] hw : new int[][] {{5, 7}, {4, 4}}) {
            int n = 2;
            INDArray in = Nd4j.rand(DataType.FLOAT, n, c * r * r, hw[0], hw[1]);
            INDArray out = sd.output(Map.of("x", in), "y").get("y");
            assertArrayEquals(new long[] {n, c, hw[0] * r, hw[1] * r}, out.shape());
            assertArrayEquals(reference(in.data().asFloat(), n, c, hw[0], hw[1], r), out.dup('c').data().asFloat());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void nativeDepthToSpaceOnReorderedChannelsEqualsCrd(int r) {
        int n = 1, c = 4, h = 3, w = 5;
        INDArray crdInput = Nd4j.rand(DataType.FLOAT, n, c * r * r, h, w);
        int[] perm = PixelShuffle.dcrChannelOrder(c, r);
        INDArray dcrInput = Nd4j.create(DataType.FLOAT, crdInput.shape());
        for (int k = 0; k < perm.length; k++) {
            dcrInput.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(k))
                    .assign(crdInput.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                            org.nd4j.linalg.indexing.NDArrayIndex.point(perm[k])));
        }
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, c * r * r, -1, -1);
        PixelShuffle.nativeDcr(sd, "y", x, r);
        INDArray out = sd.output(Map.of("x", dcrInput), "y").get("y");
        assertArrayEquals(reference(crdInput.data().asFloat(), n, c, h, w, r), out.dup('c').data().asFloat());
    }

    @Test
    void reorderOutputChannelsPermutesLastAxis() {
        // kernel [1, 1, 1, C*r*r] with values equal to their CRD channel index
        int c = 2, r = 2;
        INDArray k = Nd4j.arange(0, c * r * r).castTo(DataType.FLOAT).reshape(1, 1, 1, c * r * r);
        INDArray re = PixelShuffle.reorderOutputChannels(k, c, r);
        // position (i*r+j)*C + c holds CRD channel c*r*r + i*r + j: [0, 4, 1, 5, 2, 6, 3, 7]
        assertArrayEquals(new float[] {0, 4, 1, 5, 2, 6, 3, 7}, re.data().asFloat());
    }

    @Test
    void crdGradientMatchesFiniteDifferences() {
        SameDiff sd = SameDiff.create();
        int r = 2, c = 2;
        SDVariable x = sd.var("x", Nd4j.rand(DataType.DOUBLE, 1, c * r * r, 3, 2));
        SDVariable y = PixelShuffle.crd(sd, "y", x, c, r);
        SDVariable weights = sd.constant("wt", Nd4j.rand(DataType.DOUBLE, 1, c, 6, 4));
        y.mul(weights).sum("loss");
        double worst = FiniteDifferences.check(sd, Map.of(), "loss", new String[] {"x"}, 20, 1e-6);
        assertEquals(0, worst, 1e-6);
    }
}
