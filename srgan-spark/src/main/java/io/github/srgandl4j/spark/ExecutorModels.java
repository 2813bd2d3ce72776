package io.github.srgandl4j.spark;

import io.github.srgandl4j.core.model.SuperResolutionModel;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models loaded in this JVM (an executor, or the driver in local mode), kept for the JVM's
 * lifetime so that a model is loaded once per executor, not once per image or per task.
 *
 * <p>A model's graph is not safe to run from two threads at once, and an executor runs one task
 * per core at the same time; so each model source has a pool: a task {@link #borrow}s a model
 * (loading one only if every loaded copy is in use) and gives it back when the task ends. An
 * executor with {@code n} task slots therefore loads a model at most {@code n} times, whatever
 * the number of images and tasks.
 */
public final class ExecutorModels {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);
    private static final Map<ModelSource, ConcurrentLinkedDeque<SuperResolutionModel>> IDLE = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private ExecutorModels() {}

    /** A model borrowed from the pool; {@link #close} gives it back (it stays loaded). */
    public static final class Lease implements AutoCloseable {
        private final ModelSource source;
        private final SuperResolutionModel model;

        private Lease(ModelSource source, SuperResolutionModel model) {
            this.source = source;
            this.model = model;
        }

        public SuperResolutionModel model() {
            return model;
        }

        @Override
        public void close() {
            IDLE.computeIfAbsent(source, s -> new ConcurrentLinkedDeque<>()).push(model);
        }
    }

    /** An idle model of {@code source}, loading one if none is idle. */
    public static Lease borrow(ModelSource source, HadoopConf conf) throws IOException {
        SuperResolutionModel m = IDLE.computeIfAbsent(source, s -> new ConcurrentLinkedDeque<>()).poll();
        if (m == null) {
            long t0 = System.nanoTime();
            m = source.load(conf);
            int n = LOADS.incrementAndGet();
            LOG.info("loaded model {} ({}) in {} ms; {} load(s) in this JVM", source.model(), m.name(),
                    (System.nanoTime() - t0) / 1_000_000, n);
        }
        return new Lease(source, m);
    }

    /** How many models this JVM has loaded so far (all sources). */
    public static int loads() {
        return LOADS.get();
    }
}
