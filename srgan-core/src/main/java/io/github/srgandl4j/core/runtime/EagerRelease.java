package io.github.srgandl4j.core.runtime;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.SessionMemMgr;
import org.nd4j.autodiff.samediff.internal.memory.AbstractMemoryMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Makes a SameDiff graph's inference on the calling thread free each intermediate array as soon as
 * the graph no longer needs it, instead of keeping it for reuse.
 *
 * <p>By default an M2.1 inference session hands released arrays to an {@code ArrayCacheMemoryMgr},
 * which keeps up to a quarter of JavaCPP's {@code maxbytes} (by default the heap size, 6 GB here)
 * alive between calls for reuse: after one 128x128 -> 512x512 SRResNet forward pass that was about
 * 1 GB of resident memory doing nothing (docs/performance.md). The arrays are allocated afresh on
 * each call instead. Measured on that forward pass (2 threads): default cache 486-517 ms, peak RSS
 * 950-973 MiB; eager release 605-696 ms, 426-434 MiB (the difference is page faults of fresh
 * allocations). SrResNetModel and imported ONNX models use it: memory is what limits how large an
 * image or tile one can upscale, and this keeps the resident set at PyTorch's level.
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

    /** Allocates uninitialised arrays; closes them on release. */
    static final class Manager extends AbstractMemoryMgr implements SessionMemMgr {
        @Override
        public INDArray allocate(boolean detached, DataType dataType, long... shape) {
            return Nd4j.createUninitialized(dataType, shape);
        }

        @Override
        public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
            return Nd4j.create(descriptor, false);
        }

        @Override
        public void release(INDArray array) {
            if (array.closeable()) {
                array.close();
            }
        }

        @Override
        public void close() {
            // nothing is kept
        }
    }
}
