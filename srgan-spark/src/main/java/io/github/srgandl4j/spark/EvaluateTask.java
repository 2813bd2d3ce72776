package io.github.srgandl4j.spark;

import io.github.srgandl4j.core.image.BicubicUpscaler;
import io.github.srgandl4j.core.image.SuperResolver;
import io.github.srgandl4j.core.upscale.TilingOptions;
import io.github.srgandl4j.core.upscale.Upscaler;
import io.github.srgandl4j.data.benchmark.BenchmarkRunner;
import io.github.srgandl4j.data.benchmark.ImageResult;
import io.github.srgandl4j.data.io.ImageFiles;
import io.github.srgandl4j.data.io.ImageLoader;
import io.github.srgandl4j.data.metrics.Metric;
import io.github.srgandl4j.data.metrics.MetricOptions;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * The executor side of {@link SparkEvaluator}: scores one partition of HR/LR pairs with
 * {@link BenchmarkRunner#score}, the very code {@code srgan evaluate} runs per image, so any metric
 * added to {@code ImageResult} there is computed here too.
 */
final class EvaluateTask implements FlatMapFunction<Iterator<String[]>, ScoredPair>, Serializable {
    private static final long serialVersionUID = 1L;

    private final ModelSource model; // null: bicubic
    private final int scale;
    private final int tile;
    private final int tilePad;
    private final int backProjection;
    private final MetricOptions options;
    private final EnumSet<Metric> metrics;
    private final long maxPixels;
    private final HadoopConf conf;

    EvaluateTask(ModelSource model, int scale, TilingOptions tiling, int backProjection, MetricOptions options,
            Set<Metric> metrics, long maxPixels, HadoopConf conf) {
        this.model = model;
        this.scale = scale;
        this.tile = tiling.tileSize();
        this.tilePad = tiling.tilePad();
        this.backProjection = backProjection;
        this.options = options;
        this.metrics = EnumSet.copyOf(metrics);
        this.maxPixels = maxPixels;
        this.conf = conf;
    }

    @Override
    public Iterator<ScoredPair> call(Iterator<String[]> pairs) throws IOException {
        List<ScoredPair> out = new ArrayList<>();
        if (!pairs.hasNext()) {
            return out.iterator();
        }
        if (model == null) {
            score(new BicubicUpscaler(scale), pairs, out);
            return out.iterator();
        }
        try (ExecutorModels.Lease lease = ExecutorModels.borrow(model, conf)) {
            // not closed: closing an Upscaler closes its model, which goes back to the pool
            score(Upscaler.builder(lease.model()).optTiling(new TilingOptions(tile, tilePad))
                    .optBackProjection(backProjection).build(), pairs, out);
        }
        return out.iterator();
    }

    private void score(SuperResolver resolver, Iterator<String[]> pairs, List<ScoredPair> out) {
        while (pairs.hasNext()) {
            String[] p = pairs.next();
            out.add(scoreOne(resolver, p[0], p[1]));
        }
    }

    private ScoredPair scoreOne(SuperResolver resolver, String hrText, String lrText) {
        Path hr = new Path(hrText);
        try {
            FileSystem fs = hr.getFileSystem(conf.get());
            try (LocalView hrLocal = LocalView.forReading(fs, hr);
                    LocalView lrLocal = lrText == null ? null : LocalView.forReading(new Path(lrText).getFileSystem(conf.get()),
                            new Path(lrText))) {
                BenchmarkRunner runner = BenchmarkRunner.builder(resolver)
                        .hrDir(hrLocal.path().getParent())
                        .metricOptions(options)
                        .optMetrics(metrics)
                        .loader(new ImageLoader(maxPixels))
                        .build();
                try {
                    ImageResult r = runner.score(new ImageFiles.Pair(hrLocal.path(), lrLocal == null ? null : lrLocal.path()));
                    return new ScoredPair(r, null);
                } catch (IOException | RuntimeException e) {
                    String m = message(e);
                    m = hrLocal.describe(lrLocal == null ? m : lrLocal.describe(m));
                    return new ScoredPair(null, new ImageFailure(hrText, named(hrText, lrText, m)));
                }
            }
        } catch (IOException | RuntimeException e) {
            return new ScoredPair(null, new ImageFailure(hrText, named(hrText, lrText, message(e))));
        }
    }

    private static String message(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** The message, prefixed with the HR file unless it already names the HR or the LR file. */
    private static String named(String hr, String lr, String m) {
        String h = UpscalePlan.display(hr);
        if (m.startsWith(h) || (lr != null && m.startsWith(UpscalePlan.display(lr)))) {
            return m;
        }
        return h + ": " + m;
    }
}
