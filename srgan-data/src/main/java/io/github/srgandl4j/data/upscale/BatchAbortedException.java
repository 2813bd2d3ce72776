package io.github.srgandl4j.data.upscale;

import java.io.IOException;

/** A batch stopped before its end (out of memory); holds the results up to that point. */
public final class BatchAbortedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient BatchSummary partial;

    BatchAbortedException(String message, BatchSummary partial) {
        super(message);
        this.partial = partial;
    }

    /** The files done (and the one that failed) before the batch stopped. */
    public BatchSummary partial() {
        return partial;
    }
}
