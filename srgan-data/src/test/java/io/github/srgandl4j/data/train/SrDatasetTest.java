package io.github.srgandl4j.data.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.train.Batch;
import io.github.srgandl4j.data.io.PngWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Synthetic images whose pixel values encode their own coordinates: R = x, G = y (in 8-bit
 * levels), B = an image id. After cropping and augmentation, every LR pixel must sit on exactly
 * the HR block it was made from.
 */
class SrDatasetTest {
    static final int SCALE = 4;
    static final int IMAGES = 6;

    @TempDir
    static Path tmp;
    static Path hrDir;
    static Path lrDir;
    static Path rampDir;

    @BeforeAll
    static void makeImages() throws IOException {
        hrDir = Files.createDirectories(tmp.resolve("hr"));
        lrDir = Files.createDirectories(tmp.resolve("lr"));
        rampDir = Files.createDirectories(tmp.resolve("ramp"));
        for (int id = 0; id < IMAGES; id++) {
            int w = 200 + 4 * id;
            int h = 160 + 8 * id;
            PngWriter.write(coords(w, h, id, 1), hrDir.resolve("im" + id + ".png"));
            PngWriter.write(coords(w / SCALE, h / SCALE, id, 1), lrDir.resolve("im" + id + ".png"));
            // ramps for LR made on the fly: R = 2x, G = 2y, so the bicubic average of an HR block is an integer
            PngWriter.write(coords(100 + 4 * id, 124, id, 2), rampDir.resolve("ramp" + id + ".png"));
        }
        // too small for a 32x32 crop: skipped and counted
        PngWriter.write(coords(28, 40, 6, 1), hrDir.resolve("small.png"));
        PngWriter.write(coords(7, 10, 6, 1), lrDir.resolve("small.png"));
        PngWriter.write(coords(40, 28, 6, 2), rampDir.resolve("small.png"));
    }

    /** R = mul * x, G = mul * y, B = 40 * id (8-bit levels). */
    static ImageData coords(int w, int h, int id, int mul) {
        int[] px = new int[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = mul * x;
                px[w * h + y * w + x] = mul * y;
                px[2 * w * h + y * w + x] = 40 * id;
            }
        }
        return ImageData.ofUint8(w, h, 3, px);
    }

    static DatasetConfig.Builder paired() {
        return DatasetConfig.builder().pairedDirs(hrDir, lrDir).scale(SCALE).hrCropSize(32).batchSize(4).seed(7)
                .cacheBytes(64L << 20);
    }

    static int level(float v, SampleRange r) {
        float u = r == SampleRange.ZERO_ONE ? v : (v + 1f) / 2f;
        return Math.round(u * 255f);
    }

    @Test
    void lrAndHrCropsStayAlignedUnderAllAugmentations() throws Exception {
        Set<Dihedral> seen = EnumSet.noneOf(Dihedral.class);
        try (SrDataset ds = SrDataset.open(paired().build())) {
            assertEquals(IMAGES, ds.imageCount());
            assertEquals(1, ds.skippedCount());
            for (long b = 0; b < 12; b++) {
                try (Batch batch = ds.batch(b)) {
                    assertArrayEquals(new long[] {4, 3, 8, 8}, batch.lr().shape());
                    assertArrayEquals(new long[] {4, 3, 32, 32}, batch.hr().shape());
                    float[] lr = flat(batch.lr());
                    float[] hr = flat(batch.hr());
                    Set<Integer> ids = new HashSet<>();
                    for (int s = 0; s < 4; s++) {
                        ids.add(checkSample(lr, hr, s, 8, 32, 1));
                        seen.add(transformOf(lr, s, 8));
                    }
                    assertEquals(4, ids.size(), "batch " + b + ": samples must come from different images");
                }
            }
        }
        assertEquals(EnumSet.allOf(Dihedral.class), seen, "all 8 flips/rotations occur");
    }

    @Test
    void withoutAugmentationCropsAreUntransformed() throws Exception {
        try (SrDataset ds = SrDataset.open(paired().flips(false).rotations(false).build())) {
            for (long b = 0; b < 6; b++) {
                try (Batch batch = ds.batch(b)) {
                    float[] lr = flat(batch.lr());
                    float[] hr = flat(batch.hr());
                    for (int s = 0; s < 4; s++) {
                        checkSample(lr, hr, s, 8, 32, 1);
                        assertEquals(Dihedral.IDENTITY, transformOf(lr, s, 8));
                    }
                }
            }
        }
    }

    /**
     * Checks one sample; returns its image id. For every LR pixel the HR block under it must hold
     * exactly the 16 HR pixels whose coordinates divide down to the LR pixel's coordinates.
     */
    static int checkSample(float[] lr, float[] hr, int s, int lc, int hc, int mul) {
        int lp = lc * lc;
        int hp = hc * hc;
        int id = level(hr[s * 3 * hp + 2 * hp], SampleRange.MINUS_ONE_ONE) / 40;
        for (int i = 0; i < lc; i++) {
            for (int j = 0; j < lc; j++) {
                int lx = level(lr[s * 3 * lp + i * lc + j], SampleRange.ZERO_ONE) / mul;
                int ly = level(lr[s * 3 * lp + lp + i * lc + j], SampleRange.ZERO_ONE) / mul;
                assertEquals(40 * id, level(lr[s * 3 * lp + 2 * lp + i * lc + j], SampleRange.ZERO_ONE), "LR image id");
                Set<Integer> xs = new HashSet<>();
                Set<Integer> ys = new HashSet<>();
                for (int a = 0; a < SCALE; a++) {
                    for (int c = 0; c < SCALE; c++) {
                        int p = (i * SCALE + a) * hc + j * SCALE + c;
                        int hx = level(hr[s * 3 * hp + p], SampleRange.MINUS_ONE_ONE) / mul;
                        int hy = level(hr[s * 3 * hp + hp + p], SampleRange.MINUS_ONE_ONE) / mul;
                        xs.add(hx);
                        ys.add(hy);
                        assertEquals(lx, hx / SCALE, "sample " + s + " LR (" + i + "," + j + ") vs HR x");
                        assertEquals(ly, hy / SCALE, "sample " + s + " LR (" + i + "," + j + ") vs HR y");
                    }
                }
                assertEquals(SCALE, xs.size());
                assertEquals(SCALE, ys.size());
            }
        }
        return id;
    }

    /** Which transform maps source coordinates to this LR crop (read from its corner pixels). */
    static Dihedral transformOf(float[] lr, int s, int lc) {
        int lp = lc * lc;
        int base = s * 3 * lp;
        // direction of increasing source x and y along the crop's columns (dx) and rows (dy)
        int x00 = level(lr[base], SampleRange.ZERO_ONE);
        int y00 = level(lr[base + lp], SampleRange.ZERO_ONE);
        int x01 = level(lr[base + 1], SampleRange.ZERO_ONE);
        int y01 = level(lr[base + lp + 1], SampleRange.ZERO_ONE);
        int x10 = level(lr[base + lc], SampleRange.ZERO_ONE);
        int y10 = level(lr[base + lp + lc], SampleRange.ZERO_ONE);
        int[] right = {x01 - x00, y01 - y00}; // source step when moving right in the crop
        int[] down = {x10 - x00, y10 - y00};
        for (Dihedral d : Dihedral.values()) {
            // apply d to a 2x2 coordinate grid and compare the steps
            float[] grid = new float[2 * 4];
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 2; x++) {
                    grid[y * 2 + x] = x;
                    grid[4 + y * 2 + x] = y;
                }
            }
            float[] out = new float[8];
            d.apply(grid, 2, 2, out, 0, SampleRange.ZERO_ONE);
            int rx = (int) (out[1] - out[0]);
            int ry = (int) (out[5] - out[4]);
            int dx = (int) (out[2] - out[0]);
            int dy = (int) (out[6] - out[4]);
            if (Integer.signum(right[0]) == rx && Integer.signum(right[1]) == ry && Integer.signum(down[0]) == dx
                    && Integer.signum(down[1]) == dy) {
                return d;
            }
        }
        throw new AssertionError("crop is not a rigid transform of the source: right " + Arrays.toString(right)
                + ", down " + Arrays.toString(down));
    }

    @Test
    void lrMadeOnTheFlyIsTheBicubicAverageOfItsHrBlock() throws Exception {
        DatasetConfig cfg = DatasetConfig.builder().hrDir(rampDir).scale(SCALE).hrCropSize(48).batchSize(3).seed(3)
                .build();
        int checked = 0;
        try (SrDataset ds = SrDataset.open(cfg)) {
            assertEquals(1, ds.skippedCount());
            for (long b = 0; b < 10; b++) {
                try (Batch batch = ds.batch(b)) {
                    float[] lr = flat(batch.lr());
                    float[] hr = flat(batch.hr());
                    int lc = 12;
                    int hc = 48;
                    for (int s = 0; s < 3; s++) {
                        for (int i = 0; i < lc; i++) {
                            for (int j = 0; j < lc; j++) {
                                int minX = Integer.MAX_VALUE;
                                int minY = Integer.MAX_VALUE;
                                for (int a = 0; a < SCALE; a++) {
                                    for (int c = 0; c < SCALE; c++) {
                                        int p = s * 3 * hc * hc + (i * SCALE + a) * hc + j * SCALE + c;
                                        minX = Math.min(minX, level(hr[p], SampleRange.MINUS_ONE_ONE) / 2);
                                        minY = Math.min(minY, level(hr[p + hc * hc], SampleRange.MINUS_ONE_ONE) / 2);
                                    }
                                }
                                int bx = minX / SCALE;
                                int by = minY / SCALE;
                                // away from the image border the cubic kernel reproduces the ramp exactly:
                                // LR = 2 * (mean of 4 HR coordinates) = 2 * (4 b + 1.5) = 8 b + 3
                                if (bx >= 2 && bx <= 22 && by >= 2 && by <= 28) {
                                    int l = s * 3 * lc * lc + i * lc + j;
                                    assertEquals(8 * bx + 3, level(lr[l], SampleRange.ZERO_ONE), "LR R at block x " + bx);
                                    assertEquals(8 * by + 3, level(lr[l + lc * lc], SampleRange.ZERO_ONE), "LR G at block y " + by);
                                    checked++;
                                }
                            }
                        }
                    }
                }
            }
        }
        assertTrue(checked > 1000, "enough interior pixels checked: " + checked);
    }

    @Test
    void batchesArePureFunctionsOfSeedAndIndex() throws Exception {
        float[][] a = new float[8][];
        try (SrDataset ds = SrDataset.open(paired().prefetchThreads(2).build())) {
            for (int b = 0; b < 8; b++) {
                try (Batch batch = ds.batch(b)) {
                    a[b] = concat(batch);
                }
            }
        }
        // no prefetch, requests in reverse order, cache disabled: the same batches
        try (SrDataset ds = SrDataset.open(paired().prefetchThreads(0).cacheBytes(0).build())) {
            for (int b = 7; b >= 0; b--) {
                try (Batch batch = ds.batch(b)) {
                    assertArrayEquals(a[b], concat(batch), "batch " + b);
                }
            }
        }
        // another seed: different batches
        try (SrDataset ds = SrDataset.open(paired().seed(8).build()); Batch batch = ds.batch(0)) {
            assertFalse(Arrays.equals(a[0], concat(batch)));
        }
        // batches 0 and 1 of the same dataset differ
        assertFalse(Arrays.equals(a[0], a[1]));
    }

    @Test
    void valueRangesAreConfigurable() throws Exception {
        try (SrDataset a = SrDataset.open(paired().build());
                SrDataset b = SrDataset.open(paired().lrRange(SampleRange.MINUS_ONE_ONE).hrRange(SampleRange.ZERO_ONE).build());
                Batch x = a.batch(3);
                Batch y = b.batch(3)) {
            float[] lrA = flat(x.lr());
            float[] lrB = flat(y.lr());
            float[] hrA = flat(x.hr());
            float[] hrB = flat(y.hr());
            for (int i = 0; i < lrA.length; i++) {
                assertEquals(2 * lrA[i] - 1, lrB[i], 1e-6);
            }
            for (int i = 0; i < hrA.length; i++) {
                assertEquals((hrA[i] + 1) / 2, hrB[i], 1e-6);
            }
        }
    }

    @Test
    void prefetchQueueIsBoundedAndFollowsTheRequests() throws Exception {
        try (SrDataset ds = SrDataset.open(paired().prefetchThreads(2).prefetchDepth(3).build())) {
            ds.batch(0).close();
            assertEquals(new java.util.TreeSet<>(java.util.List.of(1L, 2L, 3L)), ds.pendingIndices());
            ds.batch(1).close();
            assertEquals(new java.util.TreeSet<>(java.util.List.of(2L, 3L, 4L)), ds.pendingIndices());
            ds.batch(40).close(); // a jump: the old work is dropped
            assertEquals(new java.util.TreeSet<>(java.util.List.of(41L, 42L, 43L)), ds.pendingIndices());
        }
        try (SrDataset ds = SrDataset.open(paired().prefetchThreads(0).build())) {
            ds.batch(0).close();
            assertTrue(ds.pendingIndices().isEmpty(), "no prefetch without threads");
        }
    }

    @Test
    void everyEpochUsesEachImageOnceAtMost() throws Exception {
        try (SrDataset ds = SrDataset.open(paired().batchSize(2).build())) {
            assertEquals(3, ds.batchesPerEpoch());
            for (int epoch = 0; epoch < 3; epoch++) {
                Set<Integer> used = new HashSet<>();
                for (int k = 0; k < 3; k++) {
                    for (int img : ds.imagesOf(epoch * 3L + k)) {
                        assertTrue(used.add(img), "image " + img + " twice in epoch " + epoch);
                    }
                }
                assertEquals(6, used.size());
            }
        }
    }

    @Test
    void refusesBadConfigurationsClearly() {
        assertThrows(IllegalArgumentException.class, () -> paired().hrCropSize(30).build(), "crop not multiple of scale");
        IOException e = assertThrows(IOException.class, () -> SrDataset.open(paired().batchSize(7).build()));
        assertTrue(e.getMessage().contains("only 6 usable"), e.getMessage());
        IOException missing = assertThrows(IOException.class,
                () -> SrDataset.open(DatasetConfig.builder().hrDir(tmp.resolve("nope")).build()));
        assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
    }

    static float[] flat(org.nd4j.linalg.api.ndarray.INDArray a) {
        return org.nd4j.linalg.factory.Nd4j.toFlattened('c', a).toFloatVector();
    }

    private static float[] concat(Batch b) {
        float[] l = flat(b.lr());
        float[] h = flat(b.hr());
        float[] out = Arrays.copyOf(l, l.length + h.length);
        System.arraycopy(h, 0, out, l.length, h.length);
        return out;
    }

    @Test
    void describedRelativeToADataRootForProvenance() throws Exception {
        try (SrDataset ds = SrDataset.open(paired().build())) {
            String abs = ds.describe();
            assertTrue(abs.contains("[" + hrDir.toAbsolutePath().normalize() + " (LR " + lrDir.toAbsolutePath().normalize() + ")]"), abs);
            String rel = ds.describe(tmp);
            assertTrue(rel.contains("[hr (LR lr)]"), rel);
            assertFalse(rel.contains(tmp.toAbsolutePath().toString()), rel);
            assertEquals(abs, ds.describe(Path.of("/elsewhere/not/a/parent")), "folders outside the root stay absolute");
        }
    }
}
