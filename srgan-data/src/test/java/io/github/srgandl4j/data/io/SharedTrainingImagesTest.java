package io.github.srgandl4j.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.testing.SharedData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.imaging.Imaging;
import org.junit.jupiter.api.Test;

/**
 * Every training image of the shared folder loads: the 91 BMP files of T91 and the 200 PNG files
 * of BSD200, each equal pixel for pixel to the independent Commons Imaging decoder and of the size
 * its header states (read here by hand).
 */
class SharedTrainingImagesTest {
    private final ImageLoader loader = new ImageLoader();

    @Test
    void allT91BmpFilesLoad() throws Exception {
        List<Path> files = ImageFiles.list(SharedData.require("data/train/t91"));
        assertEquals(91, files.size());
        for (Path f : files) {
            assertTrue(f.toString().endsWith(".bmp"), f.toString());
            byte[] head = new byte[26];
            try (var in = Files.newInputStream(f)) {
                assertEquals(26, in.readNBytes(head, 0, 26));
            }
            ByteBuffer bb = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
            ImageData img = loader.read(f);
            assertEquals(bb.getInt(18), img.width(), f + " width");
            assertEquals(Math.abs(bb.getInt(22)), img.height(), f + " height");
            assertEquals(3, img.channels(), f + " is 24-bit colour");
            ImageData ref = ImageData.fromBufferedImage(Imaging.getBufferedImage(f.toFile())).withoutAlpha();
            assertArrayEquals(ref.toUint8(), img.toUint8(), f + " vs Commons Imaging");
        }
    }

    @Test
    void allBsd200PngFilesLoad() throws Exception {
        List<Path> files = ImageFiles.list(SharedData.require("data/train/bsd200"));
        assertEquals(200, files.size());
        for (int k = 0; k < files.size(); k++) {
            Path f = files.get(k);
            byte[] head = new byte[24];
            try (var in = Files.newInputStream(f)) {
                assertEquals(24, in.readNBytes(head, 0, 24));
            }
            ByteBuffer bb = ByteBuffer.wrap(head); // IHDR: big-endian width at 16, height at 20
            ImageData img = loader.read(f);
            assertEquals(bb.getInt(16), img.width(), f + " width");
            assertEquals(bb.getInt(20), img.height(), f + " height");
            assertTrue(img.width() * img.height() == 481 * 321, f + " is 481x321 or 321x481");
            if (k % 4 != 0) {
                continue; // the (slow) independent decoder on every 4th file
            }
            ImageData ref = ImageData.fromBufferedImage(Imaging.getBufferedImage(f.toFile())).withoutAlpha();
            assertEquals(ref.channels(), img.channels());
            assertArrayEquals(ref.toUint8(), img.toUint8(), f + " vs Commons Imaging");
        }
    }
}
