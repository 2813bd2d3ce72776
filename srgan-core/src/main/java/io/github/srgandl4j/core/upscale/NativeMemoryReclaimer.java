package io.github.srgandl4j.core.upscale;

/**
 * Keeps ND4J's off-heap memory from piling up during long upscaling runs.
 *
 * <p>On the CPU backend, native buffers that SameDiff creates and does not close itself are freed
 * only after the Java garbage collector has found their (small) Java wrappers unreachable. With a
 * large heap and little heap pressure that can take many tiles, and the resident set grew to
 * 5.7 GB under {@code -Xmx2g} upscaling 1000x750 to 4000x3000 (docs/performance.md). Requesting a
 * collection after each tile, at most once per {@code minIntervalMillis}, frees them while they
 * are few; a collection costs far less than a tile. {@link TiledInference} calls it after every tile.
 */
final class NativeMemoryReclaimer {
    private final long minIntervalNanos;
    private long last = System.nanoTime();
    private int collections;

    NativeMemoryReclaimer(long minIntervalMillis) {
        this.minIntervalNanos = minIntervalMillis * 1_000_000L;
    }

    /** Called after each tile. */
    void afterTile() {
        long now = System.nanoTime();
        if (now - last >= minIntervalNanos) {
            System.gc();
            collections++;
            last = System.nanoTime();
        }
    }

    /** Collections requested so far. */
    int collections() {
        return collections;
    }
}
