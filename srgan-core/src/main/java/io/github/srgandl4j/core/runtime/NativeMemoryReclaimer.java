package io.github.srgandl4j.core.runtime;

/**
 * Keeps ND4J's off-heap memory from piling up during long runs of SameDiff work.
 *
 * <p>On the CPU backend, native buffers that SameDiff creates and does not close itself are freed
 * only after the Java garbage collector has found their (small) Java wrappers unreachable. With
 * little heap pressure that can take a long time: the resident set grew to 5.7 GB under
 * {@code -Xmx2g} upscaling 1000x750 to 4000x3000, and to 3.5 GB (pretraining) and 9 GB
 * (adversarial training) with the default heap (docs/performance.md). Requesting a collection
 * after each unit of work (a tile, a training step), at most once per {@code minIntervalMillis},
 * frees them while they are few; with an almost empty heap a collection costs tens of
 * milliseconds against seconds per unit. The tiled upscaler and {@code SrganTrainer} use it.
 */
public final class NativeMemoryReclaimer {
    private final long minIntervalNanos;
    private final long minGrowthKib;
    private final java.util.function.LongSupplier rssKib;
    private long last = System.nanoTime();
    private long baselineKib = -1;
    private int collections;

    /** Requests a collection after a unit of work once {@code minIntervalMillis} have passed since the last one. */
    public NativeMemoryReclaimer(long minIntervalMillis) {
        this(minIntervalMillis, 0, () -> -1);
    }

    /**
     * As {@link #NativeMemoryReclaimer(long)}, and only once the resident set ({@code rssKib}, in KiB) has grown by
     * at least {@code minGrowthKib} over the highest value seen right after a collection (the first collection
     * always runs). Work that leaves little native garbage (the compiled training step) then pays for a full
     * collection rarely instead of once per unit; where {@code rssKib} reports -1 (no {@code /proc}) the interval
     * alone decides.
     */
    public NativeMemoryReclaimer(long minIntervalMillis, long minGrowthKib, java.util.function.LongSupplier rssKib) {
        this.minIntervalNanos = minIntervalMillis * 1_000_000L;
        this.minGrowthKib = minGrowthKib;
        this.rssKib = rssKib;
    }

    /** Called after each unit of work (a tile, a training step): requests a collection if it is due. */
    public void afterWorkUnit() {
        long now = System.nanoTime();
        if (now - last < minIntervalNanos) {
            return;
        }
        if (minGrowthKib > 0 && baselineKib >= 0) {
            long rss = rssKib.getAsLong();
            if (rss >= 0 && rss - baselineKib < minGrowthKib) {
                return;
            }
        }
        System.gc();
        collections++;
        last = System.nanoTime();
        if (minGrowthKib > 0) {
            baselineKib = Math.max(baselineKib, rssKib.getAsLong());
        }
    }

    /** Collections requested so far. */
    public int collections() {
        return collections;
    }
}
