package io.github.srgandl4j.examples.cli;

import io.github.srgandl4j.core.train.IterationStats;
import io.github.srgandl4j.core.train.LoggingListener;
import io.github.srgandl4j.core.train.TrainingListener;
import java.io.PrintWriter;

/**
 * The train command's one-line progress bar on stderr for interactive terminals
 * ({@code System.console() != null}); silent otherwise, where the log lines carry the progress.
 */
final class TrainingProgressBar implements TrainingListener {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final boolean interactive;
    private double avgSeconds = Double.NaN;

    TrainingProgressBar(PrintWriter err, boolean interactive) {
        this.err = err;
        this.interactive = interactive;
    }

    @Override
    public void iterationDone(IterationStats s, long total) {
        if (!interactive) {
            return;
        }
        avgSeconds = Double.isNaN(avgSeconds) ? s.seconds() : 0.9 * avgSeconds + 0.1 * s.seconds();
        long done = s.iteration() + 1;
        err.print("\r" + render(done, total, s.generatorLoss(), avgSeconds));
        if (done == total) {
            err.println();
        }
        err.flush();
    }

    /** {@code [=====>        ] 120/1000  loss 0.01234  2.10 s/it  ETA 30m48s}. */
    static String render(long done, long total, double loss, double secondsPerIt) {
        int filled = (int) (WIDTH * done / Math.max(1, total));
        StringBuilder bar = new StringBuilder("[");
        for (int i = 0; i < WIDTH; i++) {
            bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        bar.append("] ").append(done).append('/').append(total);
        return bar + String.format("  loss %.5f  %.2f s/it  ETA %s ", loss, secondsPerIt,
                LoggingListener.eta(secondsPerIt * (total - done)));
    }
}
