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
    private long last = System.nanoTime();
    private int collections;

    public NativeMemoryReclaimer(long minIntervalMillis) {
        this.minIntervalNanos = minIntervalMillis * 1_000_000L;
    }

    /** Called after each unit of work (a tile, a training step): requests a collection if the interval has passed. */
    public void afterWorkUnit() {
        long now = System.nanoTime();
        if (now - last >= minIntervalNanos) {
            System.gc();
            collections++;
            last = System.nanoTime();
        }
    }

    /** Collections requested so far. */
    public int collections() {
        return collections;
    }
}
