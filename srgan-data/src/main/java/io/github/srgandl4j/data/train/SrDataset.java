package io.github.srgandl4j.data.train;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.train.Batch;
import io.github.srgandl4j.core.train.BatchSource;
import io.github.srgandl4j.data.io.ImageLoader;
import io.github.srgandl4j.data.resize.Degradation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SRGAN training data over folders of HR images: random square HR crops with their aligned LR
 * crops, random flips and 90-degree rotations, as NCHW float32 batches.
 *
 * <p><b>Sampling.</b> The usable images (those at least as large as the crop; smaller ones are
 * skipped with one warning) are shuffled once per epoch; an epoch has
 * {@code floor(images / batchSize)} batches and batch {@code k} of it takes the images at
 * positions {@code k * batchSize ...} of that epoch's permutation, so the samples of a batch always
 * come from different images (as in the paper). Per sample, the LR crop position is uniform on the
 * LR grid and the HR crop is the same region at {@code scale} times the coordinates; the transform
 * is one of the 8 {@link Dihedral} symmetries (as enabled). Every random choice comes from a
 * SplitMix64 generator seeded by (seed, epoch) or (seed, batch index, slot): batch {@code i} is a
 * pure function of the configuration, the seed and {@code i}, whatever the order of requests and
 * the number of threads, so a trainer resumes exactly.
 *
 * <p><b>LR images.</b> From a parallel LR folder, or made from the whole mod-cropped HR image by
 * MATLAB-bicubic downscaling ({@link Degradation#bicubic}, bit-identical to the standard LR files).
 * Grey images are replicated to RGB; alpha is dropped. LR samples are mapped to
 * {@link DatasetConfig#lrRange()} (default [0, 1]) and HR to {@link DatasetConfig#hrRange()}
 * (default [-1, 1]).
 *
 * <p><b>Prefetch.</b> With {@code prefetchThreads > 0}, after batch {@code i} is requested the
 * batches {@code i+1 .. i+prefetchDepth} are prepared on daemon threads (at most
 * {@code prefetchDepth} pending, as plain Java arrays; the INDArrays are created on the caller's
 * thread). A request for an index that was not prefetched is built on the caller's thread.
 * Decoded images are kept in an LRU cache within {@link DatasetConfig#cacheBytes()}.
 * {@link #close()} stops the threads. Not meant for concurrent {@code batch} calls from several
 * threads.
 */
public final class SrDataset implements BatchSource {
    private static final Logger LOG = LoggerFactory.getLogger(SrDataset.class);

    private final DatasetConfig cfg;
    private final ImageLoader loader;
    private final TrainingImages images;
    private final ImageCache cache;
    private final ExecutorService pool;
    private final Map<Long, Future<float[][]>> pending = new ConcurrentHashMap<>();
    private final Map<Long, int[]> permutations = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private SrDataset(DatasetConfig cfg) throws IOException {
        this.cfg = cfg;
        this.loader = new ImageLoader(cfg.maxPixels());
        this.images = TrainingImages.scan(cfg, loader);
        this.cache = new ImageCache(cfg.cacheBytes());
        this.pool = cfg.prefetchThreads() > 0 ? Executors.newFixedThreadPool(cfg.prefetchThreads(), daemonThreads())
                : null;
        LOG.info("training data: {}", describe());
    }

    /**
     * Opens a dataset: lists the folders and reads every image header (no pixels yet).
     *
     * @throws IOException if a folder is missing or empty, a file is not a readable image, an LR
     *     file does not match its HR file, or fewer than {@code batchSize} images are usable
     */
    public static SrDataset open(DatasetConfig cfg) throws IOException {
        return new SrDataset(cfg);
    }

    public DatasetConfig config() {
        return cfg;
    }

    /** Number of usable images. */
    public int imageCount() {
        return images.entries.size();
    }

    /** Number of images skipped because they are smaller than the HR crop. */
    public int skippedCount() {
        return images.skipped;
    }

    /** Batches per epoch: {@code floor(imageCount / batchSize)}. */
    public long batchesPerEpoch() {
        return imageCount() / cfg.batchSize();
    }

    @Override
    public int batchSize() {
        return cfg.batchSize();
    }

    @Override
    public int hrCropSize() {
        return cfg.hrCropSize();
    }

    @Override
    public int scale() {
        return cfg.scale();
    }

    @Override
    public String describe() {
        // absolute paths: the description is part of a checkpoint's settings, and a resume from another
        // working directory (relative paths) must describe the same data the same way
        return describe(null);
    }

    /** {@inheritDoc} Folders outside {@code dataRoot} stay absolute; a null root keeps every path absolute. */
    @Override
    public String describe(Path dataRoot) {
        Path root = dataRoot == null ? null : dataRoot.toAbsolutePath().normalize();
        StringBuilder f = new StringBuilder();
        for (FolderSpec s : cfg.folders()) {
            if (f.length() > 0) {
                f.append(", ");
            }
            f.append(relative(root, s.hrDir()));
            if (s.lrDir() != null) {
                f.append(" (LR ").append(relative(root, s.lrDir())).append(')');
            }
        }
        return String.format(java.util.Locale.ROOT,
                "%d images from [%s] (%d skipped, smaller than the crop), x%d, HR crop %d, batch %d, seed %d, "
                        + "flips %s, rotations %s, LR %s, HR %s, LR %s",
                imageCount(), f, skippedCount(), cfg.scale(), cfg.hrCropSize(), cfg.batchSize(), cfg.seed(),
                cfg.flips(), cfg.rotations(), cfg.lrRange(), cfg.hrRange(),
                cfg.folders().stream().allMatch(s -> s.lrDir() != null) ? "from files" : "by MATLAB bicubic");
    }

    private static String relative(Path root, Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (root == null || !abs.startsWith(root)) {
            return abs.toString();
        }
        String rel = root.relativize(abs).toString().replace(java.io.File.separatorChar, '/');
        return rel.isEmpty() ? "." : rel;
    }

    @Override
    public Batch batch(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("batch index must be >= 0, got " + index);
        }
        if (closed) {
            throw new IllegalStateException("dataset is closed");
        }
        float[][] data;
        Future<float[][]> f = pending.remove(index);
        if (pool != null) {
            dropPendingOutside(index + 1, index + cfg.prefetchDepth());
            for (long k = index + 1; k <= index + cfg.prefetchDepth(); k++) {
                long idx = k;
                pending.computeIfAbsent(idx, i -> pool.submit(() -> build(idx)));
            }
        }
        data = f != null ? await(f, index) : build(index);
        int n = cfg.batchSize();
        int lc = cfg.lrCropSize();
        int hc = cfg.hrCropSize();
        INDArray lr = Nd4j.create(data[0], new long[] {n, 3, lc, lc}, DataType.FLOAT);
        INDArray hr = Nd4j.create(data[1], new long[] {n, 3, hc, hc}, DataType.FLOAT);
        return new Batch(lr, hr);
    }

    @Override
    public void close() {
        closed = true;
        if (pool != null) {
            pool.shutdownNow();
        }
        pending.clear();
    }

    /** Indices of the batches being prepared in the background (for tests and monitoring). */
    java.util.SortedSet<Long> pendingIndices() {
        return new java.util.TreeSet<>(pending.keySet());
    }

    // ---------------------------------------------------------------- batch construction

    /** The image indices of a batch, in slot order. */
    int[] imagesOf(long index) {
        long perEpoch = batchesPerEpoch();
        long epoch = index / perEpoch;
        int k = (int) (index % perEpoch);
        int[] perm = permutation(epoch);
        int[] out = new int[cfg.batchSize()];
        System.arraycopy(perm, k * cfg.batchSize(), out, 0, out.length);
        return out;
    }

    private int[] permutation(long epoch) {
        int[] p = permutations.get(epoch);
        if (p != null) {
            return p;
        }
        int n = imageCount();
        p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplitMix rng = SplitMix.of(cfg.seed(), 0x5045524DL, epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        if (permutations.size() > 4) {
            permutations.keySet().removeIf(e -> e < epoch - 1 || e > epoch + 1);
        }
        permutations.put(epoch, p);
        return p;
    }

    private float[][] build(long index) {
        int n = cfg.batchSize();
        int lc = cfg.lrCropSize();
        int hc = cfg.hrCropSize();
        int s = cfg.scale();
        float[] lrOut = new float[n * 3 * lc * lc];
        float[] hrOut = new float[n * 3 * hc * hc];
        int[] imgs = imagesOf(index);
        for (int slot = 0; slot < n; slot++) {
            ImageCache.Pair pair = load(imgs[slot]);
            SplitMix rng = SplitMix.of(cfg.seed(), 0x53414D50L, index, slot);
            int lx = rng.nextInt(pair.lr().width() - lc + 1);
            int ly = rng.nextInt(pair.lr().height() - lc + 1);
            int turns = rng.nextInt(4);
            boolean flip = rng.nextBoolean();
            Dihedral t = Dihedral.of(cfg.rotations() ? turns : 0, cfg.flips() && flip);
            float[] lrCrop = pair.lr().crop(lx, ly, lc, lc).pixels();
            float[] hrCrop = pair.hr().crop(lx * s, ly * s, hc, hc).pixels();
            t.apply(lrCrop, 3, lc, lrOut, slot * 3 * lc * lc, cfg.lrRange());
            t.apply(hrCrop, 3, hc, hrOut, slot * 3 * hc * hc, cfg.hrRange());
        }
        return new float[][] {lrOut, hrOut};
    }

    private ImageCache.Pair load(int imageIndex) {
        ImageCache.Pair p = cache.get(imageIndex);
        if (p != null) {
            return p;
        }
        TrainingImages.Entry e = images.entries.get(imageIndex);
        int s = cfg.scale();
        try {
            ImageData hr = loader.read(e.hr()).withoutAlpha().toRgb();
            hr = hr.crop(0, 0, e.lrWidth() * s, e.lrHeight() * s);
            ImageData lr;
            if (e.lr() != null) {
                lr = loader.read(e.lr()).withoutAlpha().toRgb();
                if (lr.width() != e.lrWidth() || lr.height() != e.lrHeight()) {
                    throw new IOException(e.lr() + ": LR image changed size since the dataset was opened");
                }
            } else {
                lr = Degradation.bicubic(hr, s);
            }
            p = new ImageCache.Pair(hr, lr);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex.getMessage(), ex);
        }
        cache.put(imageIndex, p);
        return p;
    }

    private void dropPendingOutside(long from, long to) {
        Iterator<Map.Entry<Long, Future<float[][]>>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Future<float[][]>> e = it.next();
            if (e.getKey() < from || e.getKey() > to) {
                e.getValue().cancel(true);
                it.remove();
            }
        }
    }

    private static float[][] await(Future<float[][]> f, long index) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for batch " + index, e);
        } catch (CancellationException e) {
            throw new IllegalStateException("batch " + index + " was cancelled", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("batch " + index + " failed: " + c, c);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "srgan-prefetch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
