package io.github.srgandl4j.data.train;

/**
 * SplitMix64: a tiny generator whose output is fixed by its published algorithm, so that a seed
 * gives the same training data on every JVM version. Not thread-safe; make one per use.
 */
final class SplitMix {
    private long state;

    SplitMix(long seed) {
        this.state = seed;
    }

    /** A generator seeded by mixing several values (seed, batch index, slot, ...). */
    static SplitMix of(long... parts) {
        long h = 0x9E3779B97F4A7C15L;
        for (long p : parts) {
            h = mix(h ^ mix(p + 0x632BE59BD9B4E019L));
        }
        return new SplitMix(h);
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in [0, bound) (bias below 2^-40 for the bounds used here). */
    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        return (int) Math.floorMod(nextLong(), (long) bound);
    }

    boolean nextBoolean() {
        return nextLong() < 0;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
