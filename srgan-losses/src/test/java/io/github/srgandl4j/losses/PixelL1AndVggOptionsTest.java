package io.github.srgandl4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.losses.vgg.TestHdf5Files;
import io.github.srgandl4j.losses.vgg.Vgg19FeatureExtractor;
import io.github.srgandl4j.losses.vgg.Vgg19Weights;
import io.github.srgandl4j.losses.vgg.VggLayer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The L1 pixel term and the VGG options (before the activation, L1 distance) against plain loops. */
class PixelL1AndVggOptionsTest {
    @TempDir
    Path dir;

    @Test
    void l1PixelTermIsTheWeightedMeanAbsoluteErrorWithSignGradient() {
        Nd4j.getRandom().setSeed(5);
        INDArray a = Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 5).muli(2).subi(1);
        INDArray b = Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 5).muli(2).subi(1);
        double l1 = 0;
        double mse = 0;
        for (int i = 0; i < a.length(); i++) {
            double d = a.getDouble(i) - b.getDouble(i);
            l1 += Math.abs(d);
            mse += d * d;
        }
        l1 /= a.length();
        mse /= a.length();
        PixelAnchoredContentLoss loss = new PixelAnchoredContentLoss(new PixelMseContentLoss(), 0.25, Distance.L1);
        SameDiff sd = SameDiff.create();
        SDVariable sr = sd.var("sr", a);
        SDVariable hr = sd.constant("hr", b);
        SDVariable total = loss.build(sd, "c", sr, hr);
        Map<String, INDArray> out = sd.output(Map.of(), "c", "c/pixel");
        assertEquals(mse + 0.25 * l1, out.get("c").getDouble(0), 1e-12);
        assertEquals(l1, out.get("c/pixel").getDouble(0), 1e-12);
        sd.setLossVariables(total);
        INDArray g = sd.calculateGradients(Map.of(), "sr").get("sr");
        long n = a.length();
        for (int i = 0; i < n; i++) {
            double d = a.getDouble(i) - b.getDouble(i);
            // d/d sr of mse + 0.25 * l1: 2 d / n + 0.25 sign(d) / n
            assertEquals(2 * d / n + 0.25 * Math.signum(d) / n, g.getDouble(i), 1e-12, "element " + i);
        }
        assertEquals("mse + 0.25 x l1", loss.describe());
        assertEquals("mse + 0.25 x mse", new PixelAnchoredContentLoss(new PixelMseContentLoss(), 0.25).describe());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PixelAnchoredContentLoss(new PixelMseContentLoss(), 0, Distance.L1));
        assertEquals("pixel L1 weight must be finite and > 0, got 0.0", e.getMessage());
        assertEquals(Distance.L1, Distance.parse("L1"));
        assertThrows(IllegalArgumentException.class, () -> Distance.parse("l2"));
    }

    /** A VGG19 file with block1_conv1 only: kernel values spread over [-0.5, 0.5] so that some responses are negative. */
    private Vgg19Weights block1Weights() throws Exception {
        Path file = dir.resolve("b1.h5");
        Map<String, INDArray> ds = new HashMap<>();
        INDArray kernel = TestHdf5Files.ramp(3, 3, 3, 64);
        kernel = kernel.div(kernel.maxNumber().doubleValue()).subi(0.5);
        INDArray bias = TestHdf5Files.ramp(64).subi(0.03);
        TestHdf5Files.putKeras2Layer(ds, "", "block1_conv1", kernel, bias);
        TestHdf5Files.write(file, ds);
        return Vgg19Weights.load(file, new VggLayer(1, 1));
    }

    /** block1_conv1 before its ReLU, by loops: Keras preprocessing, zero 'same' padding, HWIO kernel. */
    private static double[][][] conv11(Vgg19Weights w, INDArray img) {
        INDArray k = w.get(new VggLayer(1, 1)).kernel();
        INDArray bias = w.get(new VggLayer(1, 1)).bias();
        double[] mean = {103.939, 116.779, 123.68}; // BGR
        int h = (int) img.size(2);
        int wd = (int) img.size(3);
        double[][][] out = new double[64][h][wd];
        for (int o = 0; o < 64; o++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < wd; x++) {
                    double s = bias.getDouble(o);
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int yy = y + dy;
                            int xx = x + dx;
                            if (yy < 0 || xx < 0 || yy >= h || xx >= wd) {
                                continue;
                            }
                            for (int c = 0; c < 3; c++) { // c: BGR channel = RGB channel 2 - c
                                double v = (img.getDouble(0, 2 - c, yy, xx) + 1) * 127.5 - mean[c];
                                s += v * k.getDouble(dy + 1, dx + 1, c, o);
                            }
                        }
                    }
                    out[o][y][x] = s;
                }
            }
        }
        return out;
    }

    @Test
    void vggFeaturesBeforeTheActivationAndTheL1DistanceMatchLoops() throws Exception {
        Vgg19Weights w = block1Weights();
        Nd4j.getRandom().setSeed(11);
        INDArray a = Nd4j.rand(DataType.FLOAT, 1, 3, 5, 6).muli(2).subi(1);
        INDArray b = Nd4j.rand(DataType.FLOAT, 1, 3, 5, 6).muli(2).subi(1);
        double[][][] fa = conv11(w, a);
        double[][][] fb = conv11(w, b);
        double scale = 1 / 58.0;
        double l1Pre = 0;
        double msePost = 0;
        int negatives = 0;
        int n = 64 * 5 * 6;
        for (int o = 0; o < 64; o++) {
            for (int y = 0; y < 5; y++) {
                for (int x = 0; x < 6; x++) {
                    l1Pre += Math.abs(scale * fa[o][y][x] - scale * fb[o][y][x]);
                    double d = scale * Math.max(fa[o][y][x], 0) - scale * Math.max(fb[o][y][x], 0);
                    msePost += d * d;
                    negatives += fa[o][y][x] < 0 ? 1 : 0;
                }
            }
        }
        l1Pre /= n;
        msePost /= n;
        assertTrue(negatives > n / 10, "the test needs negative responses, has " + negatives);
        Vgg19FeatureExtractor ex = new Vgg19FeatureExtractor(w, new VggLayer(1, 1));
        VggContentLoss pre = new VggContentLoss(ex, scale, true, Distance.L1);
        VggContentLoss post = new VggContentLoss(ex, scale);
        SameDiff sd = SameDiff.create();
        SDVariable sr = sd.constant("sr", a);
        SDVariable hr = sd.constant("hr", b);
        pre.build(sd, "pre", sr, hr);
        post.build(sd, "post", sr, hr);
        Map<String, INDArray> out = sd.output(Map.of(), "pre", "post", "pre/vgg_sr/block1_conv1_preact");
        INDArray feat = out.get("pre/vgg_sr/block1_conv1_preact");
        for (int o = 0; o < 64; o += 7) {
            assertEquals(fa[o][2][3], feat.getDouble(0, o, 2, 3), 1e-3 * (1 + Math.abs(fa[o][2][3])), "channel " + o);
        }
        assertEquals(l1Pre, out.get("pre").getDouble(0), 1e-5 * l1Pre);
        assertEquals(msePost, out.get("post").getDouble(0), 1e-5 * msePost);
        assertTrue(pre.describe().startsWith("vgg19 phi_1,1 before activation l1, features x "), pre.describe());
        assertTrue(post.describe().startsWith("vgg19 phi_1,1 mse, features x "), post.describe());
    }
}
