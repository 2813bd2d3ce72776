package io.github.srgandl4j.core.train;

/**
 * A deterministic, random-access source of training batches.
 *
 * <p>Batch {@code index} is a pure function of the source's configuration, its seed and the
 * index, so that a trainer resumes exactly by asking for the next index after a restart, with no
 * data-order state beyond the iteration count. Implementations may prefetch the following indices
 * in background threads; {@link #close()} stops them.
 */
public interface BatchSource extends AutoCloseable {
    /** The batch with the given 0-based index; the caller owns (and closes) the returned arrays. */
    Batch batch(long index);

    /** Samples per batch. */
    int batchSize();

    /** Side of the square HR crops in pixels. */
    int hrCropSize();

    /** Upscaling factor between LR and HR. */
    int scale();

    /** A short human-readable description for provenance (folders, seed, augmentations). */
    String describe();

    /**
     * {@link #describe()} with file paths relative to {@code dataRoot} where they lie under it, for a
     * model's provenance that should not record the paths of the machine it was trained on. The
     * default ignores the root.
     */
    default String describe(java.nio.file.Path dataRoot) {
        return describe();
    }

    @Override
    void close();
}
