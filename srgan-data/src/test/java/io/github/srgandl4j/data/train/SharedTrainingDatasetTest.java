package io.github.srgandl4j.data.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.testing.SharedData;
import io.github.srgandl4j.core.train.Batch;
import io.github.srgandl4j.data.io.ImageFiles;
import io.github.srgandl4j.core.image.BicubicResize;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The paper's setting on the shared training folders (T91 BMP + BSD200 PNG), 96x96 HR crops. */
class SharedTrainingDatasetTest {
    @Test
    void t91AndBsd200GivePaperBatchesAndSkipOnlyTooSmallImages() throws Exception {
        Path t91 = SharedData.require("data/train/t91");
        Path bsd = SharedData.require("data/train/bsd200");
        // images too small for a 96x96 crop after cropping to a multiple of 4, from the BMP headers
        int small = 0;
        for (Path f : ImageFiles.list(t91)) {
            byte[] h = new byte[26];
            try (var in = Files.newInputStream(f)) {
                in.readNBytes(h, 0, 26);
            }
            ByteBuffer bb = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
            int w = bb.getInt(18) / 4 * 4;
            int ht = Math.abs(bb.getInt(22)) / 4 * 4;
            if (w < 96 || ht < 96) {
                small++;
            }
        }
        DatasetConfig cfg = DatasetConfig.builder().hrDir(t91).hrDir(bsd).seed(2017).flips(false).rotations(false)
                .build();
        try (SrDataset ds = SrDataset.open(cfg)) {
            assertTrue(small > 0, "T91 has images smaller than 96x96");
            assertEquals(small, ds.skippedCount());
            assertEquals(291 - small, ds.imageCount());
            assertEquals(16, ds.batchSize());
            assertEquals(96, ds.hrCropSize());
            try (Batch b = ds.batch(0)) {
                assertArrayEquals(new long[] {16, 3, 24, 24}, b.lr().shape());
                assertArrayEquals(new long[] {16, 3, 96, 96}, b.hr().shape());
                assertTrue(b.lr().minNumber().doubleValue() >= 0 && b.lr().maxNumber().doubleValue() <= 1, "LR in [0, 1]");
                assertTrue(b.hr().minNumber().doubleValue() >= -1 && b.hr().maxNumber().doubleValue() <= 1, "HR in [-1, 1]");
                assertTrue(b.hr().minNumber().doubleValue() < -0.5, "HR uses the negative half");
                // away from the crop border, the LR crop equals the bicubic downscaling of the HR crop
                float[] lr = SrDatasetTest.flat(b.lr());
                float[] hr = SrDatasetTest.flat(b.hr());
                for (int s = 0; s < 16; s++) {
                    float[] hrPx = new float[3 * 96 * 96];
                    for (int i = 0; i < hrPx.length; i++) {
                        hrPx[i] = (hr[s * hrPx.length + i] + 1f) / 2f;
                    }
                    ImageData down = BicubicResize.downscale(ImageData.of(96, 96, 3, hrPx), 4);
                    for (int c = 0; c < 3; c++) {
                        for (int y = 2; y < 22; y++) {
                            for (int x = 2; x < 22; x++) {
                                int got = ImageData.toUint8(lr[s * 3 * 576 + c * 576 + y * 24 + x]);
                                assertEquals(ImageData.toUint8(down.get(c, y, x)), got,
                                        "sample " + s + " channel " + c + " at (" + x + ", " + y + ")");
                            }
                        }
                    }
                }
            }
        }
    }
}
