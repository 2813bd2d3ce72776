package io.github.srgandl4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/** Checks that the test backend is the oneDNN build of nd4j-native and computes correctly. */
class BackendProbeTest {
    @Test
    void cpuBackendIsOneDnnBuildAndComputes() {
        INDArray a = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}});
        INDArray b = Nd4j.createFromArray(new float[][] {{5, 6}, {7, 8}});
        INDArray c = a.mmul(b);
        assertEquals(DataType.FLOAT, c.dataType());
        assertEquals(19f, c.getFloat(0, 0));
        assertEquals(22f, c.getFloat(0, 1));
        assertEquals(43f, c.getFloat(1, 0));
        assertEquals(50f, c.getFloat(1, 1));
        if ("CPU".equals(Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"))) {
            String info = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
            assertTrue(info.contains("HAVE_ONEDNN"), "expected the oneDNN build of nd4j-native, got: " + info);
        }
    }
}
