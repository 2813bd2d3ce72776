package io.github.srgandl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.data.upscale.FileResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private static final ImageData LR = ImageData.of(30, 20, 1, new float[600]);

    @Test
    void terminalBarIsRedrawnInPlace() {
        StringWriter s = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(s), true, (w, h) -> w * h / 100, "upscale");
        bar.fileStarted(1, 3, Path.of("dir/b.png"));
        bar.imageRead(1, Path.of("dir/b.png"), LR.width(), LR.height()); // 6 tiles
        bar.accept(3);
        bar.accept(3); // unchanged: not redrawn
        String text = s.toString();
        assertEquals("\r[2/3] b.png [------------------------] 0/6 tiles\u001b[K"
                + "\r[2/3] b.png [############------------] 3/6 tiles\u001b[K", text);
        bar.fileFinished(1, 3, new FileResult(Path.of("dir/b.png"), Path.of("out/b.png"), null, 120, 80, 1.25));
        assertTrue(s.toString().endsWith("\r\u001b[K[2/3] b.png -> b.png (120x80, 6 tiles, 1.3 s)\n".replace("\n", System.lineSeparator())),
                s.toString());
    }

    @Test
    void logOutputHasOneLinePerTenthAndAnErrorLinePerFailure() {
        StringWriter s = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(s), false, (w, h) -> 15, "upscale");
        bar.fileStarted(0, 1, Path.of("a.png"));
        bar.imageRead(0, Path.of("a.png"), LR.width(), LR.height());
        for (int t = 1; t <= 15; t++) {
            bar.accept(t);
        }
        String[] lines = s.toString().split("\\R");
        // tenths of 15 tiles are crossed at 2, 3, 5, 6, 8, 9, 11, 12, 14
        assertEquals(9, lines.length, s.toString());
        assertEquals("[1/1] a.png: 2/15 tiles", lines[0]);
        assertEquals("[1/1] a.png: 14/15 tiles", lines[8]);
        bar.fileFinished(0, 1, new FileResult(Path.of("a.png"), null, "a.png: truncated", 0, 0, 0.1));
        assertTrue(s.toString().endsWith("srgan upscale: error: a.png: truncated" + System.lineSeparator()), s.toString());
    }
}
