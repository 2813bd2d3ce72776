package io.github.srgandl4j.losses.vgg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.srgandl4j.core.runtime.ProcessMemory;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The backward pass of {@link KerasVggPreprocessing} and its memory behaviour in training. */
class KerasVggPreprocessingTest {
    private static final Logger LOG = LoggerFactory.getLogger(KerasVggPreprocessingTest.class);

    /** d/dx sum(g * pre(x)) = 127.5 * g with the channel order reversed (BGR gradient back to RGB). */
    @Test
    void gradientIsTheScaledChannelReversedUpstreamGradient() {
        SameDiff sd = SameDiff.create();
        Nd4j.getRandom().setSeed(5);
        INDArray x0 = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 5).muli(2).subi(1);
        INDArray g = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 5);
        SDVariable x = sd.var("x", x0);
        SDVariable weighted = KerasVggPreprocessing.apply(sd, x, "pre").mul(sd.constant("g", g));
        weighted.sum("loss");
        sd.setLossVariables("loss");
        INDArray grad = sd.calculateGradients(Map.of(), "x").get("x");

        float[] expected = new float[(int) g.length()];
        int i = 0;
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                for (int h = 0; h < 4; h++) {
                    for (int w = 0; w < 5; w++) {
                        expected[i++] = 127.5f * g.getFloat(n, 2 - c, h, w);
                    }
                }
            }
        }
        assertArrayEquals(expected, grad.dup('c').data().asFloat(), 1e-3f);
    }

    /** Two branches share the constants; a foreign variable under their name is refused, not reused. */
    @Test
    void constantsAreSharedButNeverTakenFromSomethingElse() {
        SameDiff sd = SameDiff.create();
        SDVariable a = sd.placeHolder("a", DataType.FLOAT, -1, 3, 2, 2);
        SDVariable b = sd.placeHolder("b", DataType.FLOAT, -1, 3, 2, 2);
        KerasVggPreprocessing.apply(sd, a, "preA");
        int before = sd.variables().size();
        KerasVggPreprocessing.apply(sd, b, "preB");
        assertEquals(before + 1, sd.variables().size(), "the second branch adds only its output");

        SameDiff other = SameDiff.create();
        other.var(KerasVggPreprocessing.KERNEL_CONSTANT, Nd4j.ones(DataType.FLOAT, 1, 1, 3, 3));
        SDVariable x = other.placeHolder("x", DataType.FLOAT, -1, 3, 2, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KerasVggPreprocessing.apply(other, x, "pre"));
        assertTrue(e.getMessage().contains(KerasVggPreprocessing.KERNEL_CONSTANT), e.getMessage());

        SameDiff wrongValue = SameDiff.create();
        wrongValue.constant(KerasVggPreprocessing.BIAS_CONSTANT, Nd4j.zeros(DataType.FLOAT, 3));
        SDVariable y = wrongValue.placeHolder("y", DataType.FLOAT, -1, 3, 2, 2);
        assertThrows(IllegalStateException.class, () -> KerasVggPreprocessing.apply(wrongValue, y, "pre"));
    }

    /**
     * Regression test: with M2.1's {@code reverse} op for RGB -> BGR, every {@code fit()} through the
     * preprocessing leaked about 80 MB of native memory (batch 16 x 3 x 96 x 96; measured 343 -> 1250 MB over 12
     * steps), which made SRGAN training run out of memory after ~100 steps. Resident memory must now stay flat.
     */
    @Test
    void trainingThroughThePreprocessingDoesNotGrowResidentMemory() throws Exception {
        assumeTrue(ProcessMemory.rssKib() >= 0, "needs Linux /proc to read resident memory");
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3, 96, 96);
        SDVariable hr = sd.placeHolder("hr", DataType.FLOAT, -1, 3, 96, 96);
        SDVariable sr = x.mul(sd.var("w", Nd4j.ones(DataType.FLOAT, 1, 3, 1, 1)));
        SDVariable d = KerasVggPreprocessing.apply(sd, sr, "pre_sr").sub(KerasVggPreprocessing.apply(sd, hr, "pre_hr"));
        sd.math().square(d).mean("loss");
        sd.setLossVariables("loss");
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(1e-4))
                .dataSetFeatureMapping("x").dataSetLabelMapping("hr").build());
        INDArray xs = Nd4j.rand(DataType.FLOAT, 16, 3, 96, 96);
        INDArray hrs = Nd4j.rand(DataType.FLOAT, 16, 3, 96, 96);
        MultiDataSet batch = new MultiDataSet(new INDArray[] {xs}, new INDArray[] {hrs});
        long after3 = 0;
        for (int i = 1; i <= 14; i++) {
            sd.fit(batch);
            if (i == 3) {
                after3 = residentMiB();
            }
        }
        long after14 = residentMiB();
        LOG.info("resident memory after step 3: {} MiB, after step 14: {} MiB", after3, after14);
        // with reverse: 534 -> 1462 MiB; without: 300 -> 374 MiB (allocator warm-up); the bound lies between
        assertTrue(after14 - after3 < 300, "resident memory grew from " + after3 + " to " + after14 + " MiB in 11 steps");
    }

    private static long residentMiB() throws InterruptedException {
        System.gc();
        Thread.sleep(100);
        return ProcessMemory.rssKib() / 1024;
    }
}
