package io.github.srgandl4j.core.train;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bulk copies between dense float32 ND4J arrays (in native memory) and JVM {@code float[]} buffers, for updates that
 * are cheaper on the JVM than as one native op per small tensor ({@link JvmAdam}, {@link GeneratorEma}), and for the
 * plane-by-plane kernels that beat slow libnd4j ops ({@link ChannelScale}, {@link MaxPoolBackward}).
 */
final class FloatCopies {
    /**
     * Longest tensor updated on the JVM (elements). Longer ones go to ND4J: there the native ops' two threads beat one
     * JVM thread and their wake-up cost no longer matters, and the JVM's scratch buffers stay small (train-gan's dense
     * layer of 18.9 M weights would need 300 MB of them).
     */
    static final int MAX_LENGTH = 1 << 16;

    private FloatCopies() {}

    /**
     * True if the JVM path applies: {@code n} is at most {@link #MAX_LENGTH} and every array is {@link #dense} with
     * {@code n} elements (a null array never is).
     */
    static boolean jvmSized(long n, INDArray... arrays) {
        if (n > MAX_LENGTH) {
            return false;
        }
        for (INDArray a : arrays) {
            if (!dense(a) || a.length() != n) {
                return false;
            }
        }
        return true;
    }

    /**
     * True if {@code a} is float32 and its elements lie densely in buffer order (any view of a dense block, e.g. the
     * halves of an updater's state array, qualifies; strided views do not).
     */
    static boolean dense(INDArray a) {
        return a != null && a.dataType() == DataType.FLOAT && a.length() <= Integer.MAX_VALUE
                && (a.length() <= 1 || a.elementWiseStride() == 1) && a.ordering() == 'c'
                && a.data().length() >= a.length();
    }

    /** Copies the elements of dense {@code a} into {@code dst[0..length)}. */
    static void read(INDArray a, float[] dst) {
        floats(a).get(0, dst, 0, (int) a.length());
    }

    /** Copies {@code src[0..length)} into dense {@code a}. */
    static void write(float[] src, INDArray a) {
        floats(a).put(0, src, 0, (int) a.length());
    }

    /**
     * The elements of dense {@code a} as a buffer whose index 0 is its first element, for kernels that copy it piece by
     * piece with the buffer's absolute bulk {@code get}/{@code put} (which leave its position alone): take it once per
     * array, not once per piece.
     */
    static FloatBuffer floats(INDArray a) {
        // ND4J positions the buffer of a view at the view's first element (its DataBuffer offset)
        FloatBuffer all = a.data().asNioFloat();
        return all.slice(all.position(), (int) a.length());
    }
}
