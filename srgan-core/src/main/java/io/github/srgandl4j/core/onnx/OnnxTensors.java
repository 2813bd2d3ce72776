package io.github.srgandl4j.core.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import onnx.Onnx;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Converts ONNX {@code TensorProto}s (initializers and Constant values) into ND4J arrays.
 * Floating-point tensors (float32, float64, float16) become float32; int32/int64 tensors become int64.
 */
final class OnnxTensors {
    static final int FLOAT = 1;
    static final int INT32 = 6;
    static final int INT64 = 7;
    static final int FLOAT16 = 10;
    static final int DOUBLE = 11;

    private OnnxTensors() {}

    /**
     * The tensor as an INDArray in C order.
     *
     * @param what describes the tensor for error messages (e.g. "initializer 'w' of model x.onnx")
     */
    static INDArray toArray(Onnx.TensorProto t, String what) {
        if (t.getDataLocation() == Onnx.TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            throw new OnnxImportException(what + " keeps its data in an external file, which is not supported;"
                    + " re-export the model with the weights inside the .onnx file");
        }
        long[] shape = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        long count = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new OnnxImportException(what + " has a negative dimension in shape " + java.util.Arrays.toString(shape));
            }
            count = Math.multiplyExact(count, d);
        }
        if (count > Integer.MAX_VALUE) {
            throw new OnnxImportException(what + " is too large (" + count + " elements)");
        }
        int n = (int) count;
        if (n == 0) {
            boolean fp = t.getDataType() == FLOAT || t.getDataType() == DOUBLE || t.getDataType() == FLOAT16;
            return Nd4j.create(fp ? DataType.FLOAT : DataType.INT64, shape);
        }
        boolean raw = !t.getRawData().isEmpty();
        ByteBuffer bytes = raw ? t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN) : null;
        switch (t.getDataType()) {
            case FLOAT: {
                float[] v = new float[n];
                if (raw) {
                    checkBytes(bytes, n, 4, what);
                    bytes.asFloatBuffer().get(v);
                } else {
                    checkCount(t.getFloatDataCount(), n, what);
                    List<Float> list = t.getFloatDataList();
                    for (int i = 0; i < n; i++) {
                        v[i] = list.get(i);
                    }
                }
                return create(v, shape);
            }
            case DOUBLE: {
                float[] v = new float[n];
                if (raw) {
                    checkBytes(bytes, n, 8, what);
                    for (int i = 0; i < n; i++) {
                        v[i] = (float) bytes.getDouble(i * 8);
                    }
                } else {
                    checkCount(t.getDoubleDataCount(), n, what);
                    for (int i = 0; i < n; i++) {
                        v[i] = (float) t.getDoubleData(i);
                    }
                }
                return create(v, shape);
            }
            case FLOAT16: {
                // raw: 2 bytes each; otherwise the bit patterns are stored in int32_data
                float[] v = new float[n];
                if (raw) {
                    checkBytes(bytes, n, 2, what);
                    for (int i = 0; i < n; i++) {
                        v[i] = halfToFloat(bytes.getShort(i * 2) & 0xffff);
                    }
                } else {
                    checkCount(t.getInt32DataCount(), n, what);
                    for (int i = 0; i < n; i++) {
                        v[i] = halfToFloat(t.getInt32Data(i) & 0xffff);
                    }
                }
                return create(v, shape);
            }
            case INT64: {
                long[] v = new long[n];
                if (raw) {
                    checkBytes(bytes, n, 8, what);
                    bytes.asLongBuffer().get(v);
                } else {
                    checkCount(t.getInt64DataCount(), n, what);
                    for (int i = 0; i < n; i++) {
                        v[i] = t.getInt64Data(i);
                    }
                }
                return shape.length == 0 ? Nd4j.scalar(v[0]) : Nd4j.createFromArray(v).reshape(shape);
            }
            case INT32: {
                long[] v = new long[n];
                if (raw) {
                    checkBytes(bytes, n, 4, what);
                    for (int i = 0; i < n; i++) {
                        v[i] = bytes.getInt(i * 4);
                    }
                } else {
                    checkCount(t.getInt32DataCount(), n, what);
                    for (int i = 0; i < n; i++) {
                        v[i] = t.getInt32Data(i);
                    }
                }
                return shape.length == 0 ? Nd4j.scalar(v[0]) : Nd4j.createFromArray(v).reshape(shape);
            }
            default:
                throw new OnnxImportException(what + " has ONNX data type " + dataTypeName(t.getDataType())
                        + ", which is not supported (supported: FLOAT, DOUBLE, FLOAT16, INT32, INT64)");
        }
    }

    private static INDArray create(float[] v, long[] shape) {
        if (shape.length == 0) {
            return Nd4j.scalar(DataType.FLOAT, v[0]);
        }
        return Nd4j.create(v, shape, 'c');
    }

    private static void checkBytes(ByteBuffer bytes, int n, int width, String what) {
        if (bytes.remaining() != (long) n * width) {
            throw new OnnxImportException(what + " has " + bytes.remaining() + " bytes of raw data, expected "
                    + ((long) n * width) + " for its shape");
        }
    }

    private static void checkCount(int have, int n, String what) {
        if (have != n) {
            throw new OnnxImportException(what + " has " + have + " values, expected " + n + " for its shape");
        }
    }

    /** IEEE 754 half-precision bits to float. */
    static float halfToFloat(int h) {
        int sign = (h >>> 15) & 1;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        float v;
        if (exp == 0) {
            v = mant * 0x1p-24f;
        } else if (exp == 31) {
            v = mant == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            v = Float.intBitsToFloat(((exp - 15 + 127) << 23) | (mant << 13));
        }
        return sign == 1 ? -v : v;
    }

    static String dataTypeName(int code) {
        Onnx.TensorProto.DataType dt = Onnx.TensorProto.DataType.forNumber(code);
        return dt == null ? "code " + code : dt.name();
    }
}
