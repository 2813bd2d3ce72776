package io.github.srgandl4j.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs work on the channel planes of an NCHW tensor on several threads: contiguous ranges of planes, one per thread,
 * the caller's thread taking the first. Each range gets its own array of sums, returned in range order, so a caller
 * that adds them up in that order gets the same result for the same thread count (the JVM kernels of the compiled
 * training step: {@link ChannelScale}, {@link MaxPoolBackward}).
 */
final class PlanePartition {
    /** Worker threads beyond the caller's, shared by every kernel (daemon threads; idle ones end after a minute). */
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "srgan-planes");
        t.setDaemon(true);
        return t;
    });

    private PlanePartition() {}

    /** The work on planes {@code [from, to)}, adding into its range's {@code sums}. */
    interface Planes {
        void run(int from, int to, double[] sums);
    }

    /**
     * True if {@code a} is a dense NCHW float32 tensor whose planes the kernels can index: at most 2^31 of them, each
     * of at most 2^29 values (a plane's byte offset within a {@code FloatBuffer} stays an int).
     */
    static boolean fits(INDArray a) {
        return a != null && a.rank() == 4 && FloatCopies.dense(a) && a.size(2) * a.size(3) <= Integer.MAX_VALUE / 4
                && a.size(0) * a.size(1) <= Integer.MAX_VALUE;
    }

    /** As many threads as ND4J's native ops use, at most the processors. */
    static int nd4jThreads() {
        int n = Math.min(Nd4j.getEnvironment().maxThreads(), Runtime.getRuntime().availableProcessors());
        return Math.max(1, n);
    }

    /**
     * Runs {@code work} over {@code planes} planes in at most {@code threads} ranges; returns each range's
     * {@code sumsLength} sums, in range order.
     */
    static double[][] run(int threads, int planes, int sumsLength, Planes work) {
        int parts = Math.max(1, Math.min(threads, planes));
        double[][] sums = new double[parts][sumsLength];
        List<Future<?>> futures = new ArrayList<>(parts - 1);
        for (int k = 1; k < parts; k++) {
            int part = k;
            futures.add(WORKERS.submit(() -> work.run(bound(planes, parts, part), bound(planes, parts, part + 1),
                    sums[part])));
        }
        RuntimeException failure = null;
        try {
            work.run(0, bound(planes, parts, 1), sums[0]);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : futures) { // wait for every range, also after a failure: none may write on afterwards
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure != null ? failure : new IllegalStateException("interrupted while working on planes", e);
            } catch (ExecutionException e) {
                failure = failure != null ? failure : new IllegalStateException("work on planes failed", e.getCause());
            }
        }
        if (failure != null) {
            throw failure;
        }
        return sums;
    }

    private static int bound(int planes, int parts, int k) {
        return (int) ((long) planes * k / parts);
    }
}
