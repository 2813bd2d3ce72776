package io.github.srgandl4j.core.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.srgandl4j.core.testing.SharedData;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forward time of the imported shared SRGAN x4 generator on a 1x3x128x128 LR input (512x512 out),
 * after warm-up. Off by default; run with
 * {@code mvn -o -q -pl srgan-core test -Dtest=OnnxForwardTimingTest -Dsrgan.bench=true}.
 */
@EnabledIfSystemProperty(named = "srgan.bench", matches = "true")
class OnnxForwardTimingTest {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxForwardTimingTest.class);

    @Test
    void forwardTime128() {
        java.nio.file.Path file = SharedData.require("models/pretrained/srgan_x4_leftthomas.onnx");
        new OnnxGeneratorImporter().importFile(file); // warm-up of ND4J itself
        long tImport = System.nanoTime();
        ImportedOnnxModel m = new OnnxGeneratorImporter().importFile(file);
        LOG.info("import (parse, translate, probe run) took {} ms", (System.nanoTime() - tImport) / 1_000_000);
        INDArray lr = Nd4j.rand(DataType.FLOAT, 1, 3, 128, 128);
        Map<String, INDArray> in = Map.of(m.inputName(), lr);
        for (int i = 0; i < 2; i++) {
            m.graph().output(in, m.outputName());
        }
        int runs = 5;
        long[] ms = new long[runs];
        INDArray out = null;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            out = m.graph().output(in, m.outputName()).get(m.outputName());
            ms[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        assertArrayEquals(new long[] {1, 3, 512, 512}, out.shape());
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        LOG.info("ONNX SRGAN x4 forward, 1x3x128x128 -> 1x3x512x512, {} threads: runs {} ms, median {} ms",
                Runtime.getRuntime().availableProcessors(), Arrays.toString(ms), sorted[runs / 2]);
    }
}
