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

    @Test
    void withAGrowthThresholdCollectsOnlyOnceTheResidentSetHasGrownThatMuch() throws Exception {
        long[] rss = {1000};
        NativeMemoryReclaimer r = new NativeMemoryReclaimer(0, 500, () -> rss[0]);
        r.afterWorkUnit();
        assertEquals(1, r.collections(), "the first collection always runs (baseline 1000 KiB)");
        rss[0] = 1400;
        r.afterWorkUnit();
        assertEquals(1, r.collections(), "grown by 400 KiB < 500");
        rss[0] = 1500;
        r.afterWorkUnit();
        assertEquals(2, r.collections(), "grown by 500 KiB");
        rss[0] = 1200; // the collection gave memory back: the baseline stays at its highest, 1500
        r.afterWorkUnit();
        rss[0] = 1999;
        r.afterWorkUnit();
        assertEquals(2, r.collections(), "1999 - 1500 < 500");
        rss[0] = 2000;
        r.afterWorkUnit();
        assertEquals(3, r.collections());
    }

    @Test
    void withoutAResidentSetFigureTheIntervalAloneDecides() {
        NativeMemoryReclaimer r = new NativeMemoryReclaimer(0, 500, () -> -1);
        r.afterWorkUnit();
        r.afterWorkUnit();
        assertEquals(2, r.collections());
    }
}
