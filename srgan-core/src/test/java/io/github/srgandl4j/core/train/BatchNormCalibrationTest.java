package io.github.srgandl4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.model.Provenance;
import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.nn.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link BatchNormCalibration} against statistics computed by hand: a one-block generator whose head and first
 * convolution pass the LR image through unchanged (delta kernels, zero biases; LR values are non-negative, so the PReLU
 * passes them too) feeds the LR image itself into its first BN, whose calibrated statistics must then be the average of
 * the batches' per-channel means and (biased) variances of the LR images, times n / (n - 1) for the variance.
 */
class BatchNormCalibrationTest {
    private static final int BATCHES = 3;

    private static SrResNetModel passThroughModel() {
        SrResNetModel m = SrResNetModel.initialise(SrResNetConfig.of(4, 1, 3), 5);
        Parameters p = m.parameters();
        delta(p.get("head/conv/W"), 4);
        p.get("head/conv/b").assign(0);
        delta(p.get("res0/conv1/W"), 1);
        p.get("res0/conv1/b").assign(0);
        m.invalidate();
        return m;
    }

    private static void delta(INDArray w, int centre) { // [k, k, in, out]
        w.assign(0);
        for (int c = 0; c < w.size(2); c++) {
            w.putScalar(new long[] {centre, centre, c, c}, 1.0);
        }
    }

    @Test
    void theFirstBnGetsTheAverageMomentsOfTheLrImages() {
        SrResNetModel model = passThroughModel();
        float[] before = model.parameters().get("res0/bn1/running_var").toFloatVector();
        SyntheticBatches batches = new SyntheticBatches(4, 16, 4, 11, -1);
        List<Integer> progress = new ArrayList<>();
        BatchNormCalibration.Result r = BatchNormCalibration.calibrate(model, batches, BATCHES, progress::add);

        double[] mean = new double[3];
        double[] var = new double[3];
        long n = 0;
        for (int i = 0; i < BATCHES; i++) {
            try (Batch b = batches.batch(i)) {
                INDArray lr = b.lr();
                n = lr.size(0) * lr.size(2) * lr.size(3);
                for (int c = 0; c < 3; c++) {
                    double s = 0;
                    double s2 = 0;
                    for (int k = 0; k < lr.size(0); k++) {
                        for (int y = 0; y < lr.size(2); y++) {
                            for (int x = 0; x < lr.size(3); x++) {
                                double v = lr.getDouble(k, c, y, x);
                                s += v;
                                s2 += v * v;
                            }
                        }
                    }
                    double m = s / n;
                    mean[c] += m / BATCHES;
                    var[c] += (s2 / n - m * m) / BATCHES;
                }
            }
        }
        INDArray rm = r.model().parameters().get("res0/bn1/running_mean");
        INDArray rv = r.model().parameters().get("res0/bn1/running_var");
        for (int c = 0; c < 3; c++) {
            assertEquals(mean[c], rm.getDouble(c), 1e-6, "running mean, channel " + c);
            assertEquals(var[c] * n / (n - 1.0), rv.getDouble(c), 1e-5 * var[c], "running variance, channel " + c);
        }
        assertEquals(List.of(1, 2, 3), progress);
        assertEquals(3, r.layers()); // res0/bn1, res0/bn2, mid/bn
        assertEquals(BATCHES, r.batches());
        assertTrue(r.largestRelativeVarianceChange() > 0);
        // the input model is untouched; weights are copied unchanged; provenance says what was done
        assertArrayEquals(before, model.parameters().get("res0/bn1/running_var").toFloatVector());
        assertArrayEquals(model.parameters().get("res0/conv2/W").ravel().toFloatVector(),
                r.model().parameters().get("res0/conv2/W").ravel().toFloatVector());
        assertNotEquals(model.parameters().get("mid/bn/running_mean").getDouble(0),
                r.model().parameters().get("mid/bn/running_mean").getDouble(0));
        assertEquals("3 batches of 4 x 16 crops from synthetic(batch 4, crop 16, seed 11)",
                r.model().provenance().details().get("bn_calibration"));
    }

    @Test
    void theTrainersValidationScoresAreKeptAsBeforeCalibration() {
        SrResNetModel m = passThroughModel();
        SrResNetModel scored = new SrResNetModel(m.name(), m.config(), m.parameters(), new Provenance("x", "t",
                Map.of("validation", "Set5/HR", "validationPsnr", "30.94", "validationNiqe", "8.1", "iterations", "7")));
        Map<String, String> d = BatchNormCalibration.calibrate(scored, new SyntheticBatches(2, 16, 4, 1, -1), 1, null)
                .model().provenance().details();
        assertEquals("30.94", d.get("validationPsnrBeforeCalibration"));
        assertEquals("8.1", d.get("validationNiqeBeforeCalibration"));
        assertFalse(d.containsKey("validationPsnr"), d.toString());
        assertFalse(d.containsKey("validationNiqe"), d.toString());
        assertEquals("Set5/HR", d.get("validation"));
        assertEquals("7", d.get("iterations"));
    }

    @Test
    void badArgumentsAreRefusedNaNBatchesNamed() {
        SrResNetModel model = passThroughModel();
        assertThrows(IllegalArgumentException.class,
                () -> BatchNormCalibration.calibrate(model, new SyntheticBatches(2, 16, 4, 1, -1), 0, null));
        IllegalArgumentException scale = assertThrows(IllegalArgumentException.class,
                () -> BatchNormCalibration.calibrate(model, new SyntheticBatches(2, 16, 2, 1, -1), 1, null));
        assertEquals("the batches are x2, the model x4", scale.getMessage());
        IllegalStateException nan = assertThrows(IllegalStateException.class,
                () -> BatchNormCalibration.calibrate(model, new SyntheticBatches(2, 16, 4, 1, 1), 2, null));
        assertTrue(nan.getMessage().startsWith("batch 1 gave a non-finite BN statistic in layer res0/bn1"), nan.getMessage());
    }
}
