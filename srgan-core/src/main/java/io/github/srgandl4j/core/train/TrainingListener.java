package io.github.srgandl4j.core.train;

import java.nio.file.Path;

/** Observes training. Methods run on the training thread; keep them quick. */
public interface TrainingListener {
    /** After every iteration. */
    default void iterationDone(IterationStats stats, long totalIterations) {}

    /** After a checkpoint was written. */
    default void checkpointSaved(long iteration, Path file) {}

    /** At the end of training (normal end only). */
    default void trainingDone(long iterations) {}
}
