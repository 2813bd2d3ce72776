package io.github.srgandl4j.core.train;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs progress through SLF4J every {@code every} iterations: losses (averaged since the last
 * line), learning rate, seconds per iteration and the estimated time to the end.
 */
public final class LoggingListener implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(LoggingListener.class);
    private final int every;
    private double g;
    private double c;
    private double a;
    private double d;
    private double seconds;
    private int n;

    public LoggingListener(int every) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1");
        }
        this.every = every;
    }

    @Override
    public void iterationDone(IterationStats s, long total) {
        g += s.generatorLoss();
        c += s.contentLoss();
        a += s.adversarialLoss();
        d += s.discriminatorLoss();
        seconds += s.seconds();
        n++;
        long done = s.iteration() + 1;
        if (n >= every || done == total) {
            double spi = seconds / n;
            String adv = Double.isNaN(a) ? "" : String.format(" adv %.4f D %.4f", a / n, d / n);
            LOG.info(String.format("iteration %d/%d  G %.5f content %.5f%s  lr %.1e  %.2f s/it  ETA %s", done, total,
                    g / n, c / n, adv, s.learningRate(), spi, eta(spi * (total - done))));
            g = c = a = d = seconds = 0;
            n = 0;
        }
    }

    /** A duration as {@code 1h02m}, {@code 5m07s} or {@code 42s}. */
    public static String eta(double seconds) {
        Duration t = Duration.ofSeconds(Math.round(seconds));
        if (t.toHours() > 0) {
            return String.format("%dh%02dm", t.toHours(), t.toMinutesPart());
        }
        if (t.toMinutes() > 0) {
            return String.format("%dm%02ds", t.toMinutes(), t.toSecondsPart());
        }
        return t.getSeconds() + "s";
    }
}
