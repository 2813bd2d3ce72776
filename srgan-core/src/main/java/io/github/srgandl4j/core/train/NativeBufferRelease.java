package io.github.srgandl4j.core.train;

/**
 * Keeps ND4J's off-heap memory bounded during training.
 *
 * <p>On the CPU backend, the native buffers of the arrays SameDiff creates in each step and does
 * not close itself are freed only once the garbage collector finds their small Java wrappers
 * unreachable. The heap barely fills during training, so collections are rare and the resident set
 * grew to 3.4 GB (pretraining, batch 16, 96-pixel crops) and 8-9 GB (adversarial stage) with the
 * default heap, where PyTorch needs 0.7 and 1.7 GB (docs/performance.md). Requesting a collection
 * after each iteration, at most once per {@code minIntervalMillis}, frees them while they are few;
 * with an almost empty heap it costs a few tens of milliseconds against seconds per iteration.
 */
final class NativeBufferRelease {
    private final long minIntervalNanos;
    private long last = System.nanoTime();

    NativeBufferRelease(long minIntervalMillis) {
        this.minIntervalNanos = minIntervalMillis * 1_000_000L;
    }

    /** Requests a collection unless one was requested less than the minimum interval ago. */
    void reclaim() {
        long now = System.nanoTime();
        if (now - last >= minIntervalNanos) {
            System.gc();
            last = System.nanoTime();
        }
    }
}
