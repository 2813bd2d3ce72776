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
 * resident memory. {@link Manager} frees released arrays at once, except for a pool of up to 256 MiB of
 * arrays of 1 MiB or more that later op outputs of the same shape reuse (system property
 * {@code srgan.inference.poolMiB}; docs/performance.md, speed section 7, has the measurements). SrResNetModel
 * and imported ONNX models use it.
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
     * Allocates uninitialised arrays and closes them on release, except that arrays of at least
     * {@link #MIN_POOLED_BYTES} (up to the pool's cap in all) are kept for reuse by allocations of the same
     * shape: libnd4j M2.1 touches every page of a new buffer, so a fresh 64 MiB array costs 35-41 ms and a
     * 4 MiB one 0.3-1 ms (measured on a 2-core AVX-512 host), which was about a quarter of a 128x128
     * SRResNet forward pass. When the pool is full, arrays of the least recently used other shapes make room.
     */
    static final class Manager extends AbstractMemoryMgr implements SessionMemMgr {
        /** Arrays below this size are freed at once (their allocation is cheap). */
        static final long MIN_POOLED_BYTES = 1L << 20;
        /**
         * The default cap of the pool: 256 MiB (measured idle on a 2-core AVX-512 host, 16 blocks, 128x128 x4:
         * 470-527 ms and 558-568 MiB peak against 558-790 ms and 459-477 MiB with no pool; docs/performance.md,
         * speed section 7). The system property {@value #POOL_PROPERTY} (MiB, >= 0; 0: no pool) replaces it.
         */
        static final long POOL_BYTES = 256L << 20;
        static final String POOL_PROPERTY = "srgan.inference.poolMiB";
        private final long poolBytes = poolBytesFromProperty();
        /** Pooled arrays by shape, in access order (least recently used shape first). */
        private final Map<String, Deque<INDArray>> pool = new java.util.LinkedHashMap<>(16, 0.75f, true);
        private long pooledBytes;
        private long reuses;

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
            INDArray a = fromPool(key(dataType, shape));
            return a != null ? a : Nd4j.createUninitialized(dataType, shape);
        }

        /**
         * The allocation an inference session makes for every op output: served from the pool when the descriptor
         * is a plain C-order array (before session 17 this path bypassed the pool, so it was filled but never used).
         */
        @Override
        public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
            if (!descriptor.isEmpty() && descriptor.getOrder() == 'c'
                    && Arrays.equals(descriptor.getStride(), Nd4j.getStrides(descriptor.getShape(), 'c'))) {
                INDArray a = fromPool(key(descriptor.dataType(), descriptor.getShape()));
                if (a != null) {
                    return a;
                }
            }
            return Nd4j.create(descriptor, false);
        }

        private INDArray fromPool(String key) {
            Deque<INDArray> d = pool.get(key); // (access order: this shape becomes the most recently used)
            if (d == null || d.isEmpty()) {
                return null;
            }
            INDArray a = d.pop();
            pooledBytes -= bytes(a);
            reuses++;
            // a new array object on the pooled buffer: M2.1's inference session tracks arrays by identity, and
            // handing the same object out for a second variable made it keep both (never released: measured)
            return Nd4j.create(a.data(), a.shape(), a.stride(), 0, 'c', a.dataType());
        }

        @Override
        public void release(INDArray array) {
            long b = bytes(array);
            boolean reusable = b >= MIN_POOLED_BYTES && b <= poolBytes && !array.isView() && !array.wasClosed()
                    && array.ordering() == 'c' && Nd4j.getExecutioner().useCount(array.data()) <= 1;
            if (reusable) {
                String k = key(array.dataType(), array.shape());
                if (pooledBytes + b > poolBytes) {
                    evictOtherShapes(k, pooledBytes + b - poolBytes);
                }
                if (pooledBytes + b <= poolBytes) {
                    pool.computeIfAbsent(k, x -> new ArrayDeque<>()).push(array);
                    pooledBytes += b;
                    return;
                }
            }
            if (array.closeable()) {
                array.close();
            }
        }

        /**
         * Frees pooled arrays of shapes other than {@code keep}, least recently used shapes first, until at least
         * {@code bytes} are freed or none is left: a pool filled by one image size makes room for the next.
         */
        private void evictOtherShapes(String keep, long bytes) {
            long freed = 0;
            for (var it = pool.entrySet().iterator(); it.hasNext() && freed < bytes; ) {
                var e = it.next();
                if (e.getKey().equals(keep)) {
                    continue;
                }
                Deque<INDArray> d = e.getValue();
                while (!d.isEmpty() && freed < bytes) {
                    INDArray a = d.pop();
                    long ab = bytes(a);
                    pooledBytes -= ab;
                    freed += ab;
                    if (a.closeable()) {
                        a.close();
                    }
                }
                if (d.isEmpty()) {
                    it.remove();
                }
            }
        }

        /** Bytes held for reuse. */
        long pooledBytes() {
            return pooledBytes;
        }

        /** Allocations served from the pool so far. */
        long reuses() {
            return reuses;
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
