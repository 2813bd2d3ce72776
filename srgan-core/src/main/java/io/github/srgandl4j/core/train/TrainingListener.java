package io.github.srgandl4j.core.train;

import java.nio.file.Path;

/** Observes training. Methods run on the training thread; keep them quick. */
public interface TrainingListener {
    /** After every iteration. */
    default void iterationDone(IterationStats stats, long totalIterations) {}

    /**
     * After every iteration, with the trainer (for listeners that evaluate the current generator
     * through {@link SrganTrainer#currentGenerator()}). Defaults to the two-argument form.
     */
    default void iterationDone(SrganTrainer trainer, IterationStats stats, long totalIterations) {
        iterationDone(stats, totalIterations);
    }

    /** After a checkpoint was written. */
    default void checkpointSaved(long iteration, Path file) {}

    /** At the end of training (normal end only). */
    default void trainingDone(long iterations) {}
}
