package io.github.srgandl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.srgandl4j.core.train.IterationStats;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TrainingProgressBarTest {
    @Test
    void rendersBarCountsLossSpeedAndEta() {
        assertEquals("[=========>                    ] 30/100  loss 0.01234  2.00 s/it  ETA 2m20s ",
                TrainingProgressBar.render(30, 100, 0.01234, 2.0));
        StringWriter quiet = new StringWriter();
        new TrainingProgressBar(new PrintWriter(quiet), false).iterationDone(
                new IterationStats(0, 1, 1, Double.NaN, Double.NaN, 1e-4, 1), 10);
        assertEquals("", quiet.toString(), "not a terminal: nothing drawn");
    }
}
