package io.github.srgandl4j.rate;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.data.io.PngWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes small study folders for tests: every image is one solid colour that encodes its method
 * and image, so a test (or a browser) can tell which method it is looking at from a pixel alone.
 */
public final class StudyFixture {
    public static final int WIDTH = 48;
    public static final int HEIGHT = 32;

    private StudyFixture() {}

    /** The red value of method {@code m} (index in the method list). */
    public static int red(int m) {
        return 30 + 50 * m;
    }

    /** The green value of image {@code i} (index in the image list). */
    public static int green(int i) {
        return 20 + 60 * i;
    }

    /** Blue: 200 for rated images, 10 for NN calibration, 100 for HR calibration. */
    public static final int BLUE_RATED = 200;

    /** Writes methods/METHOD/IMAGE.png for every pair, and one calibration image per anchor. */
    public static void write(Path root, List<String> methods, List<String> images) throws IOException {
        for (int m = 0; m < methods.size(); m++) {
            Path dir = Files.createDirectories(root.resolve("methods").resolve(methods.get(m)));
            for (int i = 0; i < images.size(); i++) {
                PngWriter.write(solid(red(m), green(i), BLUE_RATED), dir.resolve(images.get(i) + ".png"));
            }
        }
        PngWriter.write(solid(0, 0, 10), Files.createDirectories(root.resolve("calibration/NN")).resolve("cal.png"));
        PngWriter.write(solid(0, 0, 100), Files.createDirectories(root.resolve("calibration/HR")).resolve("cal.png"));
    }

    /** A WIDTH x HEIGHT RGB image of one colour. */
    public static ImageData solid(int r, int g, int b) {
        int n = WIDTH * HEIGHT;
        int[] s = new int[3 * n];
        for (int p = 0; p < n; p++) {
            s[p] = r;
            s[n + p] = g;
            s[2 * n + p] = b;
        }
        return ImageData.ofUint8(WIDTH, HEIGHT, 3, s);
    }
}
