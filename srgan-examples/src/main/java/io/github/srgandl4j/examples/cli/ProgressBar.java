package io.github.srgandl4j.examples.cli;

import io.github.srgandl4j.data.upscale.BatchListener;
import io.github.srgandl4j.data.upscale.FileResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.function.ToIntBiFunction;

/**
 * The upscale command's progress on stderr: files done of total and, within a file, tiles done of
 * total. On a terminal one line is redrawn in place
 * ({@code [2/5] photo.jpg [#########-----------] 9/20 tiles}); otherwise (a log, a pipe) a line is
 * printed at every tenth of the tiles of a file with at least 10 tiles, and one per finished file.
 * A failed file gets its own error line naming it.
 */
final class ProgressBar implements BatchListener, IntConsumer {
    private static final int WIDTH = 24;

    private final PrintWriter err;
    private final boolean interactive;
    private final ToIntBiFunction<Integer, Integer> tileCount;
    private final String command;
    private int fileIndex;
    private int files;
    private String name = "";
    private int tilesTotal;
    private int lastDrawnTiles = -1;
    private boolean lineOpen;

    /**
     * @param tileCount tiles of an image of (width, height)
     */
    ProgressBar(PrintWriter err, boolean interactive, ToIntBiFunction<Integer, Integer> tileCount, String command) {
        this.err = err;
        this.interactive = interactive;
        this.tileCount = tileCount;
        this.command = command;
    }

    @Override
    public void fileStarted(int index, int total, Path input) {
        fileIndex = index;
        files = total;
        name = input.getFileName().toString();
        tilesTotal = 0;
        lastDrawnTiles = -1;
    }

    @Override
    public void imageRead(int index, Path input, int width, int height) {
        tilesTotal = tileCount.applyAsInt(width, height);
        accept(0);
    }

    /** Tiles done in the current file. */
    @Override
    public void accept(int tilesDone) {
        if (tilesDone == lastDrawnTiles) {
            return;
        }
        if (!interactive) {
            if (tilesTotal >= 10 && tilesDone > 0 && tilesDone < tilesTotal
                    && tilesDone * 10 / tilesTotal != (tilesDone - 1) * 10 / tilesTotal) {
                err.println(prefix() + ": " + tilesDone + "/" + tilesTotal + " tiles");
                err.flush();
            }
            lastDrawnTiles = tilesDone;
            return;
        }
        lastDrawnTiles = tilesDone;
        int filled = tilesTotal == 0 ? 0 : (int) ((long) WIDTH * tilesDone / tilesTotal);
        err.print("\r" + prefix() + " [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + tilesDone + "/"
                + tilesTotal + " tiles\u001b[K");
        err.flush();
        lineOpen = true;
    }

    @Override
    public void fileFinished(int index, int total, FileResult r) {
        if (lineOpen) {
            err.print("\r\u001b[K");
            lineOpen = false;
        }
        if (r.ok()) {
            err.printf(Locale.ROOT, "%s -> %s (%dx%d, %d %s, %.1f s)%n", prefix(), r.output().getFileName(), r.width(),
                    r.height(), tilesTotal, tilesTotal == 1 ? "tile" : "tiles", r.seconds());
        } else {
            err.println("srgan " + command + ": error: " + r.error());
        }
        err.flush();
    }

    private String prefix() {
        return "[" + (fileIndex + 1) + "/" + files + "] " + name;
    }
}
