package io.github.srgandl4j.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

class NativeMemoryReclaimerTest {
    @Test
    void collectsAtMostOncePerIntervalAndReallyCollects() throws Exception {
        NativeMemoryReclaimer r = new NativeMemoryReclaimer(200);
        r.afterWorkUnit();
        assertEquals(0, r.collections(), "not before the interval has passed");
        Object garbage = new byte[1 << 20];
        WeakReference<Object> ref = new WeakReference<>(garbage);
        garbage = null;
        Thread.sleep(250);
        r.afterWorkUnit();
        r.afterWorkUnit();
        assertEquals(1, r.collections(), "one collection per interval");
        assertEquals(null, ref.get(), "the collection ran (System.gc is not disabled in tests)");
    }
}
