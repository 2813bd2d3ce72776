package io.github.srgandl4j.core.runtime;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.SessionMemMgr;
import org.nd4j.autodiff.samediff.internal.memory.AbstractMemoryMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Makes a SameDiff graph's inference on the calling thread free intermediate arrays as soon as the
 * graph no longer needs them, keeping only a small pool of large arrays for reuse.
 *
 * <p>By default an M2.1 inference session hands released arrays to an {@code ArrayCacheMemoryMgr},
 * which keeps up to a quarter of JavaCPP's {@code maxbytes} (by default the heap size, 6 GB here)
 * alive between calls: after one 128x128 -> 512x512 SRResNet forward pass that was about 1 GB of
 * resident memory. {@link Manager} frees released arrays at once; it can keep a pool of large ones for
 * reuse (system property {@code srgan.inference.poolMiB}, default 0: no pool; docs/performance.md has the
 * measurements). SrResNetModel and imported ONNX models use it.
 */
public final class EagerRelease {
    private EagerRelease() {}

    /** Installs the eager manager in {@code sd}'s session for the current thread (idempotent). */
    public static void install(SameDiff sd) {
        long thread = Thread.currentThread().getId();
        InferenceSession session = sd.getSessions().computeIfAbsent(thread, t -> SameDiff.getInferenceFactory().create(sd));
        if (!(session.getMmgr() instanceof Manager)) {
            session.setMmgr(new Manager());
        }
    }

    /**
     * Allocates uninitialised arrays and closes them on release, except that a few large arrays
     * (at least {@link #LARGE_BYTES}, up to {@link #POOL_BYTES} in all) are kept for reuse by
     * allocations of the same shape: each fresh allocation of that size is a new memory mapping whose
     * pages fault in one by one (about 40 ms per 64 MB here), which is most of what eager release
     * costs without the pool.
     */
    static final class Manager extends AbstractMemoryMgr implements SessionMemMgr {
        static final long LARGE_BYTES = 16L << 20;
        /**
         * The default cap of the pool: 0, every array freed at once (measured idle on a 2-core AVX2 host, 128x128 x4:
         * 1444-1446 ms and 478-483 MiB peak against 1369-1447 ms and 742-761 MiB with a 256 MiB pool;
         * docs/performance.md, section 7). The system property {@value #POOL_PROPERTY} (MiB, >= 0) replaces it.
         */
        static final long POOL_BYTES = 0;
        static final String POOL_PROPERTY = "srgan.inference.poolMiB";
        private final long poolBytes = poolBytesFromProperty();
        private final Map<String, Deque<INDArray>> pool = new HashMap<>();
        private long pooledBytes;

        /** The pool's cap: {@value #POOL_PROPERTY} in MiB if set, else {@link #POOL_BYTES}. */
        static long poolBytesFromProperty() {
            String v = System.getProperty(POOL_PROPERTY);
            if (v == null || v.isBlank()) {
                return POOL_BYTES;
            }
            try {
                long mib = Long.parseLong(v.trim());
                if (mib < 0) {
                    throw new NumberFormatException();
                }
                return mib << 20;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("system property " + POOL_PROPERTY + " must be a whole number of MiB "
                        + ">= 0, got '" + v + "'");
            }
        }

        /** This manager's pool cap in bytes. */
        long poolBytes() {
            return poolBytes;
        }

        @Override
        public INDArray allocate(boolean detached, DataType dataType, long... shape) {
            Deque<INDArray> d = pool.get(key(dataType, shape));
            if (d != null && !d.isEmpty()) {
                INDArray a = d.pop();
                pooledBytes -= bytes(a);
                return a;
            }
            return Nd4j.createUninitialized(dataType, shape);
        }

        @Override
        public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
            return Nd4j.create(descriptor, false);
        }

        @Override
        public void release(INDArray array) {
            long b = bytes(array);
            boolean reusable = b >= LARGE_BYTES && pooledBytes + b <= poolBytes && !array.isView() && !array.wasClosed()
                    && array.ordering() == 'c' && Nd4j.getExecutioner().useCount(array.data()) <= 1;
            if (reusable) {
                pool.computeIfAbsent(key(array.dataType(), array.shape()), k -> new ArrayDeque<>()).push(array);
                pooledBytes += b;
            } else if (array.closeable()) {
                array.close();
            }
        }

        /** Bytes held for reuse. */
        long pooledBytes() {
            return pooledBytes;
        }

        @Override
        public void close() {
            pool.values().forEach(d -> d.forEach(a -> {
                if (a.closeable()) {
                    a.close();
                }
            }));
            pool.clear();
            pooledBytes = 0;
        }

        private static long bytes(INDArray a) {
            return a.length() * a.dataType().width();
        }

        private static String key(DataType t, long[] shape) {
            return t + Arrays.toString(shape);
        }
    }
}
