package io.github.srgandl4j.rate.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.data.io.ImageLoader;
import io.github.srgandl4j.data.io.PngWriter;
import io.github.srgandl4j.rate.StudyFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyFolderTest {
    @TempDir
    Path dir;

    @Test
    void opensAValidStudy() throws IOException {
        StudyFixture.write(dir, List.of("b", "a"), List.of("x", "y"));
        StudyFolder s = StudyFolder.open(dir);
        assertEquals(List.of("a", "b"), s.methods());
        assertEquals(List.of("x", "y"), s.images());
        assertEquals(4, s.rated().size());
        assertEquals(2, s.calibration().size());
        assertEquals(1, StudyFolder.anchorScore("NN"));
        assertEquals(5, StudyFolder.anchorScore("HR"));
    }

    @Test
    void namesTheMissingImage() throws IOException {
        StudyFixture.write(dir, List.of("a", "b"), List.of("x", "y"));
        Files.delete(dir.resolve("methods/b/y.png"));
        IOException e = assertThrows(IOException.class, () -> StudyFolder.open(dir));
        assertTrue(e.getMessage().contains("methods/b: no image named y;"), e.getMessage());
    }

    @Test
    void refusesDifferentSizes() throws IOException {
        StudyFixture.write(dir, List.of("a", "b"), List.of("x"));
        PngWriter.write(ImageData.ofUint8(2, 2, 1, new int[4]), dir.resolve("methods/b/x.png"));
        IOException e = assertThrows(IOException.class, () -> StudyFolder.open(dir));
        assertTrue(e.getMessage().contains("methods/b/x.png: 2x2, but") && e.getMessage().contains("same size"),
                e.getMessage());
    }

    @Test
    void refusesFormatsBrowsersDoNotShow() throws IOException {
        StudyFixture.write(dir, List.of("a"), List.of("x"));
        Files.delete(dir.resolve("methods/a/x.png"));
        javax.imageio.ImageIO.write(StudyFixture.solid(1, 2, 3).toBufferedImage(), "bmp",
                dir.resolve("methods/a/x.bmp").toFile());
        IOException e = assertThrows(IOException.class, () -> StudyFolder.open(dir));
        assertTrue(e.getMessage().contains("x.bmp: BMP image"), e.getMessage());
    }

    @Test
    void needsTheCalibration() throws IOException {
        StudyFixture.write(dir, List.of("a"), List.of("x"));
        Files.delete(dir.resolve("calibration/HR/cal.png"));
        Files.delete(dir.resolve("calibration/HR"));
        IOException e = assertThrows(IOException.class, () -> StudyFolder.open(dir));
        assertTrue(e.getMessage().contains("calibration/HR: calibration folder not found"), e.getMessage());
    }

    @Test
    void nearestNeighbourRepeatsEachPixel() {
        // 2x1 grey image (10, 200) at x2 -> 4x2: every row 10 10 200 200
        ImageData lr = ImageData.ofUint8(2, 1, 1, new int[] {10, 200});
        ImageData up = NearestNeighbour.upscale(lr, 2);
        assertEquals(4, up.width());
        assertEquals(2, up.height());
        assertTrue(java.util.Arrays.equals(new int[] {10, 10, 200, 200, 10, 10, 200, 200}, up.toUint8()));
    }

    @Test
    void anchorsLineUpWithSaveSrNames() throws IOException {
        // a 10x9 HR image at x4: mod-cropped to 8x8; the LR file (2x2) is upscaled by pixel repetition
        Path hr = Files.createDirectories(dir.resolve("hr"));
        Path lr = Files.createDirectories(dir.resolve("lr"));
        int[] big = new int[10 * 9];
        for (int i = 0; i < big.length; i++) {
            big[i] = i;
        }
        PngWriter.write(ImageData.ofUint8(10, 9, 1, big), hr.resolve("pic_HR.png"));
        PngWriter.write(ImageData.ofUint8(2, 2, 1, new int[] {1, 2, 3, 4}), lr.resolve("pic_LR.png"));
        Path out = dir.resolve("study/methods");
        assertEquals(1, new AnchorMaker(4).write(hr, lr, out));
        ImageLoader loader = new ImageLoader();
        ImageData hrOut = loader.read(out.resolve("HR/pic_HR.png"));
        assertEquals(8, hrOut.width());
        assertEquals(8, hrOut.height());
        assertEquals(11, hrOut.toUint8()[8 + 1]); // row 1, column 1 of the 10-wide original: 1*10 + 1
        int[] nn = loader.read(out.resolve("NN/pic_HR.png")).toUint8();
        assertEquals(1, nn[0]);
        assertEquals(1, nn[3 * 8 + 3]);
        assertEquals(2, nn[3 * 8 + 4]);
        assertEquals(3, nn[4 * 8]);
        assertEquals(4, nn[7 * 8 + 7]);
        IOException e = assertThrows(IOException.class, () -> new AnchorMaker(4).write(hr, lr, out));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        try (var s = Files.list(out)) {
            assertEquals(2, s.count(), "no temporary folder left behind");
        }
    }
}
