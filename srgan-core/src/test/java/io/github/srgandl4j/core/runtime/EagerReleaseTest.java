package io.github.srgandl4j.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
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
    }

    @Test
    void smallArraysAreFreedAtOnceLargeOnesReusedUpToTheCap() {
        System.setProperty(EagerRelease.Manager.POOL_PROPERTY, "256");
        EagerRelease.Manager m;
        try {
            m = new EagerRelease.Manager();
        } finally {
            System.clearProperty(EagerRelease.Manager.POOL_PROPERTY);
        }
        INDArray small = m.allocate(false, DataType.FLOAT, 3, 5);
        assertEquals(15, small.length());
        m.release(small);
        assertTrue(small.wasClosed(), "small arrays are freed at once");

        long[] big = {1, 64, 256, 256}; // 16 MiB: pooled
        INDArray a = m.allocate(false, DataType.FLOAT, big);
        m.release(a);
        assertTrue(!a.wasClosed());
        assertEquals(16L << 20, m.pooledBytes());
        assertSame(a, m.allocate(false, DataType.FLOAT, big), "same shape reuses the pooled array");
        assertEquals(0, m.pooledBytes());
        INDArray other = m.allocate(false, DataType.FLOAT, 1, 64, 256, 256);
        assertNotSame(a, other);

        // the pool holds at most its cap (256 MiB): the 17th 16 MiB array is freed
        INDArray[] many = new INDArray[17];
        for (int i = 0; i < many.length; i++) {
            many[i] = m.allocate(false, DataType.FLOAT, big);
        }
        for (INDArray x : many) {
            m.release(x);
        }
        assertEquals(256L << 20, m.pooledBytes());
        assertTrue(many[16].wasClosed(), "over the cap: freed");
        m.close();
        assertEquals(0, m.pooledBytes());
        assertTrue(many[0].wasClosed(), "close() frees the pool");
    }

    @Test
    void poolCapComesFromTheSystemProperty() {
        String key = EagerRelease.Manager.POOL_PROPERTY;
        try {
            System.setProperty(key, "0");
            EagerRelease.Manager none = new EagerRelease.Manager();
            assertEquals(0, none.poolBytes());
            INDArray a = none.allocate(false, DataType.FLOAT, 1, 64, 256, 256); // 16 MiB
            none.release(a);
            assertTrue(a.wasClosed(), "no pool: even large arrays are freed at once");
            System.setProperty(key, "32");
            assertEquals(32L << 20, new EagerRelease.Manager().poolBytes());
            System.setProperty(key, "-1");
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    EagerRelease.Manager::new);
            assertTrue(e.getMessage().contains("srgan.inference.poolMiB"), e.getMessage());
        } finally {
            System.clearProperty(key);
        }
        EagerRelease.Manager byDefault = new EagerRelease.Manager();
        assertEquals(0, byDefault.poolBytes(), "no pool by default");
        INDArray big = byDefault.allocate(false, DataType.FLOAT, 1, 64, 256, 256);
        byDefault.release(big);
        assertTrue(big.wasClosed(), "by default every released array is freed at once");
    }
}
