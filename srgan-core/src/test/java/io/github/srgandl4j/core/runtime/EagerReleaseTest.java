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
        EagerRelease.Manager m = withPool("256");
        INDArray small = m.allocate(false, DataType.FLOAT, 3, 5);
        assertEquals(15, small.length());
        m.release(small);
        assertTrue(small.wasClosed(), "small arrays are freed at once");

        long[] big = {1, 64, 256, 256}; // 16 MiB: pooled
        INDArray a = m.allocate(false, DataType.FLOAT, big);
        m.release(a);
        assertTrue(!a.wasClosed());
        assertEquals(16L << 20, m.pooledBytes());
        INDArray again = m.allocate(false, DataType.FLOAT, big);
        assertSame(a.data(), again.data(), "same shape reuses the pooled buffer");
        assertNotSame(a, again, "in a new array object (the session tracks arrays by identity)");
        assertEquals(0, m.pooledBytes());
        assertEquals(1, m.reuses());
        INDArray other = m.allocate(false, DataType.FLOAT, 1, 64, 256, 256);
        assertNotSame(a.data(), other.data());

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
        assertEquals(256L << 20, byDefault.poolBytes(), "a 256 MiB pool by default");
        INDArray big = byDefault.allocate(false, DataType.FLOAT, 1, 64, 256, 256);
        byDefault.release(big);
        assertTrue(!big.wasClosed(), "by default a large released array is kept for reuse");
        byDefault.close();
        assertTrue(big.wasClosed());
    }

    @Test
    void aFullPoolMakesRoomWithTheLeastRecentlyUsedOtherShape() {
        EagerRelease.Manager m = withPool("8");
        long[] a = {1, 1024, 512}; // 2 MiB
        long[] b = {1, 512, 1024}; // 2 MiB, another shape
        long[] c = {1, 1024, 1024}; // 4 MiB
        INDArray a1 = m.allocate(false, DataType.FLOAT, a);
        INDArray a2 = m.allocate(false, DataType.FLOAT, a);
        INDArray b1 = m.allocate(false, DataType.FLOAT, b);
        INDArray b2 = m.allocate(false, DataType.FLOAT, b);
        m.release(a1);
        m.release(a2);
        m.release(b1);
        m.release(b2);
        assertEquals(8L << 20, m.pooledBytes(), "full");
        m.release(m.allocate(false, DataType.FLOAT, a)); // a is now the more recently used shape
        INDArray c1 = m.allocate(false, DataType.FLOAT, c);
        m.release(c1);
        assertTrue(!c1.wasClosed(), "pooled after making room");
        assertTrue(b1.wasClosed() && b2.wasClosed(), "the least recently used shape (b) made room");
        assertTrue(!a1.wasClosed() && !a2.wasClosed());
        assertEquals(8L << 20, m.pooledBytes());
        INDArray tooBig = m.allocate(false, DataType.FLOAT, 1, 2048, 1025); // over the whole cap: never pooled
        m.release(tooBig);
        assertTrue(tooBig.wasClosed());
        assertTrue(!c1.wasClosed(), "nothing evicted for an array that cannot fit");
        m.close();
    }

    @Test
    void opOutputsComeFromThePoolFromTheSecondPassOnWithTheSameResults() {
        // an inference session allocates op outputs through the shape-descriptor path: before session 17 it
        // bypassed the pool, which was filled and never used
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 1 << 19); // 2 MiB per row
        x.mul(2.0).add(1.0).mul(x).sub(x.mul(3.0)).sum("out", 1);
        INDArray in = Nd4j.rand(DataType.FLOAT, 1, 1 << 19).subi(0.5);
        INDArray plain = sd.output(Map.of("x", in), "out").get("out");
        // by hand: (2x + 1) x - 3x = 2x^2 - 2x, summed in double
        double want = 0;
        for (float v : in.data().asFloat()) {
            want += 2.0 * v * v - 2.0 * v;
        }
        assertEquals(want, plain.getDouble(0), Math.abs(want) * 1e-4);
        EagerRelease.install(sd);
        EagerRelease.Manager m = (EagerRelease.Manager) sd.getSessions().get(Thread.currentThread().getId()).getMmgr();
        for (int i = 0; i < 3; i++) {
            long before = m.reuses();
            INDArray out = sd.output(Map.of("x", in), "out").get("out");
            assertEquals(plain.getFloat(0), out.getFloat(0), 0f, "pass " + i);
            if (i > 0) {
                assertTrue(m.reuses() - before >= 4, "pass " + i + ": every 2 MiB intermediate reused, got "
                        + (m.reuses() - before));
            }
        }
        assertTrue(m.pooledBytes() <= m.poolBytes());
    }

    /** A manager whose pool cap is {@code mib} MiB, through the system property (cleared again). */
    private static EagerRelease.Manager withPool(String mib) {
        System.setProperty(EagerRelease.Manager.POOL_PROPERTY, mib);
        try {
            return new EagerRelease.Manager();
        } finally {
            System.clearProperty(EagerRelease.Manager.POOL_PROPERTY);
        }
    }
}
