package io.github.srgandl4j.data.upscale;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.core.image.SuperResolver;
import io.github.srgandl4j.core.upscale.ImageSource;
import io.github.srgandl4j.core.upscale.StreamingSuperResolver;
import io.github.srgandl4j.data.io.ImageFiles;
import io.github.srgandl4j.data.io.ImageLoader;
import io.github.srgandl4j.data.io.PngWriter;
import io.github.srgandl4j.data.io.WriteFailures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upscales many image files into PNG files with any {@link SuperResolver} (typically a tiled
 * {@code core.upscale.Upscaler}).
 *
 * <p>Each input is read, upscaled and written on its own: an input that cannot be read,
 * upscaled or written is recorded as failed with a one-line message naming it, and the batch goes
 * on with the next. Outputs are written through {@link PngWriter} (temporary file in the same
 * folder, then an atomic move), so a failure at any point leaves no output file for that input.
 * Outputs keep the input's bit depth (8 or 16) unless a bit depth is set.
 *
 * <p>A {@link StreamingSuperResolver} (the tiled {@code Upscaler}) is streamed: the input is kept
 * as decoded ({@link ImageLoader#readSource}) and the output PNG is written band by band as the
 * tiles finish, so memory does not grow with the output's size. An output folder this batch
 * created is removed again if no file could be written into it. An {@link OutOfMemoryError} stops
 * the batch ({@link BatchAbortedException}): the JVM may not be usable after one.
 *
 * <pre>{@code
 * BatchPlan plan = BatchPlan.of(List.of(Path.of("photos")), Path.of("photos_x4"), false);
 * BatchSummary s = BatchUpscaler.builder(upscaler).build().run(plan);
 * System.out.println(s.line());   // upscaled 12, failed 1
 * }</pre>
 */
public final class BatchUpscaler {
    private static final Logger LOG = LoggerFactory.getLogger(BatchUpscaler.class);

    private final SuperResolver resolver;
    private final ImageLoader loader;
    private final Integer bitDepth;
    private final BatchListener listener;

    private BatchUpscaler(Builder b) {
        this.resolver = b.resolver;
        this.loader = b.loader;
        this.bitDepth = b.bitDepth;
        this.listener = b.listener;
    }

    public static Builder builder(SuperResolver resolver) {
        return new Builder(resolver);
    }

    /**
     * Runs every job of {@code plan}, creating the output folder first.
     *
     * @throws IOException if the output folder cannot be created; per-file problems are
     *     recorded in the summary
     * @throws BatchAbortedException if the JVM ran out of memory (the batch stops there)
     */
    public BatchSummary run(BatchPlan plan) throws IOException {
        Path created = firstMissing(plan.outputDir());
        WriteFailures.createFolder(plan.outputDir());
        try {
            return runJobs(plan);
        } finally {
            removeIfNothingWritten(created);
        }
    }

    private BatchSummary runJobs(BatchPlan plan) throws IOException {
        long t0 = System.nanoTime();
        List<BatchPlan.Job> jobs = plan.jobs();
        List<FileResult> results = new ArrayList<>(jobs.size());
        LOG.info("upscaling {} file(s) x{} with {} into {}", jobs.size(), resolver.scale(), resolver.name(), plan.outputDir());
        for (int i = 0; i < jobs.size(); i++) {
            BatchPlan.Job job = jobs.get(i);
            listener.fileStarted(i, jobs.size(), job.input());
            FileResult r;
            try {
                r = runOne(i, job);
            } catch (OutOfMemoryError e) {
                r = new FileResult(job.input(), null, job.input() + ": out of memory while upscaling (" + e.getMessage()
                        + ")", 0, 0, 0);
                results.add(r);
                listener.fileFinished(i, jobs.size(), r);
                throw new BatchAbortedException(job.input() + ": out of memory while upscaling; stopped the batch with "
                        + (jobs.size() - i - 1) + " file(s) not processed. Use smaller tiles (--tile) or give Java more"
                        + " memory (-Xmx, e.g. SRGAN_JAVA_OPTS=-Xmx8g)", new BatchSummary(results, 0));
            }
            if (r.ok()) {
                LOG.debug("{} -> {} ({}x{}, {} s)", job.input(), r.output(), r.width(), r.height(), r.seconds());
            } else {
                LOG.debug("skipped: {}", r.error()); // the listener reports it (once)
            }
            results.add(r);
            listener.fileFinished(i, jobs.size(), r);
        }
        BatchSummary s = new BatchSummary(results, (System.nanoTime() - t0) / 1e9);
        LOG.info("{} in {} s", s.line(), String.format(java.util.Locale.ROOT, "%.1f", s.seconds()));
        return s;
    }

    private FileResult runOne(int index, BatchPlan.Job job) {
        long t0 = System.nanoTime();
        if (job.output() == null) {
            return new FileResult(job.input(), null, ImageFiles.unencodableName(job.input()), 0, 0, 0);
        }
        try {
            if (resolver instanceof StreamingSuperResolver streaming) {
                ImageSource lr = loader.readSource(job.input());
                listener.imageRead(index, job.input(), lr.width(), lr.height());
                int bits = bitDepth != null ? bitDepth : lr.bitDepth();
                int s = resolver.scale();
                PngWriter.stream(job.output(), lr.width() * s, lr.height() * s, lr.channels(), lr.hasAlpha(), bits,
                        sink -> streaming.upscale(lr, sink));
                return new FileResult(job.input(), job.output(), null, lr.width() * s, lr.height() * s, seconds(t0));
            }
            ImageData lr = loader.read(job.input());
            listener.imageRead(index, job.input(), lr.width(), lr.height());
            ImageData sr = resolver.upscale(lr);
            int bits = bitDepth != null ? bitDepth : sr.bitDepth();
            PngWriter.write(sr, job.output(), bits);
            return new FileResult(job.input(), job.output(), null, sr.width(), sr.height(), seconds(t0));
        } catch (IOException | RuntimeException e) {
            return new FileResult(job.input(), null, message(job, e), 0, 0, seconds(t0));
        }
    }

    /** The outermost folder of {@code dir} that does not exist yet, or null. */
    private static Path firstMissing(Path dir) {
        Path missing = null;
        for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        return missing;
    }

    /** Deletes the folders this batch created if they hold nothing (every input failed). */
    private static void removeIfNothingWritten(Path created) {
        if (created == null) {
            return;
        }
        try (var walk = Files.walk(created)) {
            if (walk.anyMatch(Files::isRegularFile)) {
                return;
            }
        } catch (IOException e) {
            return;
        }
        try (var walk = Files.walk(created)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
            LOG.debug("removed {}: no file was written into it", created);
        } catch (IOException e) {
            LOG.debug("could not remove the empty folder {}: {}", created, e.toString());
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** One line naming the input: the exception's message, prefixed with the input unless it starts with it. */
    static String message(BatchPlan.Job job, Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.replaceAll("\\s*\\R\\s*", " ").trim();
        String in = job.input().toString();
        return m.startsWith(in) ? m : in + ": " + m;
    }

    /** Configures a {@link BatchUpscaler}. */
    public static final class Builder {
        private final SuperResolver resolver;
        private ImageLoader loader = new ImageLoader();
        private Integer bitDepth;
        private BatchListener listener = new BatchListener() {};

        private Builder(SuperResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
        }

        /** The image loader (pixel limit); default {@link ImageLoader#ImageLoader()}. */
        public Builder optLoader(ImageLoader l) {
            this.loader = Objects.requireNonNull(l, "loader");
            return this;
        }

        /** Output bit depth, 8 or 16; null (default) keeps each input's depth. */
        public Builder optBitDepth(Integer bits) {
            if (bits != null && bits != 8 && bits != 16) {
                throw new IllegalArgumentException("bit depth must be 8 or 16, got " + bits);
            }
            this.bitDepth = bits;
            return this;
        }

        /** Progress callbacks. */
        public Builder optListener(BatchListener l) {
            this.listener = Objects.requireNonNull(l, "listener");
            return this;
        }

        public BatchUpscaler build() {
            return new BatchUpscaler(this);
        }
    }
}
