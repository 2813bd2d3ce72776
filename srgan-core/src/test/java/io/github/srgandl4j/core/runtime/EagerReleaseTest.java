package io.github.srgandl4j.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class EagerReleaseTest {
    @Test
    void intermediateArraysAreClosedOnReleaseAndResultsAreUnchanged() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 4);
        x.mul(2.0).add(1.0).mul(x).sum("out", 1);
        INDArray in = Nd4j.createFromArray(new float[][] {{1, 2, 3, 4}, {-1, 0, 1, 2}});
        INDArray before = sd.output(Map.of("x", in), "out").get("out");
        EagerRelease.install(sd);
        EagerRelease.install(sd); // idempotent
        assertInstanceOf(EagerRelease.Manager.class, sd.getSessions().get(Thread.currentThread().getId()).getMmgr());
        for (int i = 0; i < 3; i++) {
            INDArray after = sd.output(Map.of("x", in), "out").get("out");
            // (2x + 1) * x summed: 3 + 10 + 21 + 36 = 70; 1 + 0 + 3 + 10 = 14
            assertEquals(70f, after.getFloat(0));
            assertEquals(14f, after.getFloat(1));
            assertTrue(after.equals(before));
        }
        EagerRelease.Manager m = new EagerRelease.Manager();
        INDArray a = m.allocate(false, DataType.FLOAT, 3, 5);
        assertEquals(15, a.length());
        m.release(a);
        assertTrue(a.wasClosed(), "released arrays are freed at once");
    }
}
