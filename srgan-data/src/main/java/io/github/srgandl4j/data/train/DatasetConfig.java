package io.github.srgandl4j.data.train;

import io.github.srgandl4j.data.io.ImageLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of an {@link SrDataset}; build it with {@link #builder()}.
 *
 * @param folders training folders (at least one)
 * @param scale upscaling factor (LR crop = HR crop / scale)
 * @param hrCropSize side of the square HR crops, a multiple of {@code scale} (paper: 96)
 * @param batchSize samples per batch (paper: 16); each from a different image
 * @param seed seed of every random choice; batch {@code i} is a pure function of config, seed, i
 * @param flips random left-right flips
 * @param rotations random rotations by multiples of 90 degrees
 * @param lrRange value range of LR batches (default [0, 1])
 * @param hrRange value range of HR batches (default [-1, 1])
 * @param prefetchThreads background threads preparing following batches (0: none)
 * @param prefetchDepth how many following batches are prepared ahead (the queue bound)
 * @param cacheBytes memory for decoded images kept between batches (0: re-read every time)
 * @param maxPixels pixel limit of the image loader
 */
public record DatasetConfig(List<FolderSpec> folders, int scale, int hrCropSize, int batchSize, long seed,
        boolean flips, boolean rotations, SampleRange lrRange, SampleRange hrRange, int prefetchThreads,
        int prefetchDepth, long cacheBytes, long maxPixels) {
    public DatasetConfig {
        folders = List.copyOf(folders);
        if (folders.isEmpty()) {
            throw new IllegalArgumentException("at least one training folder is required");
        }
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be >= 1, got " + scale);
        }
        if (hrCropSize < scale || hrCropSize % scale != 0) {
            throw new IllegalArgumentException("HR crop size " + hrCropSize + " must be a positive multiple of the scale "
                    + scale);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        Objects.requireNonNull(lrRange, "lrRange");
        Objects.requireNonNull(hrRange, "hrRange");
        if (prefetchThreads < 0 || prefetchDepth < 0) {
            throw new IllegalArgumentException("prefetch threads and depth must be >= 0");
        }
        if (prefetchThreads > 0 && prefetchDepth == 0) {
            throw new IllegalArgumentException("prefetch threads need a prefetch depth >= 1");
        }
        if (cacheBytes < 0 || maxPixels <= 0) {
            throw new IllegalArgumentException("cacheBytes must be >= 0 and maxPixels > 0");
        }
    }

    /** Side of the square LR crops. */
    public int lrCropSize() {
        return hrCropSize / scale;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with the paper's defaults: x4, 96x96 HR crops, batch 16, flips and rotations. */
    public static final class Builder {
        private final List<FolderSpec> folders = new ArrayList<>();
        private int scale = 4;
        private int hrCropSize = 96;
        private int batchSize = 16;
        private long seed = 42;
        private boolean flips = true;
        private boolean rotations = true;
        private SampleRange lrRange = SampleRange.ZERO_ONE;
        private SampleRange hrRange = SampleRange.MINUS_ONE_ONE;
        private int prefetchThreads = 2;
        private int prefetchDepth = 4;
        private long cacheBytes = 1L << 30;
        private long maxPixels = ImageLoader.DEFAULT_MAX_PIXELS;

        /** Adds a folder of HR images (LR made by bicubic degradation). */
        public Builder hrDir(Path dir) {
            folders.add(FolderSpec.hrOnly(dir));
            return this;
        }

        /** Adds a folder of HR images with a parallel LR folder. */
        public Builder pairedDirs(Path hrDir, Path lrDir) {
            folders.add(new FolderSpec(hrDir, Objects.requireNonNull(lrDir, "lrDir")));
            return this;
        }

        public Builder scale(int v) {
            scale = v;
            return this;
        }

        public Builder hrCropSize(int v) {
            hrCropSize = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder flips(boolean v) {
            flips = v;
            return this;
        }

        public Builder rotations(boolean v) {
            rotations = v;
            return this;
        }

        public Builder lrRange(SampleRange v) {
            lrRange = v;
            return this;
        }

        public Builder hrRange(SampleRange v) {
            hrRange = v;
            return this;
        }

        /** Background threads (default 2; 0 builds each batch on the caller's thread). */
        public Builder prefetchThreads(int v) {
            prefetchThreads = v;
            return this;
        }

        /** Batches prepared ahead (default 4). */
        public Builder prefetchDepth(int v) {
            prefetchDepth = v;
            return this;
        }

        /** Memory budget for decoded images (default 1 GiB; 0 disables the cache). */
        public Builder cacheBytes(long v) {
            cacheBytes = v;
            return this;
        }

        public Builder maxPixels(long v) {
            maxPixels = v;
            return this;
        }

        public DatasetConfig build() {
            return new DatasetConfig(folders, scale, hrCropSize, batchSize, seed, flips, rotations, lrRange, hrRange,
                    prefetchThreads, prefetchDepth, cacheBytes, maxPixels);
        }
    }
}
