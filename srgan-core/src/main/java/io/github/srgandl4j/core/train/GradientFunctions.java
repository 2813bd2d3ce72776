package io.github.srgandl4j.core.train;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Creates a graph's gradient function up front. SameDiff M2.1 prints one line
 * ("Added differentiated op ...") per op to {@code System.out} while doing so, which would pollute
 * the standard output of applications (for example JSON written by a CLI); those lines are dropped,
 * anything else printed meanwhile is passed through.
 */
final class GradientFunctions {
    private static final String NOISE = "Added differentiated op ";

    private GradientFunctions() {}

    static synchronized void create(SameDiff sd) {
        PrintStream original = System.out;
        System.setOut(new PrintStream(new LineFilter(original), true, StandardCharsets.UTF_8));
        try {
            sd.createGradFunction();
        } finally {
            System.out.flush();
            System.setOut(original);
        }
    }

    /** Passes whole lines through unless they are SameDiff's differentiation trace. */
    private static final class LineFilter extends java.io.OutputStream {
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineFilter(PrintStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            line.write(b);
            if (b == '\n') {
                emit();
            }
        }

        @Override
        public void flush() {
            if (line.size() > 0) {
                emit();
            }
            target.flush();
        }

        private void emit() {
            String s = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (!s.startsWith(NOISE)) {
                target.print(s);
            }
        }
    }
}
