package io.github.srgandl4j.core.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How checkpoints store the optimizers' Adam moments. {@link #FLOAT32} keeps them exactly (resume gives the same
 * losses as an uninterrupted run). {@link #BFLOAT16} keeps the upper 16 bits of each float32 (8 exponent bits, so
 * the tiny second moments neither underflow nor overflow as float16's would; 8 significant bits, relative rounding
 * error at most 2^-8), rounded to nearest even: half the bytes, and a resumed run is close to, not identical with,
 * an uninterrupted one. Weights, BN statistics and the generator's moving average are always float32.
 */
public enum MomentPrecision {
    /** Exact. */
    FLOAT32,
    /** Half the size, rounded. */
    BFLOAT16;

    /** {@code float32} or {@code bfloat16}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code float32} or {@code bfloat16} (case-insensitive). */
    public static MomentPrecision parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        try {
            return valueOf(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("moment precision must be float32 or bfloat16, got '" + text + "'", e);
        }
    }

    /** The bfloat16 bits of {@code f}, rounded to nearest, ties to even. */
    static short toBfloat16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) {
            return (short) ((bits >>> 16) | 0x40); // stays a NaN
        }
        int rounded = bits + 0x7FFF + ((bits >>> 16) & 1);
        return (short) (rounded >>> 16);
    }

    /** The float32 value of bfloat16 bits. */
    static float fromBfloat16(short b) {
        return Float.intBitsToFloat((b & 0xFFFF) << 16);
    }

    /** An array's values as little-endian bfloat16 bytes (C order). */
    static byte[] encode(INDArray a) {
        float[] v = a.dup('c').data().asFloat();
        ByteBuffer buf = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            buf.putShort(toBfloat16(f));
        }
        return buf.array();
    }

    /** A float32 array of {@code shape} from little-endian bfloat16 bytes; fails unless the length fits. */
    static INDArray decode(byte[] data, long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        if (data.length != n * 2) {
            throw new IllegalArgumentException("bfloat16 data has " + data.length + " bytes, expected " + n * 2
                    + " for shape " + java.util.Arrays.toString(shape));
        }
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = fromBfloat16(buf.getShort());
        }
        return Nd4j.createFromArray(v).reshape(shape);
    }
}
