package io.github.srgandl4j.core.train;

import java.nio.file.Path;

/** Training stopped because a loss became NaN or infinite. The last good checkpoint (if any) is kept. */
public class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long iteration;
    private final transient Path lastGoodCheckpoint;

    public TrainingDivergedException(long iteration, String what, Path lastGoodCheckpoint) {
        super(what + " at iteration " + iteration + "; training stopped"
                + (lastGoodCheckpoint == null ? " (no checkpoint was written before)" : "; last good checkpoint: "
                        + lastGoodCheckpoint));
        this.iteration = iteration;
        this.lastGoodCheckpoint = lastGoodCheckpoint;
    }

    public long iteration() {
        return iteration;
    }

    /** The newest checkpoint written before the divergence, or null. */
    public Path lastGoodCheckpoint() {
        return lastGoodCheckpoint;
    }
}
