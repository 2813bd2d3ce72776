package io.github.srgandl4j.spark;

import io.github.srgandl4j.core.upscale.TilingOptions;
import io.github.srgandl4j.core.upscale.Upscaler;
import io.github.srgandl4j.data.io.ImageLoader;
import io.github.srgandl4j.data.upscale.BatchPlan;
import io.github.srgandl4j.data.upscale.BatchUpscaler;
import io.github.srgandl4j.data.upscale.FileResult;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * The executor side of {@link SparkUpscaler}: upscales one partition of jobs with a model borrowed
 * from {@link ExecutorModels}, through the library's single-machine {@link BatchUpscaler} (same
 * decoding, tiling, PNG encoding, atomic write and per-file error messages as
 * {@code srgan upscale}). Files on a remote file system are read through a local copy and the
 * finished PNG is uploaded under a hidden temporary name and renamed into place.
 */
final class UpscaleTask implements FlatMapFunction<Iterator<UpscalePlan.Job>, RemoteFileResult>, Serializable {
    private static final long serialVersionUID = 1L;

    private final ModelSource model;
    private final int tile;
    private final int tilePad;
    private final int backProjection;
    private final Integer bitDepth;
    private final long maxPixels;
    private final HadoopConf conf;

    UpscaleTask(ModelSource model, TilingOptions tiling, int backProjection, Integer bitDepth, long maxPixels,
            HadoopConf conf) {
        this.model = model;
        this.tile = tiling.tileSize();
        this.tilePad = tiling.tilePad();
        this.backProjection = backProjection;
        this.bitDepth = bitDepth;
        this.maxPixels = maxPixels;
        this.conf = conf;
    }

    @Override
    public Iterator<RemoteFileResult> call(Iterator<UpscalePlan.Job> jobs) throws IOException {
        List<RemoteFileResult> out = new ArrayList<>();
        if (!jobs.hasNext()) {
            return out.iterator();
        }
        String executor = executorId();
        try (ExecutorModels.Lease lease = ExecutorModels.borrow(model, conf)) {
            // not closed: closing an Upscaler closes its model, which goes back to the pool
            Upscaler up = Upscaler.builder(lease.model()).optTiling(new TilingOptions(tile, tilePad))
                    .optBackProjection(backProjection).build();
            BatchUpscaler batch = BatchUpscaler.builder(up).optLoader(new ImageLoader(maxPixels)).optBitDepth(bitDepth).build();
            while (jobs.hasNext()) {
                out.add(runOne(batch, jobs.next(), executor));
            }
        }
        return out.iterator();
    }

    private RemoteFileResult runOne(BatchUpscaler batch, UpscalePlan.Job job, String executor) {
        long t0 = System.nanoTime();
        Path in = new Path(job.input());
        Path target = new Path(job.output());
        try {
            FileSystem inFs = in.getFileSystem(conf.get());
            FileSystem outFs = target.getFileSystem(conf.get());
            try (LocalView input = LocalView.forReading(inFs, in);
                    LocalView outDir = LocalView.forWriting(outFs, target.getParent())) {
                java.nio.file.Path localOut = outDir.path().resolve(target.getName());
                FileResult r = batch.run(new BatchPlan(List.of(new BatchPlan.Job(input.path(), localOut)), outDir.path(), false))
                        .results().get(0);
                if (!r.ok()) {
                    return failure(job, input.describe(outDir.describe(r.error())), t0, executor);
                }
                if (outDir.isCopy()) {
                    publish(outFs, localOut, target);
                }
                return new RemoteFileResult(job.input(), job.output(), null, r.width(), r.height(), seconds(t0), executor);
            }
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s*\\R\\s*", " ");
            String in0 = UpscalePlan.display(job.input());
            return failure(job, m.startsWith(in0) ? m : in0 + ": " + m, t0, executor);
        }
    }

    /** Uploads {@code local} under a hidden temporary name beside {@code target}, then renames it into place. */
    static void publish(FileSystem fs, java.nio.file.Path local, Path target) throws IOException {
        Path tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        try {
            fs.copyFromLocalFile(false, true, new Path(local.toUri()), tmp);
            if (fs.exists(target)) {
                fs.delete(target, false); // only with overwrite: the plan left existing outputs out otherwise
            }
            if (!fs.rename(tmp, target)) {
                throw new IOException(target + ": could not move the finished file " + tmp + " into place");
            }
        } finally {
            if (fs.exists(tmp)) {
                fs.delete(tmp, false);
            }
        }
    }

    private static RemoteFileResult failure(UpscalePlan.Job job, String message, long t0, String executor) {
        return new RemoteFileResult(job.input(), null, message, 0, 0, seconds(t0), executor);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static String executorId() {
        SparkEnv env = SparkEnv.get();
        return env == null ? "?" : env.executorId();
    }
}
